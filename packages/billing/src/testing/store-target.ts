import type { LedgerStore } from '../stores/ledger-store.js';

/** A store under test, fresh for each test, and how to reach the same data again. */
export interface StoreTarget {
  store: LedgerStore;
  /**
   * Opens a second store on the same data (another connection or process's view), for the
   * concurrency tests; the memory store returns itself.
   */
  openAnother(): Promise<LedgerStore>;
  /** Releases everything `setup` created. */
  cleanup?(): Promise<void>;
}

/** Options of {@link runStoreConformance}. */
export interface StoreConformanceOptions {
  /** Shown in test titles: `memory`, `sqlite`, `postgres`. */
  name: string;
  /** Creates an empty store for one test. */
  setup(): Promise<StoreTarget>;
  /** Per-test timeout in ms. @default 20000 */
  timeoutMs?: number;
}

/** One conformance test: a title and a body run against a fresh target. */
export interface StoreTest {
  title: string;
  /** The test body, run against a fresh target. */
  run(target: StoreTarget): Promise<void>;
}
