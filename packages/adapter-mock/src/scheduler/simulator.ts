import type { JobOutcome } from '@hpckit/core';
import { endReasonOf, rawStateOf } from '../jobs/job-outcomes.js';
import type { SimJob } from '../jobs/sim-job.js';
import { evaluateDependencies } from './dependency-state.js';
import { createEventHeap, type TimedEvent } from './event-heap.js';
import { addRunning, mattersToLastPass, type PartitionRuntime, removeRunning } from './partition-runtime.js';
import { schedulePass } from './schedule-pass.js';

interface SimEvent extends TimedEvent {
  kind: 'end' | 'begin';
  job: SimJob;
  version: number;
}

/** When an ended job leaves the live queue and when it reaches accounting, in virtual ms. */
export interface SettleTimes {
  liveUntil: number;
  accountedAt: number;
}

/** Hooks called on every start and end (tests check invariants through them). */
export interface SimulatorObserver {
  started?(job: SimJob): void;
  ended?(job: SimJob): void;
}

/** What {@link createSimulator} needs. */
export interface SimulatorInit {
  /** Virtual time at creation, in ms. */
  startMs: number;
  partitions: readonly PartitionRuntime[];
  /** Jobs examined for backfill behind the first blocked one, per pass. */
  backfillDepth: number;
  /** Decides, when a job ends, how long it stays live and when accounting has it. */
  settle(endMs: number): SettleTimes;
  observer?: SimulatorObserver;
}

/**
 * The event-driven scheduler simulation over virtual time: jobs wait until they are eligible
 * (released, dependencies met, begin time reached, a throttle slot free) and resources are free,
 * run for their behaviour's runtime or their time limit, and end, freeing what they held.
 */
export interface Simulator {
  /** Virtual time reached, in ms. */
  readonly now: number;
  readonly pending: number;
  readonly running: number;
  /** Processes every event up to `ms` and moves there. */
  advanceTo(ms: number): void;
  /**
   * Processes events until no job is pending or running (`idle`), nothing more can happen while
   * jobs are still pending (`stuck`), or the next event is after `deadline` (`deadline`, and time
   * moves to the deadline).
   */
  runUntilIdle(deadline: number): 'idle' | 'stuck' | 'deadline';
  /** Takes in newly submitted jobs. */
  admit(jobs: readonly SimJob[]): void;
  /** Cancels a pending or running job on behalf of `uid`. */
  cancel(job: SimJob, uid: number): void;
  hold(job: SimJob): void;
  release(job: SimJob): void;
  /** Sets a job's time limit; a running job past its new limit ends `timeout` now. */
  setTimeLimit(job: SimJob, seconds: number): void;
}

/** Creates a {@link Simulator} with every node free. */
export function createSimulator(init: SimulatorInit): Simulator {
  const heap = createEventHeap<SimEvent>();
  const { observer } = init;
  let now = init.startMs;
  let pending = 0;
  let running = 0;
  let anyDirty = false;

  function markDirty(p: PartitionRuntime): void {
    p.dirty = true;
    anyDirty = true;
  }

  function schedule(): void {
    while (anyDirty) {
      anyDirty = false;
      for (const p of init.partitions) {
        if (!p.dirty) continue;
        p.dirty = false;
        schedulePass(p, now, init.backfillDepth, start);
      }
    }
  }

  function step(): void {
    now = heap.peek()!.time;
    while (heap.size > 0 && heap.peek()!.time === now) handle(heap.pop()!);
    schedule();
  }

  function handle(event: SimEvent): void {
    const { job } = event;
    if (event.kind === 'begin') reconsider(job);
    else if (job.phase === 'running' && job.endVersion === event.version) {
      const outcome: JobOutcome = job.timedOut ? 'timeout' : job.behavior.outcome;
      if (!job.timedOut) job.signal = job.behavior.signal;
      end(job, outcome, rawStateOf(outcome), job.timedOut ? 0 : job.behavior.exitCode);
    }
  }

  function start(job: SimJob): void {
    const p = job.partition;
    job.nodes = p.pool.allocate(job.demand);
    p.queue.remove(job.entry!);
    job.entry = undefined;
    job.phase = 'running';
    job.startTime = now;
    pending--;
    running++;
    planEnd(job);
    addRunning(p, job);
    if (job.group) job.group.notStarted--;
    notify(job);
    observer?.started?.(job);
  }

  function planEnd(job: SimJob): void {
    const limitMs =
      job.timeLimitSeconds === undefined ? Number.POSITIVE_INFINITY : job.timeLimitSeconds * 1000;
    job.timedOut = job.behavior.runtimeMs > limitMs;
    job.expectedEnd = job.startTime! + limitMs;
    const endAt = job.startTime! + (job.timedOut ? limitMs : job.behavior.runtimeMs);
    job.endVersion++;
    heap.push({ time: Math.max(endAt, now), order: 0, kind: 'end', job, version: job.endVersion });
  }

  function end(job: SimJob, outcome: JobOutcome, raw: string, exitCode: number): void {
    const p = job.partition;
    const wasRunning = job.phase === 'running';
    if (wasRunning) {
      p.pool.release(job.nodes!, job.demand);
      removeRunning(p, job);
      running--;
    } else {
      dequeue(job);
      job.throttled = false;
      pending--;
    }
    markDirty(p);
    job.phase = 'ended';
    job.endTime = now;
    job.outcome = outcome;
    job.raw = raw;
    job.exitCode = exitCode;
    job.endReason = endReasonOf(outcome);
    const settled = init.settle(now);
    job.liveUntil = settled.liveUntil;
    job.accountedAt = settled.accountedAt;
    const group = job.group;
    if (group) {
      if (!wasRunning) group.notStarted--;
      group.ended++;
      if (outcome === 'completed') group.completed++;
      if (job.admitted) releaseSlot(job);
    }
    notify(job);
    // Nothing about an ended job changes again; later dependents read its final state on submit.
    if (job.dependents.length > 0) job.dependents = [];
    if (group && group.ended === group.tasks.length && group.dependents.length > 0) group.dependents = [];
    observer?.ended?.(job);
  }

  function dequeue(job: SimJob): void {
    const p = job.partition;
    if (!job.entry) return;
    p.queue.remove(job.entry);
    job.entry = undefined;
    if (p.topBlocked === job) p.topBlocked = undefined;
    markDirty(p);
  }

  /** Queues a pending job if nothing holds it back any more. */
  function reconsider(job: SimJob): void {
    if (job.phase !== 'pending' || job.entry || job.held || job.depState !== 'none') return;
    if (job.beginAt !== undefined && job.beginAt > now) return;
    const group = job.group;
    if (group?.throttle !== undefined && !job.admitted) {
      if (group.admitted >= group.throttle) {
        if (!job.throttled) {
          job.throttled = true;
          group.waiting.push(job);
        }
        return;
      }
      job.admitted = true;
      job.throttled = false;
      group.admitted++;
    }
    const p = job.partition;
    job.entry = p.queue.add(job);
    job.enqueuedPass = p.passes;
    if (mattersToLastPass(p, job)) markDirty(p);
  }

  function releaseSlot(job: SimJob): void {
    const group = job.group!;
    job.admitted = false;
    group.admitted--;
    while (group.admitted < group.throttle! && group.waitingHead < group.waiting.length) {
      const next = group.waiting[group.waitingHead++]!;
      if (!next.throttled) continue;
      next.throttled = false;
      reconsider(next);
    }
    if (group.waitingHead > 1024 && group.waitingHead * 2 > group.waiting.length) {
      group.waiting = group.waiting.slice(group.waitingHead);
      group.waitingHead = 0;
    }
  }

  function notify(target: SimJob): void {
    reevaluate(target.dependents);
    if (target.group) reevaluate(target.group.dependents);
  }

  function reevaluate(dependents: readonly SimJob[]): void {
    for (const job of dependents) {
      if (job.phase !== 'pending' || job.depState !== 'waiting') continue;
      const state = evaluateDependencies(job.dependencies);
      if (state === 'waiting') continue;
      job.depState = state;
      if (state === 'none') reconsider(job);
    }
  }

  return {
    get now() {
      return now;
    },
    get pending() {
      return pending;
    },
    get running() {
      return running;
    },
    advanceTo(ms) {
      if (ms < now) return;
      schedule();
      while (heap.size > 0 && heap.peek()!.time <= ms) step();
      now = ms;
    },
    runUntilIdle(deadline) {
      schedule();
      while (pending + running > 0) {
        const next = heap.peek();
        if (!next) return 'stuck';
        if (next.time > deadline) {
          now = Math.max(now, deadline);
          return 'deadline';
        }
        step();
      }
      return 'idle';
    },
    admit(jobs) {
      for (const job of jobs) {
        pending++;
        for (const term of job.dependencies) for (const target of term.targets) target.dependents.push(job);
        job.depState = evaluateDependencies(job.dependencies);
        if (job.beginAt !== undefined && job.beginAt > now)
          heap.push({ time: job.beginAt, order: 0, kind: 'begin', job, version: 0 });
        reconsider(job);
      }
    },
    cancel(job, uid) {
      if (job.phase !== 'ended') end(job, 'cancelled', `CANCELLED by ${uid}`, 0);
    },
    hold(job) {
      if (job.phase !== 'pending' || job.held) return;
      job.held = true;
      dequeue(job);
      job.throttled = false;
      if (job.admitted) releaseSlot(job);
    },
    release(job) {
      if (job.phase !== 'pending' || !job.held) return;
      job.held = false;
      reconsider(job);
    },
    setTimeLimit(job, seconds) {
      job.timeLimitSeconds = seconds;
      if (job.phase === 'running') {
        removeRunning(job.partition, job);
        planEnd(job);
        addRunning(job.partition, job);
      }
      if (job.phase !== 'ended') markDirty(job.partition);
    },
  };
}
