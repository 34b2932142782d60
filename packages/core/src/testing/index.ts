/**
 * The adapter conformance suite: run it from any adapter's tests to prove the adapter meets the
 * `SchedulerAdapter` contract. Needs vitest (an optional peer dependency of `@hpckit/core`).
 *
 * @packageDocumentation
 * @module @hpckit/core/testing
 */

// The suite
export { runAdapterConformance, CONFORMANCE_SUITES } from './run-adapter-conformance.js';
export type { AdapterConformanceOptions } from './run-adapter-conformance.js';
export type { ConformanceContext, ConformanceFixtures, ConformanceTarget } from './context.js';

// Suites of an adapter's own
export { defineSuite } from './define-suite.js';
export type { ConformanceSuite, ConformanceTest } from './define-suite.js';

// Script cases: shared with differential and canary tests
export { SCRIPT_CASES, REFUSED_SCRIPT_CASES, caseScript } from './suites/jobs-effective.js';
export type { ScriptCase, RefusedScriptCase } from './suites/jobs-effective.js';
