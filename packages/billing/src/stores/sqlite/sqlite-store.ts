import { parseInput } from '@hpckit/core';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { importDriver, useDriver } from '../driver-loader.js';
import type { LedgerStore } from '../ledger-store.js';
import { createSerialQueue } from '../serial-queue.js';
import type { SqlConnection } from '../sql/sql-dialect.js';
import { migrate } from '../sql/sql-migrations.js';
import { sqlTx } from '../sql/sql-tx.js';
import { storeFailure } from '../store-failures.js';
import { sqliteDialect } from './sqlite-dialect.js';
import { SQLITE_DRIVER, sqliteDriverImport } from './sqlite-driver.js';
import { billingRules } from '../../errors/billing-rules.js';

/** Options of {@link createSqliteStore}. */
export const SqliteStoreOptionsSchema = z.strictObject({
  /** Database file (created if missing), or `:memory:`. */
  path: z.string().min(1, { error: billingRules.error('no_database_file') }),
  /** How long a transaction waits for another process's write lock, in ms. @default 10000 */
  busyTimeoutMs: z.number().int().nonnegative().default(10_000),
  /**
   * `full` makes every commit durable against power loss; `normal` only against process crashes
   * (faster on slow disks). @default 'full'
   */
  synchronous: z.enum(['full', 'normal']).default('full'),
});

/** Options of {@link createSqliteStore}, as given. */
export type SqliteStoreOptions = z.input<typeof SqliteStoreOptionsSchema>;

/**
 * Opens (creating and migrating as needed) a ledger store in an SQLite file: the embedded
 * default. WAL journal, exclusive write transactions (`BEGIN IMMEDIATE`), so several processes
 * may share one file; money as integer millionths, never floating point.
 *
 * @example
 * ```ts
 * import { createSqliteStore } from '@hpckit/billing/stores/sqlite';
 * const store = await createSqliteStore({ path: './ledger.db' });
 * const ledger = createLedger({ store, currency: 'CNY' });
 * ```
 * @throws `ValidationError` on malformed options; `UnsupportedError` when `better-sqlite3` is not
 * installed (`reason: 'driver_missing'`) or its native binding does not load (`'driver_unbuilt'`);
 * `InternalError` (`reason: 'store_full'`) from a transaction that could not write because the
 * disk is full (the transaction is rolled back).
 */
export async function createSqliteStore(options: SqliteStoreOptions): Promise<LedgerStore> {
  const o = parseInput(SqliteStoreOptionsSchema, options, billingRules.subject('sqlite_store_options'), [
    'options',
  ]);
  // SQLite's own busy wait would block the event loop (and a second connection in this process
  // could then never finish the transaction it waits for), so lock waits are retried here, async.
  const { default: Sqlite } = await importDriver(SQLITE_DRIVER, sqliteDriverImport.load);
  // better-sqlite3 loads its native binding when the first database opens, not on import.
  const db = useDriver(SQLITE_DRIVER, () => new Sqlite(o.path, { timeout: 0 }));
  db.defaultSafeIntegers(true);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${o.synchronous.toUpperCase()}`);
  db.pragma('foreign_keys = ON');
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      statements.set(sql, stmt);
    }
    return stmt;
  };
  const conn: SqlConnection = {
    async all(sql, params = []) {
      const stmt = prepare(sql);
      if (stmt.reader) return stmt.all(...params) as Record<string, unknown>[];
      stmt.run(...params);
      return [];
    },
    async run(sql, params = []) {
      return prepare(sql).run(...params).changes;
    },
  };
  const serial = createSerialQueue();
  const begin = async () => {
    const deadline = Date.now() + o.busyTimeoutMs;
    for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
      try {
        db.exec('BEGIN IMMEDIATE');
        return;
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw err;
        await new Promise((resolve) => setTimeout(resolve, wait * (0.5 + Math.random())));
      }
    }
  };
  const where = { store: 'SQLite ledger store' };
  const inTransaction = <T>(fn: () => Promise<T>) =>
    serial(async () => {
      try {
        await begin();
        try {
          const result = await fn();
          db.exec('COMMIT');
          return result;
        } catch (err) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw err;
        }
      } catch (err) {
        // A full disk fails a write (or the commit) with SQLITE_FULL; the rollback above undoes
        // the whole transaction, so the typed error can promise nothing was half-written.
        throw storeFailure(where, err);
      }
    });
  try {
    await inTransaction(() => migrate(conn, sqliteDialect));
  } catch (err) {
    db.close();
    throw err;
  }
  const tx = sqlTx(conn, sqliteDialect);
  return {
    kind: 'sqlite',
    transaction: (fn) => inTransaction(() => fn(tx)),
    async close() {
      await serial(async () => {
        if (db.open) db.close();
      });
    },
  };
}
