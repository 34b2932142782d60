import { createHash } from 'node:crypto';
import { parseInput } from '@hpckit/core';
import type pg from 'pg';
import { z } from 'zod';
import { importDriver } from '../driver-loader.js';
import type { LedgerStore } from '../ledger-store.js';
import type { SqlConnection } from '../sql/sql-dialect.js';
import { migrate } from '../sql/sql-migrations.js';
import { sqlTx } from '../sql/sql-tx.js';
import { type StoreLocation, storeFailure } from '../store-failures.js';
import { numberPlaceholders, postgresDialect } from './postgres-dialect.js';
import { POSTGRES_DRIVER, postgresDriverImport } from './postgres-driver.js';
import { billingRules } from '../../errors/billing-rules.js';

/** Options of {@link createPostgresStore}. */
export const PostgresStoreOptionsSchema = z.strictObject({
  /** `postgres://user:password@host:port/database`. */
  connectionString: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: billingRules.error('not_a_postgres_url') }),
  /** Schema holding the ledger's tables (created if missing). @default 'public' */
  schema: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, { error: billingRules.error('not_an_sql_identifier') })
    .default('public'),
  /** Connections in the pool. @default 10 */
  maxConnections: z.number().int().positive().default(10),
  /** Times a transaction is retried after a deadlock or serialization failure. @default 5 */
  retries: z.number().int().nonnegative().default(5),
});

/** Options of {@link createPostgresStore}, as given. */
export type PostgresStoreOptions = z.input<typeof PostgresStoreOptionsSchema>;

const RETRYABLE = new Set(['40001', '40P01']);

function connectionOf(client: pg.PoolClient): SqlConnection {
  const query = (sql: string, params: readonly unknown[] = []) => {
    const text = numberPlaceholders(sql);
    // Named statements are parsed once per connection and reused.
    const name = `h${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    return client.query({ name, text, values: params as unknown[] });
  };
  return {
    all: async (sql, params) => (await query(sql, params)).rows,
    run: async (sql, params) => (await query(sql, params)).rowCount ?? 0,
  };
}

/**
 * Opens (creating and migrating as needed) a ledger store in PostgreSQL through a `pg` pool.
 * Money is `NUMERIC(38, 6)`; balances are updated under row locks and every job charge is
 * guarded by a unique key, so several portal instances may share one database and sync the same
 * cluster at once without charging any job twice.
 *
 * @example
 * ```ts
 * import { createPostgresStore } from '@hpckit/billing/stores/postgres';
 * const store = await createPostgresStore({ connectionString: process.env.HPCKIT_PG_URL! });
 * ```
 * @throws `ValidationError` on malformed options; `UnsupportedError` (`reason: 'driver_missing'`)
 * when `pg` is not installed; `TransportError` (`reason: 'store_unreachable'`, retryable) when the
 * server cannot be reached or drops the connection, here or in any later transaction (which is
 * then rolled back); `InternalError` (`reason: 'store_full'`) when the server's disk is full.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<LedgerStore> {
  const o = parseInput(
    PostgresStoreOptionsSchema,
    options,
    billingRules.subject('postgresql_store_options'),
    ['options'],
  );
  const { default: driver } = await importDriver(POSTGRES_DRIVER, postgresDriverImport.load);
  const pool = new driver.Pool({ connectionString: o.connectionString, max: o.maxConnections });
  // Idle clients can fail when the server restarts; the next checkout reconnects.
  pool.on('error', () => {});
  const schema = `"${o.schema}"`;
  // Statements are prepared once per connection, but planned for each execution: a cached
  // generic plan made while a table was empty would keep scanning it whole as it grows.
  pool.on('connect', (client) => {
    client.query(`SET search_path TO ${schema}; SET plan_cache_mode TO force_custom_plan`).catch(() => {});
  });

  const location = locationOf(o.connectionString);

  async function transaction<T>(fn: (conn: SqlConnection) => Promise<T>): Promise<T> {
    try {
      return await attempts(fn);
    } catch (err) {
      throw storeFailure(location, err);
    }
  }

  async function attempts<T>(fn: (conn: SqlConnection) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const client = await pool.connect();
      // A checked-out client whose server goes away between two queries emits 'error', which
      // the pool only listens for on idle clients: unheard, it would crash the process. The
      // transaction's next query fails on the dead connection and reports it.
      let lost: unknown;
      const onError = (err: unknown) => {
        lost = err;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn(connectionOf(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        const code = (err as { code?: string }).code;
        if (code !== undefined && RETRYABLE.has(code) && attempt < o.retries) continue;
        throw err;
      } finally {
        client.off('error', onError);
        // A broken connection goes back destroyed, not into the pool for the next transaction.
        client.release(lost instanceof Error ? lost : undefined);
      }
    }
  }

  try {
    await transaction(async (conn) => {
      // One migrator at a time, even with several instances starting together.
      await conn.all("SELECT pg_advisory_xact_lock(hashtext('hpckit-ledger-migrations'))");
      await conn.run(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await migrate(conn, postgresDialect);
    });
  } catch (err) {
    await pool.end();
    throw storeFailure(location, err);
  }
  return {
    kind: 'postgres',
    transaction: (fn) => transaction((conn) => fn(sqlTx(conn, postgresDialect))),
    close: () => pool.end(),
  };
}

/** Host and port of a `postgres://` connection string, for error messages (never credentials). */
function locationOf(connectionString: string): StoreLocation {
  try {
    const url = new URL(connectionString);
    return {
      store: 'PostgreSQL ledger store',
      host: url.hostname || undefined,
      port: url.port ? Number(url.port) : undefined,
    };
  } catch {
    return { store: 'PostgreSQL ledger store' };
  }
}
