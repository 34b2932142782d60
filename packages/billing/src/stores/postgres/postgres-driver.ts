import type { DriverPackage } from '../driver-loader.js';

/** pg, an optional peer: loaded when a PostgreSQL store is created, not on import. */
export const POSTGRES_DRIVER: DriverPackage = {
  name: 'pg',
  major: '8',
  capability: 'PostgreSQL ledger store',
};

/**
 * How the driver module is imported. A property, not a bare import, so the tests can load a
 * package that is not installed, through the real code path.
 */
export const postgresDriverImport = {
  load: () => import('pg'),
};
