import { expect } from 'vitest';
import { createRuntimeAdapter, type RuntimeAdapter } from '../adapter/runtime-adapter.js';
import type { SchedulerAdapter } from '../adapter/scheduler-adapter.js';
import type { ErrorCode } from '../errors/codes.js';
import { type HpckitError, isHpckitError } from '../errors/hpckit-error.js';
import { type Job, JobSchema } from '../model/job.js';
import type { JobSpecInput } from '../model/job-spec.js';

/** What a conformance run needs for each test: a fresh adapter and a way to let time pass. */
export interface ConformanceTarget {
  adapter: SchedulerAdapter;
  /**
   * Lets `seconds` of scheduler time pass: the mock advances its virtual clock, a real cluster
   * simply waits.
   */
  advance(seconds: number): Promise<void>;
  /**
   * Resolves once these ended jobs have left the scheduler's live queue (only its accounting
   * still knows them), or after `maxSeconds` of scheduler time at most. Without it, the suite
   * advances `maxSeconds` (the run's `queueRetentionSeconds`). A real cluster that purges ended
   * jobs well before that bound watches its queue instead of sleeping the whole bound.
   */
  untilPurged?(jobIds: readonly string[], maxSeconds: number): Promise<void>;
  /** Cleans up after the test (cancel leftover jobs, close connections). */
  teardown?(): Promise<void>;
}

/**
 * Identities the suite uses. They must exist on the scheduler: `member` belongs to both accounts,
 * `outsider` belongs to `secondary` only.
 */
export interface ConformanceFixtures {
  users: { member: string; outsider: string };
  accounts: { primary: string; secondary: string };
  /** `gpu`, when given, has nodes with at least 2 GPUs and 4 cores. */
  partitions: { cpu: string; gpu?: string };
  qos: { normal: string };
}

/** What each suite gets. */
export interface ConformanceContext {
  readonly fixtures: ConformanceFixtures;
  /** The current test's target (set in `beforeEach`). */
  target(): ConformanceTarget;
  /** The current test's adapter behind core's runtime layer, as users see it. */
  runtime(): RuntimeAdapter;
  /** The user calls act as: `member` when the adapter can act for users, else none. */
  actor(): string | undefined;
  /** A small valid job spec for `member` on `primary`/`cpu`, merged with `overrides`. */
  spec(overrides?: Partial<JobSpecInput>): JobSpecInput;
  /** Submits `spec(overrides)` and returns the job, checked against `JobSchema`. */
  submit(overrides?: Partial<JobSpecInput>, user?: string): Promise<Job>;
  /** Gets a job repeatedly, letting time pass, until `predicate` holds; fails after `maxSeconds`. */
  settle(id: string, predicate: (job: Job) => boolean, maxSeconds?: number): Promise<Job>;
  /** Asserts that `promise` rejects with an hpckit error of `code` and returns it. */
  rejects<C extends ErrorCode>(promise: Promise<unknown>, code: C): Promise<HpckitError<C>>;
  /** A name unique to this run, for jobs and accounts the test creates. */
  unique(prefix: string): string;
  /** Seconds of scheduler time between two looks in `settle`. */
  readonly step: number;
  /**
   * Seconds of scheduler time after which an ended job has surely left the live queue (Slurm's
   * MinJobAge plus the controller's purge interval), for tests of what accounting alone knows.
   */
  readonly queueRetentionSeconds: number;
}

/** The cluster key the suite's runtime layer is given, as a client gives its key. */
export const CLUSTER_KEY = 'conformance-key';

/** Builds the shared context; `current` is replaced before each test. */
export function createContext(fixtures: ConformanceFixtures, step: number, queueRetentionSeconds = 310) {
  let current: { target: ConformanceTarget; runtime: RuntimeAdapter } | undefined;
  let counter = 0;
  // Jobs the current test submitted, cancelled after it so a failed test leaves nothing running.
  let submitted: { id: string; user: string | undefined }[] = [];
  const runId = Date.now().toString(36);

  const ctx: ConformanceContext = {
    fixtures,
    step,
    queueRetentionSeconds,
    target: () => required().target,
    runtime: () => required().runtime,
    actor: () => (required().target.adapter.capabilities.actAsUser ? fixtures.users.member : undefined),
    spec: (overrides = {}) => ({
      name: ctx.unique('ct'),
      command: 'sleep 1',
      account: fixtures.accounts.primary,
      partition: fixtures.partitions.cpu,
      qos: fixtures.qos.normal,
      coresPerNode: 1,
      memory: { perNode: '256M' },
      timeLimit: '10m',
      stdout: '/dev/null',
      ...overrides,
    }),
    async submit(overrides = {}, user) {
      const who = user ?? ctx.actor();
      const result = await ctx.runtime().jobs.submit(ctx.spec(overrides), { user: who });
      submitted.push({ id: result.job.id, user: who });
      return JobSchema.parse(result.job);
    },
    async settle(id, predicate, maxSeconds = 120) {
      let waited = 0;
      while (true) {
        const job = JobSchema.parse(await ctx.runtime().jobs.get(id, { user: ctx.actor() }));
        if (predicate(job)) return job;
        if (waited >= maxSeconds) {
          throw new Error(
            `job ${id} did not reach the expected state within ${maxSeconds} s; last state: ${JSON.stringify(job.state)}`,
          );
        }
        await ctx.target().advance(step);
        waited += step;
      }
    },
    async rejects(promise, code) {
      let caught: unknown;
      try {
        await promise;
      } catch (err) {
        caught = err;
      }
      expect(caught, `expected an hpckit error with code ${code}`).toBeDefined();
      if (!isHpckitError(caught, code)) {
        throw new Error(
          `expected an hpckit error with code ${code}, got ${
            isHpckitError(caught) ? `${caught.code}: ${caught.message}` : String(caught)
          }`,
        );
      }
      return caught;
    },
    unique: (prefix) => `${prefix}${runId}${(counter++).toString(36)}`,
  };

  return {
    ctx,
    async begin(target: ConformanceTarget) {
      // A key unlike any adapter's name, so a job stamped with the adapter's own name shows.
      const runtime = createRuntimeAdapter(target.adapter, { retry: { retries: 0 }, cluster: CLUSTER_KEY });
      current = { target, runtime };
    },
    async end() {
      const ending = current;
      const leftovers = submitted;
      submitted = [];
      for (const { id, user } of leftovers) {
        await ending?.runtime.jobs.cancel(id, { user }).catch(() => undefined);
      }
      current = undefined;
      await ending?.target.teardown?.();
      await ending?.runtime.close();
    },
  };

  function required() {
    if (!current) throw new Error('the conformance context is used outside a test');
    return current;
  }
}
