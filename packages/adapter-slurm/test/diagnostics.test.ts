/**
 * The Slurm adapter's command messages (`hpckit:command:*`) on canned output: what they say, and
 * that no secret of a submission (its script, its environment's values) ever appears in one.
 */
import {
  type CommandFinishMessage,
  type CommandStartMessage,
  createClient,
  createRuntimeAdapter,
  subscribeDiagnostics,
  TransportError,
} from '@hpckit/core';
import { afterEach, expect, it } from 'vitest';
import { slurmAdapter } from '../src/index.js';
import { type Answer, cmd, scriptedTransport } from './scripted-transport.js';

const common: Answer[] = [
  { match: cmd('scontrol', 'config'), result: { stdout: 'ClusterName = local\nSLURM_VERSION = 22.05.8\n' } },
  { match: cmd('getent'), result: { stdout: 'alice:x:2001:2001::/home/alice:/bin/bash\n' } },
];

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

function listen() {
  const starts: CommandStartMessage[] = [];
  const finishes: CommandFinishMessage[] = [];
  stops.push(subscribeDiagnostics('hpckit:command:start', (m) => starts.push({ ...m })));
  stops.push(subscribeDiagnostics('hpckit:command:finish', (m) => finishes.push(m)));
  return { starts, finishes };
}

it("publishes each command of a submission with its operation, user and exit status, never the script or the environment's values", async () => {
  const { starts, finishes } = listen();
  const transport = scriptedTransport([{ match: cmd('sbatch'), result: { stdout: '83\n' } }, ...common]);
  const client = createClient({ clusters: { hpc: { adapter: slurmAdapter({ transport }) } } });
  try {
    const alice = client.as('alice');
    await alice.jobs.submit({
      command: 'echo script-body-marker-7f3a',
      environment: { API_TOKEN: 'env-value-secret-91c2', PLAIN: 'env-value-plain-55d1' },
      timeLimit: '1h',
    });
    // The second submission knows the cluster's name (read once, after the first).
    await alice.jobs.submit({ command: 'echo script-body-marker-7f3a', timeLimit: '1h' });
  } finally {
    await client.close();
  }

  expect(finishes.map((m) => m.program)).toEqual(['getent', 'sbatch', 'scontrol', 'sbatch']);
  expect(starts.map((m) => m.program)).toEqual(finishes.map((m) => m.program));
  for (const m of finishes) {
    expect(m).toMatchObject({ transport: 'scripted', operation: 'jobs.submit', exitCode: 0 });
    expect(m.endedAt).toBeGreaterThanOrEqual(m.startedAt);
    expect(m.durationMs).toBeGreaterThanOrEqual(0);
    expect(m.stderr).toBeUndefined();
  }
  const [first, second] = finishes.filter((m) => m.program === 'sbatch') as [
    CommandFinishMessage,
    CommandFinishMessage,
  ];
  expect(first.user).toBe('alice');
  expect(first.argv).toEqual(transport.log.find((a) => a[0] === 'sbatch'));
  expect(first.cluster).toBeUndefined();
  expect(second.cluster).toBe('local');

  const published = JSON.stringify([starts, finishes]);
  expect(published).not.toContain('script-body-marker-7f3a');
  expect(published).not.toContain('env-value-secret-91c2');
  expect(published).not.toContain('env-value-plain-55d1');
  expect(published).not.toContain('SLURM_TIME_FORMAT');
});

it('publishes a failed command with its exit status and stderr, and one that could not run with its code', async () => {
  const { finishes } = listen();
  const lost = new TransportError({ details: { host: 'h' }, message: 'connection lost', adapter: 'slurm' });
  const transport = scriptedTransport([
    {
      match: cmd('squeue'),
      result: { stderr: 'slurm_load_jobs error: Invalid job id specified\n', exitCode: 1 },
    },
    { match: cmd('sacct'), result: {}, error: lost },
    ...common,
  ]);
  const rt = createRuntimeAdapter(slurmAdapter({ transport, readRetries: 0 }), { retry: { retries: 0 } });
  await expect(rt.jobs.get('84', { user: 'alice' })).rejects.toMatchObject({ code: 'TRANSPORT' });

  const squeue = finishes.find((m) => m.program === 'squeue')!;
  expect(squeue).toMatchObject({
    operation: 'jobs.get',
    user: 'alice',
    exitCode: 1,
    stderr: 'slurm_load_jobs error: Invalid job id specified\n',
  });
  expect(squeue.argv).toContain('--jobs=84');
  const sacct = finishes.find((m) => m.program === 'sacct')!;
  expect(sacct).toMatchObject({ operation: 'jobs.get', errorCode: 'TRANSPORT' });
  expect(sacct).not.toHaveProperty('exitCode');
});

it('publishes no command message once nobody listens', async () => {
  const { finishes } = listen();
  for (const stop of stops.splice(0)) stop();
  const transport = scriptedTransport(common);
  const rt = createRuntimeAdapter(slurmAdapter({ transport }));
  await rt.version();
  expect(transport.log.map((a) => a[0])).toEqual(['scontrol']);
  expect(finishes).toEqual([]);
});
