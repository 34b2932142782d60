import type fc from 'fast-check';

/**
 * One public entry point under fuzz: inputs to draw and the call to make with each. The call may
 * return anything or throw an hpckit error; anything else it throws, and any call that does not
 * settle within the bound, fails the suite with the input.
 */
export interface FuzzTarget<T = unknown> {
  name: string;
  arbitrary: fc.Arbitrary<T>;
  run(input: T): unknown;
}

/** Declares a target (identity, for type inference). */
export function fuzzTarget<T>(target: FuzzTarget<T>): FuzzTarget<T> {
  return target;
}
