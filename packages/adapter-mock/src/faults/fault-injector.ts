import { type DurationInput, DurationSchema, parseInput } from '@hpckit/core';
import { z } from 'zod';
import { MOCK_OPERATIONS, type MockOperation } from '../calls/mock-operations.js';
import { mockRules } from '../errors/mock-rules.js';

/** Options of {@link MockFaults.unavailable}. */
export interface UnavailableOptions {
  /** Only calls of these operations fail (and count towards `n`). @default every operation */
  operations?: MockOperation[];
  /**
   * The operation takes effect, then its answer is lost (the caller sees the error): a submit
   * creates its job anyway, which is what idempotency keys are for. @default false
   */
  responseLost?: boolean;
}

/** Latency before answering: fixed, or chosen per operation. */
export type LatencyInput = number | ((operation: MockOperation) => number);

/**
 * Faults to inject into the mock scheduler, each lasting until changed or {@link MockFaults.clear}ed.
 *
 * @example
 * ```ts
 * adapter.faults.unavailable(2, { operations: ['jobs.list'] }); // the next two listings fail, retryably
 * adapter.faults.accountingDelay('30s');                         // sacct lags 30 s behind job ends
 * ```
 */
export interface MockFaults {
  /** The next `n` calls (of the given operations) throw `SCHEDULER_UNAVAILABLE`, which is retryable. */
  unavailable(n: number, options?: UnavailableOptions): void;
  /** Waits this many real ms before answering each call; aborting the call's signal stops the wait. */
  latency(ms: LatencyInput): void;
  /** Jobs that end from now on leave the live queue at once and never reach accounting. */
  purgeBeforeAccounting(on: boolean): void;
  /** Accounting answers nothing: ended jobs are visible only while still in the live queue. */
  accountingDisabled(on: boolean): void;
  /** Jobs that end from now on reach accounting only this much virtual time later (sacct lag). */
  accountingDelay(duration: DurationInput): void;
  /** Removes every fault. */
  clear(): void;
}

/** What the adapter consults on each call and each job end. */
export interface FaultState {
  /** Takes one pending unavailability for `operation`, if any. */
  takeUnavailable(operation: MockOperation): { responseLost: boolean } | undefined;
  /** Real ms to wait before answering `operation`. */
  latencyFor(operation: MockOperation): number;
  readonly purging: boolean;
  readonly accountingOff: boolean;
  readonly accountingDelayMs: number;
}

const UnavailableSchema = z.strictObject({
  n: z
    .number()
    .int({ error: mockRules.error('whole_number') })
    .positive({ error: mockRules.error('at_least_one_call') }),
  operations: z.array(z.enum(MOCK_OPERATIONS)).min(1).optional(),
  responseLost: z.boolean().default(false),
});
// zod refuses Infinity and NaN as not numbers, so the rule words the type check itself.
const LatencyMsSchema = z
  .number({ error: mockRules.error('finite_milliseconds') })
  .nonnegative({ error: mockRules.error('not_negative') });

/** Creates the fault controls and the state the adapter reads. */
export function createFaults(): { control: MockFaults; state: FaultState } {
  let rules: { remaining: number; operations?: Set<MockOperation>; responseLost: boolean }[] = [];
  let latency: LatencyInput = 0;
  let purging = false;
  let accountingOff = false;
  let accountingDelayMs = 0;

  const control: MockFaults = {
    unavailable(n, options = {}) {
      const parsed = parseInput(
        UnavailableSchema,
        { n, ...options },
        mockRules.subject('faults_unavailable_arguments'),
      );
      rules.push({
        remaining: parsed.n,
        operations: parsed.operations && new Set(parsed.operations),
        responseLost: parsed.responseLost,
      });
    },
    latency(ms) {
      latency =
        typeof ms === 'function'
          ? ms
          : parseInput(LatencyMsSchema, ms, mockRules.subject('faults_latency'), ['ms']);
    },
    purgeBeforeAccounting(on) {
      purging = parseInput(z.boolean(), on, mockRules.subject('faults_purgebeforeaccounting'), ['on']);
    },
    accountingDisabled(on) {
      accountingOff = parseInput(z.boolean(), on, mockRules.subject('faults_accountingdisabled'), ['on']);
    },
    accountingDelay(duration) {
      accountingDelayMs =
        parseInput(DurationSchema, duration, mockRules.subject('faults_accountingdelay'), ['duration']) *
        1000;
    },
    clear() {
      rules = [];
      latency = 0;
      purging = false;
      accountingOff = false;
      accountingDelayMs = 0;
    },
  };

  const state: FaultState = {
    takeUnavailable(operation) {
      const rule = rules.find((r) => r.remaining > 0 && (!r.operations || r.operations.has(operation)));
      if (!rule) return undefined;
      rule.remaining--;
      rules = rules.filter((r) => r.remaining > 0);
      return { responseLost: rule.responseLost };
    },
    latencyFor(operation) {
      if (typeof latency === 'number') return latency;
      return parseInput(LatencyMsSchema, latency(operation), mockRules.subject('faults_latency_result'), [
        operation,
      ]);
    },
    get purging() {
      return purging;
    },
    get accountingOff() {
      return accountingOff;
    },
    get accountingDelayMs() {
      return accountingDelayMs;
    },
  };
  return { control, state };
}
