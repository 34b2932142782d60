import { EventEmitter } from 'eventemitter3';
import { describe, expect, it } from 'vitest';
import { fakeAdapter } from '../../test/fake-adapter.js';
import { createRuntimeAdapter } from '../adapter/runtime-adapter.js';
import { PollingOptionsSchema, TIME_LIMIT_SLACK_MS } from './backoff.js';
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

/** Timers on a virtual clock: `advanceTo` fires due callbacks in order, letting each poll settle. */
function virtualTimers() {
  let now = 0;
  let seq = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  };
  return {
    timers: {
      now: () => now,
      setTimeout: (fn: () => void, ms: number) => {
        due.set(++seq, { at: now + ms, fn });
        return seq;
      },
      clearTimeout: (handle: unknown) => {
        due.delete(handle as number);
      },
    },
    /** Runs the clock to `end`, calling `beforeTimer` with the time before each timer fires. */
    async advanceTo(end: number, beforeTimer: (at: number) => void) {
      for (;;) {
        const [id, next] = [...due.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
        if (id === undefined || !next || next.at > end) break;
        now = next.at;
        due.delete(id);
        beforeTimer(now);
        next.fn();
        await settle();
      }
      now = end;
    },
  };
}

describe('poller pacing by the jobs’ clocks', () => {
  // One running job on a virtual clock: its elapsed time follows the clock, and it ends at `endsAt`.
  async function runJob(opts: { limitSeconds?: number; endsAt: number; until: number; polling?: object }) {
    const fake = fakeAdapter();
    const clock = virtualTimers();
    const poller = createPoller({
      cluster: 'test',
      adapter: createRuntimeAdapter(fake, { retry: { retries: 0 } }),
      options: PollingOptionsSchema.parse({ jitter: 0, ...opts.polling }),
      emitter: new EventEmitter(),
      timers: clock.timers,
    });
    const job = fake.add('1', {
      state: { phase: 'running', raw: 'RUNNING' },
      timeLimitSeconds: opts.limitSeconds,
    });
    const pollsAt: number[] = [];
    let noticedAt: number | undefined;
    const lease = poller.watch(job);
    lease.events.on('ended', () => {
      noticedAt = clock.timers.now();
    });
    await clock.advanceTo(opts.until, (at) => {
      pollsAt.push(at);
      const current = fake.jobsById.get('1')!;
      if (current.state.phase === 'ended') return;
      if (at >= opts.endsAt) fake.setState('1', { phase: 'ended', outcome: 'timeout', raw: 'TIMEOUT' });
      else fake.jobsById.set('1', { ...current, elapsedSeconds: Math.floor(at / 1000) });
    });
    lease.release();
    poller.close();
    return { pollsAt, noticedAt, calls: fake.calls['jobs.list'] ?? 0 };
  }

  it('is there when a time limit runs out, and polls at the minimum until the scheduler ends the job', async () => {
    // Outside its first minute's and first hour's caps (windows 0), a 1-minute job the
    // scheduler kills 7 s late.
    const { pollsAt, noticedAt, calls } = await runJob({
      limitSeconds: 60,
      endsAt: 67_000,
      until: 200_000,
      polling: { recentJobWindowMs: 0, youngJobWindowMs: 0 },
    });
    expect(noticedAt).toBeDefined();
    expect(noticedAt! - 67_000).toBeLessThanOrEqual(1_000);
    // No poll is due between the limit and the limit plus slack: the first one after it is there.
    expect(pollsAt.find((t) => t >= 60_000)).toBeLessThanOrEqual(60_000 + TIME_LIMIT_SLACK_MS + 1_000);
    // Backing off before the limit: far fewer polls than one a second.
    expect(pollsAt.filter((t) => t < 60_000).length).toBeLessThan(15);
    expect(calls).toBe(pollsAt.length);
  });

  it('polls every 250 ms during a job’s first minute, then at most every 5 s', async () => {
    const { pollsAt, noticedAt } = await runJob({ endsAt: 90_000, until: 100_000 });
    const gaps = pollsAt.slice(1).map((t, i) => ({ at: t, gap: t - pollsAt[i]! }));
    // The first poll comes at the minimum interval after the job is watched; then the young pace.
    expect(gaps.filter((g) => g.at > 1_000 && g.at <= 60_000).every((g) => g.gap === 250)).toBe(true);
    expect(gaps.filter((g) => g.at > 61_000).every((g) => g.gap > 250 && g.gap <= 5_000)).toBe(true);
    expect(noticedAt! - 90_000).toBeLessThanOrEqual(5_000);
  });

  it('keeps the interval within 5 s during a job’s first hour, then backs off as before', async () => {
    const HOUR = 3_600_000;
    const { pollsAt } = await runJob({ endsAt: 2 * HOUR, until: 2 * HOUR + 60_000 });
    const gaps = pollsAt.slice(1).map((t, i) => ({ at: t, gap: t - pollsAt[i]! }));
    expect(gaps.filter((g) => g.at <= HOUR).every((g) => g.gap <= 5_000)).toBe(true);
    expect(Math.max(...gaps.filter((g) => g.at > HOUR + 60_000 && g.at < 2 * HOUR).map((g) => g.gap))).toBe(
      30_000,
    );
  });
});
