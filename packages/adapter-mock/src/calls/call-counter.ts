import { MOCK_OPERATIONS, type MockOperation } from './mock-operations.js';

/** Calls per operation; every operation is present, 0 if never called. */
export type CallCounts = Readonly<Record<MockOperation, number>>;

/** Counts adapter calls per operation, failed ones included. */
export interface CallCounter {
  count(operation: MockOperation): void;
  /** A copy of the counts now. */
  snapshot(): CallCounts;
  reset(): void;
}

/** Creates a {@link CallCounter} with every count at 0. */
export function createCallCounter(): CallCounter {
  const zero = () =>
    Object.fromEntries(MOCK_OPERATIONS.map((op) => [op, 0])) as Record<MockOperation, number>;
  let counts = zero();
  return {
    count(operation) {
      counts[operation]++;
    },
    snapshot: () => ({ ...counts }),
    reset() {
      counts = zero();
    },
  };
}
