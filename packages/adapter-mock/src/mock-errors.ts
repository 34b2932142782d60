import { errorsFor } from '@hpckit/core';
import { ADAPTER_NAME } from './adapter-version.js';

/**
 * Every error the mock adapter raises as the scheduler would: tagged `[hpckit] [mock]`, worded by
 * core's catalogue from the facts each throw passes, like the real adapters' errors.
 */
export const fail = errorsFor(ADAPTER_NAME);
