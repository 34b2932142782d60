/**
 * Every public entry that takes user input, fuzzed with hostile input (fast-check): each call must
 * settle within a bound and throw nothing but hpckit's typed errors. Targets run in a worker
 * thread, so a call that never returns is caught and reported with its input.
 */
import { describe, expect, it } from 'vitest';
import { fuzzInWorker } from './support/fuzz-in-worker.js';

const RUNS = Number(process.env.HPCKIT_FUZZ_RUNS ?? 300);
const BOUND_MS = 5_000;

const modules = ['job-spec', 'apps', 'files', 'users', 'ledger'];

describe('fuzz: public entries settle and throw only typed errors', () => {
  it.each(modules)(
    '%s',
    async (name) => {
      const runs = await fuzzInWorker(new URL(`./targets/${name}.ts`, import.meta.url), {
        runs: RUNS,
        boundMs: BOUND_MS,
      });
      for (const count of Object.values(runs)) expect(count).toBe(RUNS);
    },
    300_000,
  );
});
