import { ADAPTER_OPERATION_PATHS, type AdapterOperation } from '@hpckit/core';

/**
 * Every adapter operation, named as core's operation table names them (`ADAPTER_OPERATION_PATHS`
 * of `@hpckit/core`); calls are counted under these names.
 */
export const MOCK_OPERATIONS = ADAPTER_OPERATION_PATHS;

/** One of {@link MOCK_OPERATIONS}. */
export type MockOperation = AdapterOperation;
