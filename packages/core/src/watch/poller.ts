import { EventEmitter } from 'eventemitter3';
import type { RuntimeAdapter } from '../adapter/runtime-adapter.js';
import { pollTickMessage, pollTicks } from '../diagnostics/poll-tick.js';
import { aggregateArrayJob } from '../model/array-aggregate.js';
import type { Job } from '../model/job.js';
import { capForJobs, nextPollInterval, type PacedJob, type PollingOptions } from './backoff.js';
import type { ClientEvents, JobStateEvent } from './events.js';
import { stateChanged } from './job-state-change.js';
import { realTimers, type Timers } from './timers.js';

/** Events of one watched job. */
export interface WatchedJobEvents {
  state: [JobStateEvent];
  ended: [JobStateEvent];
}

/** A claim on a watched job: the poller asks about the job until every lease is released. */
export interface WatchLease {
  /** The job's events (state changes, end). */
  readonly events: EventEmitter<WatchedJobEvents>;
  /** The latest known snapshot. */
  current(): Job;
  /** Gives up the claim; the last lease of a job stops its polling. */
  release(): void;
}

/** Counters of one poller, for tests, benchmarks and dashboards. */
export interface PollerStats {
  /** Polls run. */
  ticks: number;
  /** `jobs.list` calls made (one per poll, whatever the number of jobs). */
  listCalls: number;
  /** Polls that failed. */
  failures: number;
  /** Jobs currently asked about. */
  watched: number;
  lastLatencyMs: number;
  /** Interval until the next poll. */
  intervalMs: number;
}

/** The one poller shared by every watched job of one cluster and acting user. */
export interface Poller {
  readonly cluster: string;
  /** Starts (or joins) watching a job, given a snapshot of it. */
  watch(known: Job): WatchLease;
  /** The latest known snapshot of a job, if the poller has one. */
  snapshot(id: string): Job | undefined;
  /** Records a snapshot learned elsewhere (a submit, a refresh), emitting a change if it is one. */
  observe(job: Job): void;
  /** Polls now (joining a poll already under way) instead of waiting for the timer. */
  pollNow(): Promise<void>;
  readonly stats: Readonly<PollerStats>;
  /** Stops polling and drops every watched job. */
  close(): void;
}

interface Entry {
  job: Job;
  refs: number;
  ended: boolean;
  missingPolls: number;
  missingSince?: number;
  /** When the poller first watched the job and when `job` was last learned (poller clock). */
  watchedAt: number;
  seenAt: number;
  events: EventEmitter<WatchedJobEvents>;
}

/** What {@link createPoller} needs. */
export interface PollerInit {
  cluster: string;
  adapter: RuntimeAdapter;
  /** The user the poller acts for, if any. */
  user?: string;
  options: PollingOptions;
  /** Client-wide events, which the poller also emits to. */
  emitter: EventEmitter<ClientEvents>;
  timers?: Timers;
  /** Ended jobs remembered for late subscribers. @default 10000 */
  endedCacheSize?: number;
}

const MISSING_POLLS_BEFORE_UNKNOWN = 3;

/**
 * Creates the shared poller of one cluster: one `jobs.list` call per poll for all watched jobs,
 * an interval that backs off while nothing changes and stretches when the scheduler is slow, and
 * failures that never fail a job. A job missing from both queue and accounting for long enough ends
 * as `unknown`, never `completed`.
 */
export function createPoller(init: PollerInit): Poller {
  const { cluster, adapter, options, emitter } = init;
  const timers = init.timers ?? realTimers;
  const endedCacheSize = init.endedCacheSize ?? 10_000;
  const entries = new Map<string, Entry>();
  const ended = new Map<string, Job>();
  const stats: PollerStats = {
    ticks: 0,
    listCalls: 0,
    failures: 0,
    watched: 0,
    lastLatencyMs: 0,
    intervalMs: options.minIntervalMs,
  };
  const closing = new AbortController();
  let timer: unknown;
  let timerDueAt = 0;
  let inflight: Promise<void> | undefined;
  let activity = false;
  let consecutiveFailures = 0;
  let lastTickAt = 0;

  const activeIds = () => [...entries.values()].filter((e) => !e.ended).map((e) => e.job.id);

  function schedule(ms: number): void {
    if (closing.signal.aborted) return;
    if (timer !== undefined) timers.clearTimeout(timer);
    timerDueAt = timers.now() + ms;
    timer = timers.setTimeout(() => {
      timer = undefined;
      void pollNow();
    }, ms);
  }

  function wake(): void {
    // A newly watched job should be looked at soon, not after a long quiet interval.
    activity = true;
    stats.intervalMs = options.minIntervalMs;
    if (inflight) return;
    if (timer === undefined || timerDueAt - timers.now() > options.minIntervalMs)
      schedule(options.minIntervalMs);
  }

  function record(entry: Entry, job: Job): boolean {
    if (entry.ended) return false;
    const previous = entry.job.state;
    entry.job = job;
    entry.seenAt = timers.now();
    if (!stateChanged(previous, job.state)) return false;
    const event: JobStateEvent = { job, previous };
    entry.events.emit('state', event);
    emitter.emit('job:state', event);
    if (job.state.phase === 'ended') {
      entry.ended = true;
      entry.events.emit('ended', event);
      emitter.emit('job:ended', event);
      remember(job);
      if (entry.refs === 0) entries.delete(job.id);
    }
    return true;
  }

  function remember(job: Job): void {
    ended.set(job.id, job);
    if (ended.size > endedCacheSize) ended.delete(ended.keys().next().value as string);
  }

  async function tick(): Promise<void> {
    lastTickAt = timers.now();
    const ids = activeIds();
    stats.watched = ids.length;
    if (ids.length === 0) return;
    stats.ticks++;
    const startedAt = lastTickAt;
    let failed = false;
    try {
      stats.listCalls++;
      const page = await adapter.jobs.list({ jobIds: ids }, { user: init.user, signal: closing.signal });
      consecutiveFailures = 0;
      const now = timers.now();
      stats.lastLatencyMs = now - startedAt;
      applyPage(page.jobs as Job[], ids, now);
    } catch (error) {
      if (closing.signal.aborted) return;
      failed = true;
      stats.failures++;
      consecutiveFailures++;
      stats.lastLatencyMs = timers.now() - startedAt;
      stats.intervalMs = next(failed);
      emitter.emit('poll:error', { cluster, error, consecutiveFailures, retryInMs: stats.intervalMs });
      if (pollTicks.hasSubscribers) publishTick(ids, { error });
      return;
    }
    stats.intervalMs = next(failed);
    if (pollTicks.hasSubscribers) publishTick(ids);
    emitter.emit('poll:tick', {
      cluster,
      watched: ids.length,
      latencyMs: stats.lastLatencyMs,
      nextInMs: stats.intervalMs,
    });
  }

  function publishTick(jobIds: string[], failure?: { error: unknown }): void {
    pollTicks.publish(
      pollTickMessage({
        cluster,
        user: init.user,
        jobIds,
        durationMs: stats.lastLatencyMs,
        nextIntervalMs: stats.intervalMs,
        consecutiveFailures,
        failure,
      }),
    );
  }

  function next(failed: boolean): number {
    const interval = nextPollInterval(options, {
      previousMs: stats.intervalMs,
      activity,
      failed,
      latencyMs: stats.lastLatencyMs,
    });
    activity = false;
    return failed ? interval : capForJobs(options, interval, pacedJobs(), stats.lastLatencyMs);
  }

  // What each job's clock says about when to look next (see capForJobs). Elapsed time, not the
  // start date, so the scheduler's clock (a mock's virtual one) never has to agree with ours.
  function* pacedJobs(): Generator<PacedJob> {
    const now = timers.now();
    for (const entry of entries.values()) {
      if (entry.ended) continue;
      const { state, elapsedSeconds, timeLimitSeconds } = entry.job;
      const running = state.phase === 'running';
      const sinceSeen = now - entry.seenAt;
      const elapsedMs = elapsedSeconds * 1000 + sinceSeen;
      yield {
        running,
        ageMs: running ? elapsedMs : now - entry.watchedAt,
        remainingMs:
          running && timeLimitSeconds !== undefined ? timeLimitSeconds * 1000 - elapsedMs : undefined,
      };
    }
  }

  function applyPage(jobs: Job[], ids: string[], now: number): void {
    const direct = new Map<string, Job>();
    const tasks = new Map<string, Job[]>();
    for (const job of jobs) {
      if (entries.has(job.id)) direct.set(job.id, job);
      const parent = job.arrayJobId;
      if (parent !== undefined && parent !== job.id && entries.has(parent)) {
        const list = tasks.get(parent);
        if (list) list.push(job);
        else tasks.set(parent, [job]);
      }
    }
    for (const id of ids) {
      const entry = entries.get(id);
      if (!entry || entry.ended) continue;
      const arrayTasks = tasks.get(id);
      const job = arrayTasks ? aggregateArrayJob(id, arrayTasks) : direct.get(id);
      if (job) {
        entry.missingPolls = 0;
        entry.missingSince = undefined;
        if (record(entry, job)) activity = true;
        continue;
      }
      entry.missingPolls++;
      entry.missingSince ??= now;
      if (
        entry.missingPolls >= MISSING_POLLS_BEFORE_UNKNOWN &&
        now - entry.missingSince >= options.missingGraceMs
      ) {
        record(entry, {
          ...entry.job,
          state: {
            phase: 'ended',
            outcome: 'unknown',
            raw: 'MISSING',
            reason:
              'the job left the queue and accounting has no record of it, so its outcome cannot be confirmed',
          },
        });
        activity = true;
      }
    }
  }

  function pollNow(): Promise<void> {
    inflight ??= tick().finally(() => {
      inflight = undefined;
      // Intervals run from the start of one poll to the start of the next, so a poll's own latency
      // does not delay noticing an end (the latency factor still leaves the scheduler idle between).
      if (activeIds().length > 0) schedule(Math.max(1, stats.intervalMs - (timers.now() - lastTickAt)));
      else if (timer !== undefined) {
        timers.clearTimeout(timer);
        timer = undefined;
      }
    });
    return inflight;
  }

  return {
    cluster,
    stats,
    watch(known) {
      let entry = entries.get(known.id);
      if (!entry) {
        const cached = ended.get(known.id);
        const job = cached ?? known;
        entry = {
          job,
          refs: 0,
          ended: job.state.phase === 'ended',
          missingPolls: 0,
          watchedAt: timers.now(),
          seenAt: timers.now(),
          events: new EventEmitter(),
        };
        entries.set(known.id, entry);
        if (!entry.ended) wake();
      }
      entry.refs++;
      const own = entry;
      let released = false;
      return {
        events: own.events,
        current: () => own.job,
        release() {
          if (released) return;
          released = true;
          own.refs--;
          if (own.refs === 0) {
            entries.delete(own.job.id);
            own.events.removeAllListeners();
          }
        },
      };
    },
    snapshot(id) {
      return entries.get(id)?.job ?? ended.get(id);
    },
    observe(job) {
      const entry = entries.get(job.id);
      if (entry) record(entry, job);
      else if (job.state.phase === 'ended') remember(job);
    },
    pollNow,
    close() {
      closing.abort(new Error('poller closed'));
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      for (const entry of entries.values()) entry.events.removeAllListeners();
      entries.clear();
    },
  };
}
