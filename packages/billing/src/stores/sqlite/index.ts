/**
 * The SQLite ledger store (better-sqlite3): `@hpckit/billing/stores/sqlite`.
 *
 * @packageDocumentation
 * @module @hpckit/billing/stores/sqlite
 */
// Store
export { createSqliteStore, SqliteStoreOptionsSchema } from './sqlite-store.js';
export type { SqliteStoreOptions } from './sqlite-store.js';
