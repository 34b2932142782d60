import { errorsFor, type UnsupportedError } from '@hpckit/core';

/** An optional database driver a store loads on first use, and what it is needed for. */
export interface DriverPackage {
  /** The npm package, e.g. `better-sqlite3`. */
  name: string;
  /** The major version the store is tested with, as it goes in `npm install name@major`. */
  major: string;
  /** What needs it, as the error names it, e.g. `SQLite ledger store`. */
  capability: string;
}

const fail = errorsFor('billing');

const NOT_FOUND = new Set(['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND']);
// `bindings` (better-sqlite3's loader) throws a plain Error with the first; dlopen the others.
const UNBUILT = /Could not locate the bindings file|NODE_MODULE_VERSION|invalid ELF header|wrong ELF class/;

const oneLine = (text: string) => text.split('\n')[0]?.trim() ?? '';

/**
 * The typed error for a driver that is not installed or whose native binding does not load, or
 * undefined when `err` is another failure (a bad path, a refused connection), which stays as it is.
 * `importing` says the error came from importing the driver, where a missing module means the
 * driver (or a module of its own install) is missing: installing it again is the fix either way.
 */
export function driverError(
  driver: DriverPackage,
  err: unknown,
  importing: boolean,
): UnsupportedError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { code, message } = err as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  const details = { capability: driver.capability, driver: driver.name };
  if (importing && typeof code === 'string' && NOT_FOUND.has(code)) {
    return fail.unsupported({
      details: { ...details, reason: 'driver_missing', driverMajor: driver.major },
      cause: err,
    });
  }
  if (code === 'ERR_DLOPEN_FAILED' || UNBUILT.test(text)) {
    return fail.unsupported({
      details: { ...details, reason: 'driver_unbuilt', nativeMessage: oneLine(text) },
      cause: err,
    });
  }
  return undefined;
}

/**
 * Imports an optional driver, turning a missing or unbuilt one into an `UnsupportedError` that
 * says what to run.
 */
export async function importDriver<T>(driver: DriverPackage, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    throw driverError(driver, err, true) ?? err;
  }
}

/**
 * Runs the driver's first real use, where a native driver loads its binding: a binding that does
 * not load becomes an `UnsupportedError` saying to rebuild; any other failure stays as it is.
 */
export function useDriver<T>(driver: DriverPackage, step: () => T): T {
  try {
    return step();
  } catch (err) {
    throw driverError(driver, err, false) ?? err;
  }
}
