import type { CapabilityKey } from '../adapter/capabilities.js';
import type { ConformanceContext } from './context.js';

/** One conformance test: a title `<area>: <behaviour>`, what it needs, and its body. */
export interface ConformanceTest {
  title: string;
  /** Capabilities the test needs; when one is declared false the test is skipped with that reason. */
  needs?: CapabilityKey[];
  /** Timeout of this test in ms, when it needs more than the default. */
  timeoutMs?: number;
  /** The test body. */
  run(ctx: ConformanceContext): Promise<void>;
}

/** A group of conformance tests for one area. */
export interface ConformanceSuite {
  area: string;
  tests: ConformanceTest[];
}

/** Declares a suite; the identity function exists for type inference and readability. */
export function defineSuite(area: string, tests: ConformanceTest[]): ConformanceSuite {
  return { area, tests };
}
