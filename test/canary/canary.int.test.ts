/**
 * The canary run: thousands of generated hostile strings through every submit field, file path and
 * app form value, over each way a portal acts for users (local su, SSH as a service account with
 * sudo, SSH with each user's own login). Each payload would create the canary file if any shell,
 * sudo, su, sbatch's directive reader or the job script ever evaluated it; the file must never
 * appear, neither while the portal works nor after the jobs ran.
 */
import { existsSync, rmSync } from 'node:fs';
import { slurmAdapter } from '@hpckit/adapter-slurm';
import { commandSessionFiles, createAppSessions } from '@hpckit/apps';
import { createClient, isHpckitError } from '@hpckit/core';
import { sftpFileSystem } from '@hpckit/remote';
import { localTransport, type Transport } from '@hpckit/transport';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { assertClusterUp, sshPerUser, sshServiceAccount } from '../support/test-cluster.js';

assertClusterUp();

const CANARY = `/tmp/hpckit-canary-${process.pid}`;
const SEED = Number(process.env.HPCKIT_CANARY_SEED ?? Date.now() % 2 ** 31);
const USER = 'alice';
/** Hostile strings each mode must carry, across all fields. */
const MIN_STRINGS = 1000;

const payloads = [
  `$(touch ${CANARY})`,
  `\`touch ${CANARY}\``,
  `'; touch ${CANARY}; '`,
  `"; touch ${CANARY}; "`,
  `\ntouch ${CANARY}\n`,
  `\n#SBATCH --wrap="touch ${CANARY}"\n`,
  `' $(touch ${CANARY}) '`,
  `&& touch ${CANARY} #`,
  `| touch ${CANARY}`,
  `\\'; touch ${CANARY} #`,
  `-c 'touch ${CANARY}'`,
  `--wrap=touch ${CANARY}`,
  `%(touch ${CANARY})`,
  `\${IFS}touch\${IFS}${CANARY}`,
];
const hostile = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...payloads) },
      { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
      { weight: 1, arbitrary: fc.constantFrom('名前', 'ü', '%j', '"', "'", '\\', '*', '~', '..', '-', '\t') },
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((parts) => parts.join('').replace(/\0/g, ''));

let seedIndex = 0;
/** `n` hostile strings, reproducible from the run's seed. */
function strings(n: number): string[] {
  return fc.sample(hostile, { numRuns: n, seed: SEED + seedIndex++ });
}

// A command is code by design: it carries the payload as data in a quoted here-document, which
// proves the script reaches the job byte for byte and is never evaluated on the way.
const heredoc = (text: string) =>
  `cat > /dev/null <<'HPCKIT_EOF'\n${text.replace(/^HPCKIT_EOF$/gm, '')}\nHPCKIT_EOF`;

/** Runs `work`, counting refusals as typed errors only: anything else is a bug. */
async function typed<T>(work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (err) {
    if (!isHpckitError(err)) throw err;
    return undefined;
  }
}

const modes: [string, () => Transport][] = [
  ['local su', () => localTransport({ actAs: { mode: 'su' } })],
  ['local su, helper shells', () => localTransport({ actAs: { mode: 'su' }, helperShell: 'all' })],
  ['SSH service account + sudo', () => sshServiceAccount()],
  ['SSH per-user logins', () => sshPerUser()],
];

describe.each(modes)('canary over %s', (mode, make) => {
  const transport = make();
  const client = createClient({ clusters: { local: { adapter: slurmAdapter({ transport }) } } });
  const alice = client.as(USER);
  const files = commandSessionFiles(transport, USER);
  const jobs: string[] = [];
  const batch: string[] = [];
  let carried = 0;
  afterAll(async () => {
    if (jobs.length > 0) await typed(transport.exec({ argv: ['scancel', ...jobs] }));
    await client.close();
    await transport.close();
  });

  it(`never runs a payload from ${MIN_STRINGS}+ hostile strings in submit fields, file paths and form values`, async () => {
    rmSync(CANARY, { force: true });
    const report = () => `mode ${mode}, seed ${SEED} (HPCKIT_CANARY_SEED=${SEED} reproduces it)`;

    // Submit fields: name, working directory, command, output files, environment, comment,
    // directives. The directory is made first (itself through the hostile file paths below), so
    // most jobs really run their scripts.
    const home = await files.home();
    for (const [name, dir, text, out, err, env, comment, mail] of chunk(strings(8 * 110), 8)) {
      carried += 8;
      const directory = `hpckit-canary/${dir}`;
      await typed(files.mkdir(`${home}/${directory}`));
      const submitted = await typed(
        alice.jobs.submit({
          name: name!.slice(0, 200),
          account: 'electroplating',
          command: heredoc(text!),
          workingDirectory: directory,
          stdout: out!.replaceAll('/', '_'),
          stderr: err!.replaceAll('/', '_'),
          environment: { HPCKIT_VALUE: env! },
          comment: comment!.replace(/[\r\n]/g, ' '),
          directives: { 'mail-type': 'NONE', 'mail-user': mail! },
          timeLimit: '1m',
          memory: { perNode: '64M' },
        }),
      );
      if (submitted) {
        jobs.push(submitted.id);
        batch.push(submitted.id);
      }
      expect(existsSync(CANARY), report()).toBe(false);
    }
    expect(jobs.length, 'some hostile submissions must reach the scheduler').toBeGreaterThan(0);

    // File paths and contents, through the shell-command files the apps use in every mode.
    for (const [path, content] of chunk(strings(2 * 100), 2)) {
      carried += 2;
      const at = `${home}/hpckit-canary-files/${path}`;
      await typed(files.mkdir(`${home}/hpckit-canary-files`));
      await typed(files.writeFile(at, content!));
      await typed(files.readFile(at));
      await typed(files.exists(at));
      expect(existsSync(CANARY), report()).toBe(false);
    }
    // SFTP needs a login as the user: only the per-user mode has one.
    if (mode === 'SSH per-user logins') {
      const sftp = sftpFileSystem({ transport: transport as ReturnType<typeof sshPerUser>, user: USER });
      await typed(sftp.mkdir('hpckit-canary-sftp', { recursive: true }));
      for (const [path] of chunk(strings(100), 1)) {
        carried += 1;
        await typed(sftp.writeFile(`hpckit-canary-sftp/${path}`, path!));
        await typed(sftp.stat(`hpckit-canary-sftp/${path}`));
        await typed(sftp.readFile(`hpckit-canary-sftp/${path}`));
      }
      await typed(sftp.delete('hpckit-canary-sftp', { recursive: true }));
      await sftp.close();
      expect(existsSync(CANARY), report()).toBe(false);
    }

    // App form values: the web server's directory (its "command" is the user's own code by design).
    const sessions = createAppSessions({ client: alice, files, baseDir: 'hpckit-canary-apps' });
    for (const [directory] of chunk(strings(30), 1)) {
      carried += 1;
      const session = await typed(
        sessions.create('web-server', { directory, partition: 'cpu', hours: 1, cores: 1 }),
      );
      if (session) jobs.push(session.jobId);
      expect(existsSync(CANARY), report()).toBe(false);
    }

    expect(carried).toBeGreaterThanOrEqual(MIN_STRINGS);
    // Let the jobs run their scripts (the file servers start, then are cancelled), then look again.
    await waitForJobs(alice, jobs);
    expect(existsSync(CANARY), report()).toBe(false);
    // The check inside the jobs means something only if their scripts ran.
    const ran = await alice.jobs.list({ jobIds: batch, states: ['completed'] }, { cluster: 'local' });
    expect(ran.total, 'hostile jobs that ran their scripts to completion').toBeGreaterThan(batch.length / 2);
    await typed(
      transport.exec({
        argv: [
          'rm',
          '-rf',
          '--',
          ...['canary', 'canary-files', 'canary-apps'].map((d) => `${home}/hpckit-${d}`),
        ],
        user: USER,
      }),
    );
  }, 600_000);
});

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Waits until the batch jobs ended and the app servers ran a few seconds. */
async function waitForJobs(
  client: ReturnType<ReturnType<typeof createClient>['as']>,
  ids: string[],
): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const { jobs } = await client.jobs.list(
      { jobIds: ids, states: ['queued', 'held'] },
      { cluster: 'local' },
    );
    if (jobs.length === 0) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  await new Promise((r) => setTimeout(r, 3000));
}
