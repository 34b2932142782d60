import type Database from 'better-sqlite3';
import type { DriverPackage } from '../driver-loader.js';

/** better-sqlite3, an optional peer: loaded when a SQLite store is created, not on import. */
export const SQLITE_DRIVER: DriverPackage = {
  name: 'better-sqlite3',
  major: '12',
  capability: 'SQLite ledger store',
};

/**
 * How the driver module is imported. A property, not a bare import, so the tests can load a
 * package that is not installed or a binding that does not load, through the real code path.
 */
export const sqliteDriverImport: { load: () => Promise<{ default: typeof Database }> } = {
  load: () => import('better-sqlite3'),
};
