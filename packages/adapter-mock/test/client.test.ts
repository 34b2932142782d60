import { createClient, type HpckitClient, JobSchema } from '@hpckit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type MockAdapter, mockAdapter } from '../src/index.js';

const clients: HpckitClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

/** A client over a mock whose virtual hour passes in one real second, polled every 10 ms. */
function fastClient(options: Parameters<typeof mockAdapter>[0] = {}): {
  adapter: MockAdapter;
  client: HpckitClient;
} {
  const adapter = mockAdapter({ clock: { mode: 'scaled', scale: 3600 }, ...options });
  const client = createClient({
    clusters: { hpc: { adapter } },
    polling: { minIntervalMs: 10, maxIntervalMs: 20, jitter: 0, latencyFactor: 0, missingGraceMs: 50 },
  });
  clients.push(client);
  return { adapter, client };
}

describe('the mock behind a client', () => {
  it("stamps every job with the client's cluster key, so job.cluster can be passed back", async () => {
    const adapter = mockAdapter({ clock: { mode: 'scaled', scale: 3600 } });
    const client = createClient({ clusters: { hpc: { adapter }, spare: { adapter: mockAdapter() } } });
    clients.push(client);
    const alice = client.as('alice');
    const handle = await alice.jobs.submit({ command: 'sleep 1m', timeLimit: '10m' }, { cluster: 'hpc' });
    expect(handle.job.cluster).toBe('hpc');
    const again = await alice.jobs.get(handle.job.id, { cluster: handle.job.cluster });
    expect(again.cluster).toBe('hpc');
    expect(again.id).toBe(handle.job.id);
    const listed = await alice.jobs.list({ jobIds: [again.id] }, { cluster: again.cluster });
    expect(listed.jobs.map((j) => [j.id, j.cluster])).toEqual([[again.id, 'hpc']]);
    const ended = await handle.wait({ timeout: 5_000 });
    expect(ended.cluster).toBe('hpc');
    // The adapter alone keeps its own name: the key is the client's, not the scheduler's.
    expect((await adapter.jobs.get(again.id, { user: 'alice' })).cluster).not.toBe('hpc');
  });

  it('declares every capability', () => {
    const { client } = fastClient();
    expect(Object.values(client.capabilities()).every(Boolean)).toBe(true);
  });

  it('runs a submitted job to completion while the client watches it with one list call per poll', async () => {
    const { adapter, client } = fastClient();
    const alice = client.as('alice');
    const handles = await Promise.all(
      [1, 2, 3].map((n) => alice.jobs.submit({ command: `sleep ${n}m`, timeLimit: '10m' })),
    );
    const jobs = await Promise.all(handles.map((h) => h.wait({ timeout: 5_000 })));
    expect(jobs.map((j) => [j.state.raw, j.elapsedSeconds])).toEqual([
      ['COMPLETED', 60],
      ['COMPLETED', 120],
      ['COMPLETED', 180],
    ]);
    const stats = alice.pollerStats();
    expect(stats.listCalls).toBe(adapter.calls['jobs.list']);
    expect(adapter.calls['jobs.get']).toBe(0);
  });

  it('reports a policy refusal with its reason and Slurm stderr', async () => {
    const { client } = fastClient();
    const err = await client
      .as('bob')
      .jobs.submit({ command: 'x', account: 'electroplating' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'POLICY_VIOLATION',
      details: { reason: 'invalid_account', subject: 'electroplating' },
    });
  });

  it('a job purged before accounting ends as unknown, never completed', async () => {
    const { adapter, client } = fastClient();
    adapter.faults.purgeBeforeAccounting(true);
    const handle = await client.as('alice').jobs.submit({ command: 'sleep 1m', timeLimit: '5m' });
    const job = await handle.wait({ timeout: 5_000 });
    expect([job.state.phase, job.state.outcome, job.state.raw]).toEqual(['ended', 'unknown', 'MISSING']);
  });

  it('a job that outlives its time limit ends as timeout', async () => {
    const { client } = fastClient();
    const handle = await client.as('alice').jobs.submit({ command: 'sleep 1h', timeLimit: '2m' });
    const job = await handle.wait({ timeout: 5_000 });
    expect([job.state.outcome, job.elapsedSeconds]).toEqual(['timeout', 120]);
  });

  it('submits a fresh job through the client with one submit call and nothing else', async () => {
    const { adapter, client } = fastClient();
    const alice = client.as('alice');
    for (let i = 0; i < 5; i++) await alice.jobs.submit({ command: 'sleep 1m', timeLimit: '5m', hold: true });
    const others = Object.entries(adapter.calls).filter(([op, n]) => op !== 'jobs.submit' && n > 0);
    expect([adapter.calls['jobs.submit'], others]).toEqual([5, []]);
  });

  it('retries a submission whose answer was lost, and finds the job by its key instead of submitting twice', async () => {
    const { adapter, client } = fastClient();
    adapter.faults.unavailable(1, { operations: ['jobs.submit'], responseLost: true });
    const handle = await client.as('alice').jobs.submit({ command: 'sleep 1m', timeLimit: '5m', hold: true });
    expect(adapter.calls['jobs.submit']).toBe(2);
    const page = await client.jobs.list();
    expect(page.jobs.map((j) => j.id)).toEqual([handle.id]);
  });

  it('the runtime retries a read that failed with an injected outage', async () => {
    const { adapter, client } = fastClient();
    const handle = await client.as('alice').jobs.submit({ command: 'sleep 1m', timeLimit: '5m' });
    adapter.faults.unavailable(1, { operations: ['jobs.get'] });
    const job = await client.jobs.get(handle.id);
    expect(job.id).toBe(handle.id);
    expect(adapter.calls['jobs.get']).toBe(2);
  });
});

describe('every job the mock reports conforms to JobSchema', () => {
  it('through a busy mixed workload', async () => {
    const adapter = mockAdapter({
      jobBehavior: (spec) => ({
        runtime: spec.name === 'oom' ? 5 : 30,
        outcome: spec.name === 'oom' ? 'out_of_memory' : undefined,
      }),
    });
    const client = createClient({ clusters: { hpc: { adapter } } });
    clients.push(client);
    const alice = client.as('alice');
    const first = await alice.jobs.submit({
      command: 'x',
      array: '0-4%2',
      partition: 'gpu',
      gpusPerNode: 1,
      memory: { perGpu: '100G' },
    });
    await alice.jobs.submit({
      name: 'oom',
      command: 'x',
      nodes: 2,
      tasks: 3,
      cpusPerTask: 2,
      dependencies: [{ type: 'afterany', jobIds: [first.id] }],
    });
    await client
      .as('bob')
      .jobs.submit({ command: 'x', hold: true, partition: 'fat', memory: { perNode: '1000G' } });
    const toCancel = await alice.jobs.submit({ command: 'x', timeLimit: '1m' });
    await alice.jobs.cancel(toCancel.id);
    const seen: unknown[] = [];
    for (let step = 0; step < 6; step++) {
      const { jobs } = await client.jobs.list();
      seen.push(...jobs);
      for (const job of jobs) seen.push(await client.jobs.get(job.id));
      seen.push(await client.jobs.get(first.id));
      adapter.clock.advance('20s');
    }
    expect(seen.length).toBeGreaterThan(50);
    for (const job of seen) expect(JobSchema.parse(job)).toEqual(job);
    const oom = (await client.jobs.list({ name: 'oom' })).jobs[0]!;
    expect([oom.state.raw, oom.requested, oom.allocated]).toEqual([
      'OUT_OF_MEMORY',
      { nodes: 2, cores: 6, gpus: 0, memoryMiB: 6144 },
      { nodes: 2, cores: 8, gpus: 0, memoryMiB: 8192 },
    ]);
  });
});
