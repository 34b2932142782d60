/**
 * Test helpers of @hpckit/billing: the shared ledger-store conformance suite (vitest) and
 * fixtures for ledgers and job syncs.
 *
 * @packageDocumentation
 * @module @hpckit/billing/testing
 */

// Store conformance
export { runStoreConformance, STORE_CONFORMANCE_TESTS } from './run-store-conformance.js';
export type { StoreConformanceOptions, StoreTarget, StoreTest } from './store-target.js';

// Ledger fixtures
export { accountFixture, arraySource, endedJob, memberFixture, T0 } from './fixtures.js';
export { FINANCE, ledgerHarness, ROOT } from './ledger-harness.js';
export type { LedgerHarness } from './ledger-harness.js';
