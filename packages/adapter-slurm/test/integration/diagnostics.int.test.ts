/**
 * Command messages (`hpckit:command:finish`) on the real cluster: sbatch, squeue and sacct with
 * their real exit statuses, a refused sbatch with Slurm's own stderr, over the local (sudo) and
 * the SSH transport, and no secret of a submission in any message.
 */
import { type CommandFinishMessage, createRuntimeAdapter, subscribeDiagnostics } from '@hpckit/core';
import { afterAll, afterEach, expect, it } from 'vitest';
import { slurmAdapter } from '../../src/index.js';
import { assertClusterUp, localSudo, sleep, sshServiceAccount } from './cluster.js';

assertClusterUp();

const alice = { user: 'alice' };
const base = {
  account: 'electroplating',
  timeLimit: '5m',
  memory: { perNode: '64M' },
  stdout: '/dev/null',
} as const;
const local = createRuntimeAdapter(slurmAdapter({ transport: localSudo() }), { retry: { retries: 0 } });
const ssh = createRuntimeAdapter(slurmAdapter({ transport: sshServiceAccount() }), { retry: { retries: 0 } });
afterAll(() => Promise.all([local.close(), ssh.close()]));

let finishes: CommandFinishMessage[] = [];
let stop = () => {};
function listen() {
  finishes = [];
  stop = subscribeDiagnostics('hpckit:command:finish', (m) => finishes.push(m));
}
afterEach(() => stop());

it('publishes sbatch, squeue and sacct with their real exit statuses, and no script or environment value', async () => {
  listen();
  const { job } = await local.jobs.submit(
    {
      ...base,
      command: 'echo int-script-marker-3b8e >/dev/null',
      environment: { DB_PASSWORD: 'int-env-secret-c41d' },
    },
    alice,
  );
  let ended = false;
  for (let i = 0; i < 60 && !ended; i++) {
    ended = (await local.jobs.get(job.id, alice)).state.phase === 'ended';
    if (!ended) await sleep(1000);
  }
  expect(ended).toBe(true);

  const sbatch = finishes.find((m) => m.program === 'sbatch')!;
  expect(sbatch).toMatchObject({ operation: 'jobs.submit', transport: 'local', user: 'alice', exitCode: 0 });
  expect(sbatch.argv).toContain('--account=electroplating');
  const gets = finishes.filter((m) => m.operation === 'jobs.get');
  expect(gets.some((m) => m.program === 'squeue' && m.exitCode === 0)).toBe(true);
  // A listing by submit time reads accounting.
  const listed = await local.jobs.list({ submitTime: { from: new Date(Date.now() - 600_000) } }, alice);
  expect(listed.jobs.map((j) => j.id)).toContain(job.id);
  const sacct = finishes.find((m) => m.program === 'sacct')!;
  expect(sacct).toMatchObject({ operation: 'jobs.list', user: 'alice', exitCode: 0 });
  for (const m of finishes) {
    expect(m.durationMs).toBeGreaterThan(0);
    expect(m.endedAt).toBeGreaterThanOrEqual(m.startedAt);
  }
  // After the first command the cluster's name, read from scontrol, is on every message.
  expect(finishes.at(-1)!.cluster).toBe('local');

  const published = JSON.stringify(finishes);
  expect(published).not.toContain('int-script-marker-3b8e');
  expect(published).not.toContain('int-env-secret-c41d');
}, 90_000);

it("publishes a refused sbatch with Slurm's exit status and stderr, over SSH", async () => {
  listen();
  const err = await ssh.jobs.submit({ ...base, partition: 'nosuch', command: 'true' }, alice).catch((e) => e);
  expect(err.code).toBe('POLICY_VIOLATION');
  const sbatch = finishes.find((m) => m.program === 'sbatch')!;
  expect(sbatch).toMatchObject({ operation: 'jobs.submit', transport: 'ssh', user: 'alice', exitCode: 1 });
  expect(sbatch.stderr).toContain('sbatch: error: invalid partition specified: nosuch');
}, 60_000);
