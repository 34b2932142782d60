import { afterEach, beforeEach, describe, it } from 'vitest';
import type { ConformanceContext, ConformanceFixtures, ConformanceTarget } from './context.js';
import { createContext } from './context.js';
import type { ConformanceSuite } from './define-suite.js';
import { accounts } from './suites/accounts.js';
import { capabilities } from './suites/capabilities.js';
import { config } from './suites/config.js';
import { jobsArraysDependencies } from './suites/jobs-arrays-dependencies.js';
import { jobsCancel } from './suites/jobs-cancel.js';
import { jobsEffective } from './suites/jobs-effective.js';
import { jobsHoldRelease } from './suites/jobs-hold-release.js';
import { jobsList } from './suites/jobs-list.js';
import { jobsOutput } from './suites/jobs-output.js';
import { jobsSubmit } from './suites/jobs-submit.js';
import { jobsSubmitMany } from './suites/jobs-submit-many.js';
import { jobsTimeLimit } from './suites/jobs-time-limit.js';
import { stateTransitions } from './suites/state-transitions.js';
import { users } from './suites/users.js';

/** Every suite, in the order they run. */
export const CONFORMANCE_SUITES: readonly ConformanceSuite[] = [
  jobsSubmit,
  jobsSubmitMany,
  jobsEffective,
  jobsList,
  jobsOutput,
  jobsCancel,
  jobsHoldRelease,
  jobsTimeLimit,
  stateTransitions,
  jobsArraysDependencies,
  accounts,
  users,
  config,
  capabilities,
];

/** Options of {@link runAdapterConformance}. */
export interface AdapterConformanceOptions {
  /** Shown in test titles, e.g. `mock` or `slurm (ssh)`. */
  name: string;
  /** Creates a fresh target for each test. */
  setup(): ConformanceTarget | Promise<ConformanceTarget>;
  fixtures: ConformanceFixtures;
  /**
   * Seconds of scheduler time between two looks while waiting for a job. @default 1
   */
  step?: number;
  /**
   * Seconds of scheduler time after which an ended job has surely left the live queue: Slurm's
   * `MinJobAge` plus slurmctld's purge interval (up to a minute). Tests of what a job reads like
   * once only accounting knows it wait this long after it ends. @default 310 (Slurm's default
   * MinJobAge of 300 s, and the mock's)
   */
  queueRetentionSeconds?: number;
  /** Tests to skip, by exact title, each with the reason (required). */
  skip?: Record<string, string>;
  /** Per-test timeout in ms (tests may ask for more). @default 60000 */
  timeoutMs?: number;
  /** Adapter-specific tests, run with the same context. */
  additionalTests?(ctx: ConformanceContext): void;
}

/**
 * Runs the shared adapter conformance suite with vitest: submission, listing, cancel, hold and
 * release, time limits, state transitions, arrays and dependencies, account and user blocking,
 * discovery, and `UNSUPPORTED` for every capability declared false. Every object the adapter
 * returns is checked against core's schemas. Tests needing a capability the adapter declares false
 * are skipped with that reason; any other skip needs a reason of its own.
 *
 * @example
 * ```ts
 * // packages/adapter-mock/test/conformance.test.ts
 * import { runAdapterConformance } from '@hpckit/core/testing';
 * import { mockAdapter } from '@hpckit/adapter-mock';
 *
 * runAdapterConformance({
 *   name: 'mock',
 *   setup: () => {
 *     const adapter = mockAdapter();
 *     return {
 *       adapter,
 *       advance: async (seconds) => {
 *         adapter.clock.advance(seconds);
 *       },
 *     };
 *   },
 *   fixtures: {
 *     users: { member: 'alice', outsider: 'bob' },
 *     accounts: { primary: 'electroplating', secondary: 'ai4ec' },
 *     partitions: { cpu: 'cpu' },
 *     qos: { normal: 'normal' },
 *   },
 * });
 * ```
 */
export function runAdapterConformance(options: AdapterConformanceOptions): void {
  const { ctx, begin, end } = createContext(
    options.fixtures,
    options.step ?? 1,
    options.queueRetentionSeconds,
  );
  const known = new Set(CONFORMANCE_SUITES.flatMap((s) => s.tests.map((t) => t.title)));
  for (const [title, reason] of Object.entries(options.skip ?? {})) {
    if (!known.has(title)) throw new Error(`skip names an unknown conformance test: "${title}"`);
    if (!reason.trim()) throw new Error(`skip of "${title}" needs a reason`);
  }

  describe(`${options.name} conformance`, () => {
    beforeEach(async () => {
      await begin(await options.setup());
    });
    afterEach(async () => {
      await end();
    });
    for (const suite of CONFORMANCE_SUITES) {
      describe(suite.area, () => {
        for (const test of suite.tests) {
          it(
            test.title,
            async ({ skip }) => {
              const reason = options.skip?.[test.title];
              if (reason) skip(reason);
              const missing = (test.needs ?? []).filter((c) => !ctx.runtime().capabilities[c]);
              if (missing.length > 0) {
                skip(
                  `capability ${missing.join(', ')} declared false (its UNSUPPORTED behaviour is tested under "capabilities")`,
                );
              }
              await test.run(ctx);
            },
            test.timeoutMs ?? options.timeoutMs ?? 60_000,
          );
        }
      });
    }
    if (options.additionalTests) describe('additional', () => options.additionalTests!(ctx));
  });
}
