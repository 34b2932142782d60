/**
 * A job's output at hand on the real cluster: read and followed through its handle over SFTP, as
 * the job's user, with each user's own SSH key on the same pooled connections the Slurm commands use.
 */
import { slurmAdapter } from '@hpckit/adapter-slurm';
import { createClient, isHpckitError } from '@hpckit/core';
import { jobOutputSource, sftpFileSystem } from '@hpckit/remote';
import { afterAll, describe, expect, it } from 'vitest';
import { assertClusterUp, sshPerUser } from '../support/test-cluster.js';

assertClusterUp();
const transport = sshPerUser();
const output = jobOutputSource({ files: (user) => sftpFileSystem({ transport, user }) });
const client = createClient({
  clusters: {
    hpc: { adapter: slurmAdapter({ transport }), jobOutput: output, polling: { minIntervalMs: 500 } },
  },
});
const alice = client.as('alice');
const spec = { account: 'electroplating', timeLimit: '5m', memory: { perNode: '128M' } } as const;

afterAll(async () => {
  await client.close();
  await output.close();
  await transport.close();
});

describe('job output over SFTP on the test cluster', () => {
  it('follows a running job’s stdout as it is written, then reads stdout and stderr whole', async () => {
    const handle = await alice.jobs.submit({
      ...spec,
      name: 'follow-output',
      command: 'for i in 1 2 3; do echo "step $i"; sleep 1; done\necho "oops" >&2',
      stderr: 'follow-%j.err',
    });
    const pieces: { text: string; phase: string }[] = [];
    for await (const text of handle.followOutput({ intervalMs: 200 })) {
      pieces.push({ text, phase: handle.state.phase });
    }
    expect(pieces.map((p) => p.text).join('')).toBe('step 1\nstep 2\nstep 3\n');
    // Followed, not read at the end: some text arrived while the job still ran.
    expect(pieces.some((p) => p.phase !== 'ended')).toBe(true);
    expect(handle.state.outcome).toBe('completed');

    const out = await handle.output();
    expect(out).toMatchObject({ exists: true, text: 'step 1\nstep 2\nstep 3\n', truncated: false });
    expect(out.path).toMatch(new RegExp(`/slurm-${handle.id}\\.out$`));
    expect(await handle.output({ stream: 'stderr' })).toMatchObject({ text: 'oops\n' });
    expect(await handle.output({ maxBytes: 6 })).toMatchObject({ text: 'step 1', truncated: true });
  }, 60_000);

  it('reads as the acting user: bob may not read alice’s output file', async () => {
    const handle = await alice.jobs.submit({
      ...spec,
      command: 'chmod 600 "private-$SLURM_JOB_ID.out"\necho private',
      stdout: 'private-%j.out',
    });
    await handle.wait({ timeoutMs: 60_000 });
    // The job made its output file alice's alone; the source reads as the user it is told.
    const err = await output
      .read(handle.job, 'stdout', { start: 0, maxBytes: 100, user: 'bob' })
      .catch((e: unknown) => e);
    expect(isHpckitError(err, 'PERMISSION_DENIED')).toBe(true);
    expect((await handle.output()).text).toBe('private\n');
  }, 60_000);
});
