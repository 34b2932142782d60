import { type DurationInput, DurationSchema, type Job, parseInput, ValidationError } from '@hpckit/core';
import { z } from 'zod';
import { mockRules } from '../errors/mock-rules.js';
import type { ClockMode, VirtualClock } from './virtual-clock.js';
import type { JobStore } from '../jobs/job-store.js';
import type { SimJob } from '../jobs/sim-job.js';
import type { Simulator } from '../scheduler/simulator.js';

/** Options of {@link MockClock.runUntilIdle}. */
export interface RunUntilIdleOptions {
  /** Advance at most this much virtual time (`"30d"`, seconds). @default no limit */
  limit?: DurationInput;
}

/** Where {@link MockClock.runUntilIdle} stopped. */
export interface IdleReport {
  /** No job is pending or running. */
  idle: boolean;
  /** Virtual time reached. */
  now: Date;
  /** Stopped at `limit` with work left. */
  limitReached: boolean;
  /**
   * Pending jobs that can never run without outside help (held, dependency never satisfied, or
   * waiting on such jobs); empty when idle or stopped at the limit.
   */
  stuck: Job[];
}

/**
 * The virtual clock of a mock adapter, and the way to move it.
 *
 * @example
 * ```ts
 * await client.jobs.submit({ command: 'sleep 10m', timeLimit: '1h' });
 * adapter.clock.advance('10m');
 * const { idle, stuck } = adapter.clock.runUntilIdle();
 * ```
 */
export interface MockClock {
  /** `manual` (moves only when told) or `scaled` (follows real time, sped up). */
  readonly mode: ClockMode;
  /** Virtual now. */
  now(): Date;
  /** Moves virtual time forward by `duration` (`"10m"`, `3600`), running everything due; returns the new now. */
  advance(duration: DurationInput): Date;
  /** Moves virtual time forward to `date`, running everything due; returns the new now. */
  advanceTo(date: Date): Date;
  /**
   * Moves virtual time forward until no job is pending or running. Never loops forever: jobs that
   * can never run are reported in `stuck` instead.
   */
  runUntilIdle(options?: RunUntilIdleOptions): IdleReport;
}

/** What {@link createMockClock} drives. */
export interface MockClockInit {
  clock: VirtualClock;
  sim: Simulator;
  store: JobStore;
  view(job: SimJob): Job;
}

const IdleOptionsSchema = z.strictObject({ limit: DurationSchema.optional() });

/** Creates the {@link MockClock} control of an adapter. */
export function createMockClock({ clock, sim, store, view }: MockClockInit): MockClock {
  function moveTo(target: number): Date {
    sim.advanceTo(Math.max(clock.now(), sim.now));
    sim.advanceTo(target);
    clock.jumpTo(sim.now);
    return new Date(sim.now);
  }
  return {
    mode: clock.mode,
    now: () => new Date(Math.max(clock.now(), sim.now)),
    advance(duration) {
      const seconds = parseInput(DurationSchema, duration, mockRules.subject('clock_advance_duration'), [
        'duration',
      ]);
      return moveTo(Math.max(clock.now(), sim.now) + seconds * 1000);
    },
    advanceTo(date) {
      const target = parseInput(z.date(), date, mockRules.subject('clock_advanceto_date'), [
        'date',
      ]).getTime();
      const now = Math.max(clock.now(), sim.now);
      if (target < now) {
        throw pastDate(date, new Date(now));
      }
      return moveTo(target);
    },
    runUntilIdle(options = {}) {
      const { limit } = parseInput(
        IdleOptionsSchema,
        options,
        mockRules.subject('clock_rununtilidle_options'),
        ['options'],
      );
      sim.advanceTo(Math.max(clock.now(), sim.now));
      const deadline = limit === undefined ? Number.POSITIVE_INFINITY : sim.now + limit * 1000;
      const outcome = sim.runUntilIdle(deadline);
      clock.jumpTo(sim.now);
      const stuck = outcome === 'stuck' ? store.records.filter((j) => j.phase === 'pending').map(view) : [];
      return {
        idle: outcome === 'idle',
        now: new Date(sim.now),
        limitReached: outcome === 'deadline',
        stuck,
      };
    },
  };
}

function pastDate(date: Date, now: Date): ValidationError {
  const issue = mockRules.validationIssue(['date'], 'date_in_past', {
    value: date.toISOString(),
    item: now.toISOString(),
  });
  return new ValidationError({ details: { ...mockRules.subject('clock_advanceto_date'), issues: [issue] } });
}
