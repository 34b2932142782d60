/**
 * The diagnostics core publishes for any adapter, seen through the mock: each adapter operation
 * (`hpckit:operation:*`) and each poll of the shared poller (`hpckit:poll:tick`).
 */
import {
  createClient,
  createRuntimeAdapter,
  DIAGNOSTICS_CHANNELS,
  type DiagnosticsChannelName,
  type DiagnosticsMessages,
  type HpckitClient,
  type OperationFinishMessage,
  type OperationStartMessage,
  type PollTickMessage,
  subscribeDiagnostics,
} from '@hpckit/core';
import { afterEach, expect, it } from 'vitest';
import { mockAdapter } from '../src/index.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function record<N extends DiagnosticsChannelName>(name: N): DiagnosticsMessages[N][] {
  const seen: DiagnosticsMessages[N][] = [];
  cleanups.push(subscribeDiagnostics(name, (m) => seen.push({ ...m })));
  return seen;
}

function client(adapter = mockAdapter({ clock: { mode: 'scaled', scale: 3600 } })): HpckitClient {
  const c = createClient({
    clusters: { hpc: { adapter } },
    polling: { minIntervalMs: 10, maxIntervalMs: 20, jitter: 0, latencyFactor: 0, missingGraceMs: 50 },
  });
  cleanups.push(() => c.close());
  return c;
}

it('names every channel under the hpckit: prefix, each once', () => {
  const names = Object.values(DIAGNOSTICS_CHANNELS);
  expect(new Set(names).size).toBe(names.length);
  for (const name of names) expect(name).toMatch(/^hpckit:[a-z]+:[a-z]+$/);
});

it('publishes each operation of a mock-run job, and each poll that watched it', async () => {
  const starts = record('hpckit:operation:start');
  const finishes = record('hpckit:operation:finish');
  const ticks = record('hpckit:poll:tick');
  const alice = client().as('alice');

  const handle = await alice.jobs.submit({ command: 'sleep 1m', timeLimit: '10m' });
  const job = await handle.wait({ timeout: 5_000 });
  expect(job.state.outcome).toBe('completed');

  const submit = finishes.find((m) => m.operation === 'jobs.submit') as OperationFinishMessage;
  expect(submit).toMatchObject({ adapter: 'mock', cluster: 'hpc', user: 'alice', outcome: 'ok' });
  expect(submit.errorCode).toBeUndefined();
  expect(submit.endedAt).toBeGreaterThanOrEqual(submit.startedAt);
  expect(submit.durationMs).toBeGreaterThanOrEqual(0);
  // Every finish had its start, first.
  expect(starts.map((m: OperationStartMessage) => m.operation)).toEqual(finishes.map((m) => m.operation));
  // The poller's jobs.list calls are operations too.
  expect(finishes.filter((m) => m.operation === 'jobs.list').length).toBe(ticks.length);

  expect(ticks.length).toBeGreaterThan(0);
  const first = ticks[0] as PollTickMessage;
  expect(first).toMatchObject({ cluster: 'hpc', user: 'alice', watched: 1, jobIds: [job.id], failed: false });
  expect(first.consecutiveFailures).toBe(0);
  expect(first.nextIntervalMs).toBeGreaterThanOrEqual(10);
  expect(first.nextIntervalMs).toBeLessThanOrEqual(20);
});

it('publishes a failed operation with its error code', async () => {
  const finishes = record('hpckit:operation:finish');
  const alice = client().as('alice');
  await expect(alice.jobs.get('999999')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  await expect(alice.jobs.get('not an id')).rejects.toMatchObject({ code: 'VALIDATION' });
  expect(finishes.map((m) => [m.operation, m.outcome, m.errorCode])).toEqual([
    ['jobs.get', 'error', 'NOT_FOUND'],
    ['jobs.get', 'error', 'VALIDATION'],
  ]);
});

it('publishes an operation its caller aborted as ABORTED, from an adapter used without a client', async () => {
  const finishes = record('hpckit:operation:finish');
  const adapter = createRuntimeAdapter(mockAdapter());
  cleanups.push(() => adapter.close());
  const signal = AbortSignal.abort(new Error('user left'));
  await expect(adapter.jobs.list({}, { signal })).rejects.toThrow('user left');
  expect(finishes).toHaveLength(1);
  expect(finishes[0]).toMatchObject({ operation: 'jobs.list', adapter: 'mock', errorCode: 'ABORTED' });
  expect(finishes[0]).not.toHaveProperty('cluster');
});

it('publishes nothing after unsubscribing', async () => {
  const finishes: OperationFinishMessage[] = [];
  const stop = subscribeDiagnostics('hpckit:operation:finish', (m) => finishes.push(m));
  const alice = client().as('alice');
  await alice.jobs.list({});
  stop();
  await alice.jobs.list({});
  expect(finishes).toHaveLength(1);
});

it('publishes a failed poll with its error code and the failures in a row', async () => {
  const ticks = record('hpckit:poll:tick');
  const adapter = mockAdapter({ clock: { mode: 'scaled', scale: 3600 } });
  const alice = client(adapter).as('alice');
  const handle = await alice.jobs.submit({ command: 'sleep 1m', timeLimit: '10m' });
  adapter.faults.unavailable(2, { operations: ['jobs.list'] });
  await handle.wait({ timeout: 5_000 });
  const failed = ticks.filter((t) => t.failed);
  expect(failed.map((t) => [t.errorCode, t.consecutiveFailures])).toEqual([
    ['SCHEDULER_UNAVAILABLE', 1],
    ['SCHEDULER_UNAVAILABLE', 2],
  ]);
  expect(failed[0]).toMatchObject({ cluster: 'hpc', jobIds: [handle.id], watched: 1 });
  expect(ticks.at(-1)).toMatchObject({ failed: false, consecutiveFailures: 0 });
});
