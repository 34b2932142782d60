import { EventEmitter } from 'eventemitter3';
import { describe, expect, it } from 'vitest';
import { fakeAdapter } from '../../test/fake-adapter.js';
import { createRuntimeAdapter } from '../adapter/runtime-adapter.js';
import { PollingOptionsSchema } from './backoff.js';
import type { ClientEvents, JobStateEvent, PollErrorEvent } from './events.js';
import { createPoller } from './poller.js';

function setup(polling: Record<string, number> = {}) {
  const fake = fakeAdapter();
  const emitter = new EventEmitter<ClientEvents>();
  const poller = createPoller({
    cluster: 'test',
    adapter: createRuntimeAdapter(fake, { retry: { retries: 0 } }),
    options: PollingOptionsSchema.parse({
      minIntervalMs: 5,
      maxIntervalMs: 20,
      jitter: 0,
      missingGraceMs: 0,
      ...polling,
    }),
    emitter,
  });
  return { fake, emitter, poller };
}

describe('poller', () => {
  it('asks about any number of watched jobs with one list call per poll', async () => {
    const { fake, poller } = setup();
    const leases = Array.from({ length: 500 }, (_, i) => poller.watch(fake.add(String(i))));
    await poller.pollNow();
    await poller.pollNow();
    expect(fake.calls['jobs.list']).toBe(2);
    expect(poller.stats.listCalls).toBe(2);
    expect(poller.stats.watched).toBe(500);
    for (const lease of leases) lease.release();
    poller.close();
  });

  it('emits a state change once, and the end of a job, on the job and the client', async () => {
    const { fake, emitter, poller } = setup();
    const lease = poller.watch(fake.add('1'));
    const jobEvents: JobStateEvent[] = [];
    const clientEnded: JobStateEvent[] = [];
    lease.events.on('state', (e) => jobEvents.push(e));
    emitter.on('job:ended', (e) => clientEnded.push(e));
    fake.setState('1', { phase: 'running', raw: 'RUNNING' });
    await poller.pollNow();
    await poller.pollNow();
    fake.setState('1', { phase: 'ended', outcome: 'completed', raw: 'COMPLETED', exitCode: 0 });
    await poller.pollNow();
    expect(jobEvents.map((e) => e.job.state.phase)).toEqual(['running', 'ended']);
    expect(jobEvents[1]!.previous?.phase).toBe('running');
    expect(clientEnded.map((e) => e.job.state.outcome)).toEqual(['completed']);
    lease.release();
    poller.close();
  });

  it('stops asking about a job once it has ended and keeps its final state for late subscribers', async () => {
    const { fake, poller } = setup();
    const lease = poller.watch(fake.add('1'));
    fake.setState('1', { phase: 'ended', outcome: 'failed', raw: 'FAILED', exitCode: 3 });
    await poller.pollNow();
    lease.release();
    const before = fake.calls['jobs.list'];
    await poller.pollNow();
    expect(fake.calls['jobs.list']).toBe(before);
    const late = poller.watch(fake.add('1'));
    expect(late.current().state).toMatchObject({ phase: 'ended', outcome: 'failed', exitCode: 3 });
    late.release();
    poller.close();
  });

  it('declares a job that vanished from queue and accounting unknown, never completed', async () => {
    const { fake, poller } = setup();
    const lease = poller.watch(fake.add('1'));
    fake.setState('1', { phase: 'running', raw: 'RUNNING' });
    await poller.pollNow();
    fake.purge('1');
    await poller.pollNow();
    await poller.pollNow();
    expect(lease.current().state.phase).toBe('running');
    await poller.pollNow();
    expect(lease.current().state).toMatchObject({ phase: 'ended', outcome: 'unknown', raw: 'MISSING' });
    lease.release();
    poller.close();
  });

  it('waits out the grace period before declaring a missing job unknown', async () => {
    const { fake, poller } = setup({ missingGraceMs: 60_000 });
    const lease = poller.watch(fake.add('1'));
    fake.purge('1');
    for (let i = 0; i < 5; i++) await poller.pollNow();
    expect(lease.current().state.phase).toBe('queued');
    lease.release();
    poller.close();
  });

  it('never fails a job when a poll fails, reports the error and recovers', async () => {
    // Without the latency floor the retry delays are exact: a slow first poll on a loaded machine
    // would otherwise raise the first delay above the second (backoff.test.ts covers that floor).
    const { fake, emitter, poller } = setup({ latencyFactor: 0 });
    const errors: PollErrorEvent[] = [];
    emitter.on('poll:error', (e) => errors.push(e));
    const lease = poller.watch(fake.add('1'));
    fake.failLists(2);
    await poller.pollNow();
    await poller.pollNow();
    expect(lease.current().state.phase).toBe('queued');
    expect(errors.map((e) => e.consecutiveFailures)).toEqual([1, 2]);
    // Doubling from the 5 ms minimum, capped at 20 ms.
    expect(errors.map((e) => e.retryInMs)).toEqual([10, 20]);
    fake.setState('1', { phase: 'running', raw: 'RUNNING' });
    await poller.pollNow();
    expect(lease.current().state.phase).toBe('running');
    expect(poller.stats.failures).toBe(2);
    lease.release();
    poller.close();
  });

  it('aggregates an array job from its tasks', async () => {
    const { fake, poller } = setup();
    const parent = fake.add('7', { arrayJobId: '7' });
    fake.purge('7');
    fake.add('7_0', { arrayJobId: '7', arrayTaskId: 0 });
    fake.add('7_1', { arrayJobId: '7', arrayTaskId: 1 });
    const lease = poller.watch(parent);
    fake.setState('7_0', { phase: 'ended', outcome: 'completed', raw: 'COMPLETED', exitCode: 0 });
    fake.setState('7_1', { phase: 'running', raw: 'RUNNING' });
    await poller.pollNow();
    expect(lease.current().state.phase).toBe('running');
    fake.setState('7_1', { phase: 'ended', outcome: 'failed', raw: 'FAILED', exitCode: 1 });
    await poller.pollNow();
    expect(lease.current().state).toMatchObject({ phase: 'ended', outcome: 'failed' });
    lease.release();
    poller.close();
  });

  it('polls by itself on its timer while jobs are watched, and stops when none are', async () => {
    const { fake, poller } = setup();
    const lease = poller.watch(fake.add('1'));
    const ended = new Promise<void>((resolve) => lease.events.on('ended', () => resolve()));
    setTimeout(() => fake.setState('1', { phase: 'ended', outcome: 'completed', raw: 'COMPLETED' }), 15);
    await ended;
    lease.release();
    const calls = fake.calls['jobs.list'];
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.calls['jobs.list']).toBe(calls);
    poller.close();
  });

  it('never overlaps polls: a poll asked for during another joins it', async () => {
    const fake = fakeAdapter({ listLatencyMs: 20 });
    const poller = createPoller({
      cluster: 'test',
      adapter: createRuntimeAdapter(fake),
      options: PollingOptionsSchema.parse({ minIntervalMs: 1_000 }),
      emitter: new EventEmitter(),
    });
    const lease = poller.watch(fake.add('1'));
    await Promise.all([poller.pollNow(), poller.pollNow(), poller.pollNow()]);
    expect(fake.calls['jobs.list']).toBe(1);
    lease.release();
    poller.close();
  });
});
