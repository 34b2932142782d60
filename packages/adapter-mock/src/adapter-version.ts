/** Version of this package, reported by `version()` as `adapter` (a test keeps it equal to package.json). */
export const ADAPTER_VERSION = '0.1.0';

/** Version the simulated scheduler reports. */
export const SCHEDULER_VERSION = '1.0.0';

/** Name of the adapter, shown in errors as `[hpckit] [mock]`. */
export const ADAPTER_NAME = 'mock';
