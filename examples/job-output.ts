/**
 * The job directory, as a portal's "files" page does it: submit a script file from alice's home as
 * a job, wait for it, then list its working directory, preview and download its output, rename and
 * delete files. Every file operation goes over SFTP on the same pooled SSH connection the Slurm
 * commands use; no path is ever handed to a shell.
 *
 * Needs the test cluster (scripts/slurm-cluster/up.sh); run it with
 * `npx tsx --conditions=@hpckit/source examples/job-output.ts`.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { slurmAdapter } from '@hpckit/adapter-slurm';
import { createClient, formatError } from '@hpckit/core';
import { jobFiles, scriptFileJob, sftpFileSystem } from '@hpckit/remote';
import { sshTransport } from '@hpckit/transport';

const state = process.env.SLURM_LOCAL_STATE ?? '/var/lib/slurm-local';
const keyOf = (user: string) => join(state, 'ssh', `${user}_ed25519`);

// Each user logs in with their own key, so files are read and written as that user.
const transport = sshTransport({
  host: '127.0.0.1',
  port: Number(process.env.SLURM_LOCAL_SSH_PORT ?? 2222),
  // The service identity (commands that name no user); never one of the users it serves.
  credentials: { username: 'portal', privateKeyPath: keyOf('portal') },
  actAs: { mode: 'credentials' },
  userCredentials: (user) => ({ username: user, privateKeyPath: keyOf(user) }),
  hostKey: { knownHosts: [join(state, 'ssh', 'known_hosts')] },
});
const client = createClient({ clusters: { hpc: { adapter: slurmAdapter({ transport }) } } });
const alice = client.as('alice');
const files = sftpFileSystem({ transport, user: 'alice', previewBytes: 4096 });

try {
  // 1. A script file in a directory whose name needs quoting in any shell.
  const dir = `examples/job output ${Date.now()}`;
  await files.mkdir(dir, { recursive: true });
  await files.writeFile(
    `${dir}/relax.sh`,
    [
      '#!/bin/bash',
      'echo "relaxing on $(hostname) in $(pwd)"',
      'echo "energy=-42.5 eV" > result.txt',
      '',
    ].join('\n'),
  );

  // 2. "Submit this script file as a job": its directory is the job's working directory.
  const spec = await scriptFileJob(files, `${dir}/relax.sh`, {
    account: 'electroplating',
    timeLimit: '5m',
    memory: { perNode: '256M' },
  });
  const handle = await alice.jobs.submit(spec);
  console.log(`submitted job ${handle.id} from ${spec.workingDirectory}`);
  const job = await handle.wait({ until: 'ended', timeoutMs: 120_000 });
  console.log(`job ${job.id} ended: ${job.state.outcome}`);

  // 3. Where its files are, from the Job record (patterns such as %j expanded).
  const where = jobFiles(job);
  console.log(`working directory: ${where.workingDirectory}\nstdout: ${where.stdout}`);
  for (const entry of await files.list(where.workingDirectory!)) {
    const mode = entry.mode.toString(8).padStart(4, '0');
    console.log(`  ${entry.type.padEnd(9)} ${mode} ${String(entry.size).padStart(6)}  ${entry.name}`);
  }

  // 4. Read stdout (a preview, bounded), then download it.
  const head = await files.preview(where.stdout!);
  console.log(
    `stdout (${head.size} bytes${head.truncated ? ', truncated' : ''}):\n${head.content.toString()}`,
  );
  const local = join(mkdtempSync(join(tmpdir(), 'job-output-')), 'stdout.txt');
  await files.download(where.stdout!, local, {
    onProgress: ({ bytes, total }) => console.log(`  downloaded ${bytes}/${total} bytes`),
  });
  console.log(`downloaded to ${local}: ${JSON.stringify(readFileSync(local, 'utf8'))}`);

  // 5. Rename the result, then clean up the whole directory.
  await files.rename(`${dir}/result.txt`, `${dir}/relax result (final).txt`);
  console.log(`renamed: ${(await files.list(dir)).map((e) => e.name).join(', ')}`);
  await files.delete(`${dir}/relax result (final).txt`);
  await files.delete(dir, { recursive: true });
  console.log(`deleted ${dir}: exists=${await files.exists(dir)}`);
} catch (err) {
  console.error(formatError(err as Error));
  process.exitCode = 1;
} finally {
  await files.close();
  await client.close();
}
