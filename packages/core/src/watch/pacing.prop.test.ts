import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  capForJobs,
  OVERDUE_WINDOW_MS,
  type PacedJob,
  PollingOptionsSchema,
  TIME_LIMIT_SLACK_MS,
} from './backoff.js';

const options = PollingOptionsSchema.parse({ jitter: 0 });
const HOUR = 3_600_000;

const pacedJob: fc.Arbitrary<PacedJob> = fc.record(
  {
    running: fc.boolean(),
    ageMs: fc.integer({ min: 0, max: 10 * HOUR }),
    remainingMs: fc.integer({ min: -10 * 60_000, max: 10 * HOUR }),
  },
  { requiredKeys: ['running', 'ageMs'] },
);
const interval = fc.integer({ min: 1, max: 600_000 });
/** The shortest interval the caps may ask for: the young-job one while any job is young. */
const shortestFor = (jobs: PacedJob[]) =>
  jobs.some((j) => j.ageMs < options.youngJobWindowMs) ? options.youngJobIntervalMs : options.minIntervalMs;

describe('capForJobs', () => {
  it('never lengthens the interval, nor shortens it below the minimum or twice the latency', () => {
    fc.assert(
      fc.property(
        interval,
        fc.array(pacedJob, { maxLength: 20 }),
        fc.integer({ min: 0, max: 20_000 }),
        (ms, jobs, latencyMs) => {
          const capped = capForJobs(options, ms, jobs, latencyMs);
          expect(capped).toBeLessThanOrEqual(ms);
          expect(capped).toBeGreaterThanOrEqual(Math.min(ms, Math.max(shortestFor(jobs), 2 * latencyMs)));
        },
      ),
    );
  });

  it('looks no later than the earliest time limit among running jobs (plus slack)', () => {
    fc.assert(
      fc.property(interval, fc.array(pacedJob, { minLength: 1, maxLength: 20 }), (ms, jobs) => {
        const capped = capForJobs(options, ms, jobs);
        for (const job of jobs) {
          if (!job.running || job.remainingMs === undefined || job.remainingMs <= 0) continue;
          expect(capped).toBeLessThanOrEqual(
            Math.max(options.minIntervalMs, job.remainingMs + TIME_LIMIT_SLACK_MS),
          );
        }
      }),
    );
  });

  it('polls at the minimum while a running job is past its limit, within the overdue window', () => {
    fc.assert(
      fc.property(
        interval,
        fc.integer({ min: 0, max: OVERDUE_WINDOW_MS - 1 }),
        fc.array(pacedJob, { maxLength: 10 }),
        (ms, overdueBy, others) => {
          const overdue: PacedJob = { running: true, ageMs: HOUR * 2, remainingMs: -overdueBy };
          expect(capForJobs(options, ms, [...others, overdue])).toBe(Math.min(ms, shortestFor(others)));
        },
      ),
    );
  });

  it('keeps the interval within recentJobMaxIntervalMs while any job is in its first hour', () => {
    const ages = fc.integer({ min: options.youngJobWindowMs, max: HOUR - 1 });
    fc.assert(
      fc.property(interval, ages, fc.boolean(), (ms, ageMs, running) => {
        const capped = capForJobs(options, ms, [{ running, ageMs }]);
        expect(capped).toBe(Math.min(ms, options.recentJobMaxIntervalMs));
      }),
    );
  });

  it('polls every youngJobIntervalMs (or twice the latency) while any job is in its first minute', () => {
    const ages = fc.integer({ min: 0, max: options.youngJobWindowMs - 1 });
    fc.assert(
      fc.property(
        interval,
        ages,
        fc.array(pacedJob, { maxLength: 10 }),
        fc.integer({ min: 0, max: 2_000 }),
        (ms, ageMs, others, latencyMs) => {
          const capped = capForJobs(options, ms, [...others, { running: true, ageMs }], latencyMs);
          expect(capped).toBe(Math.min(ms, Math.max(options.youngJobIntervalMs, 2 * latencyMs)));
        },
      ),
    );
  });

  it('leaves the backoff alone for old jobs far from their limits', () => {
    const old: PacedJob = { running: true, ageMs: 2 * HOUR, remainingMs: HOUR };
    expect(capForJobs(options, 30_000, [old, { running: false, ageMs: 3 * HOUR }])).toBe(30_000);
    // A job long past its limit (the scheduler is not ending it) no longer holds the poller at 1 s.
    expect(capForJobs(options, 30_000, [{ ...old, remainingMs: -OVERDUE_WINDOW_MS }])).toBe(30_000);
  });
});
