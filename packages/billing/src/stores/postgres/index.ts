/**
 * The PostgreSQL ledger store (pg): `@hpckit/billing/stores/postgres`.
 *
 * @packageDocumentation
 * @module @hpckit/billing/stores/postgres
 */
// Store
export { createPostgresStore, PostgresStoreOptionsSchema } from './postgres-store.js';
export type { PostgresStoreOptions } from './postgres-store.js';
