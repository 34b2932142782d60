import type { SqlConnection, SqlDialect } from './sql-dialect.js';

/** One schema change, identified by an increasing version. */
export interface Migration {
  version: number;
  name: string;
  /** Statements, with `{money}` and `{serial}` standing for the dialect's types. */
  statements: string[];
}

/**
 * The ledger schema, version by version. Money columns are `{money}` (integer millionths on
 * SQLite, `NUMERIC(38, 6)` on PostgreSQL); times are epoch milliseconds in `BIGINT` columns.
 * Published versions are never edited: a change is a new version.
 */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'ledger',
    statements: [
      `CREATE TABLE accounts (
        name TEXT PRIMARY KEY, type TEXT NOT NULL, owner TEXT NOT NULL, tenant TEXT, currency TEXT NOT NULL,
        balance {money} NOT NULL, block_threshold {money} NOT NULL, state TEXT NOT NULL,
        whitelist_until BIGINT, whitelist_comment TEXT, whitelist_operator TEXT, whitelist_ms BIGINT,
        created_ms BIGINT NOT NULL)`,
      `CREATE TABLE members (
        account TEXT NOT NULL REFERENCES accounts(name), user_name TEXT NOT NULL, role TEXT NOT NULL,
        state TEXT NOT NULL, limit_amount {money}, limit_period TEXT, used {money} NOT NULL,
        period_start BIGINT, created_ms BIGINT NOT NULL, PRIMARY KEY (account, user_name))`,
      'CREATE INDEX members_by_user ON members (user_name)',
      `CREATE TABLE payments (
        seq {serial}, id TEXT NOT NULL UNIQUE, account TEXT NOT NULL, kind TEXT NOT NULL, type TEXT NOT NULL,
        amount {money} NOT NULL, currency TEXT NOT NULL, linked_to TEXT, at_ms BIGINT NOT NULL, comment TEXT,
        operator TEXT NOT NULL)`,
      'CREATE INDEX payments_by_account ON payments (account, at_ms)',
      'CREATE INDEX payments_by_time ON payments (at_ms)',
      "CREATE UNIQUE INDEX payments_one_reversal ON payments (linked_to) WHERE kind = 'reversal'",
      `CREATE TABLE charges (
        seq {serial}, id TEXT NOT NULL UNIQUE, account TEXT NOT NULL, user_name TEXT, kind TEXT NOT NULL,
        type TEXT NOT NULL, amount {money} NOT NULL, currency TEXT NOT NULL, cluster TEXT, job_id TEXT,
        submit_ms BIGINT, reverses TEXT, at_ms BIGINT NOT NULL, comment TEXT, operator TEXT, breakdown TEXT)`,
      'CREATE INDEX charges_by_account ON charges (account, at_ms)',
      'CREATE INDEX charges_by_user ON charges (user_name, at_ms)',
      'CREATE INDEX charges_by_time ON charges (at_ms)',
      "CREATE UNIQUE INDEX charges_one_per_job ON charges (cluster, job_id, submit_ms) WHERE kind = 'job'",
      "CREATE UNIQUE INDEX charges_one_reversal ON charges (reverses) WHERE kind = 'reversal'",
      `CREATE TABLE job_records (
        cluster TEXT NOT NULL, job_id TEXT NOT NULL, submit_ms BIGINT NOT NULL, status TEXT NOT NULL,
        account TEXT, user_name TEXT NOT NULL, end_ms BIGINT, job TEXT NOT NULL, reason TEXT,
        attempts INTEGER NOT NULL, charge_id TEXT, updated_ms BIGINT NOT NULL,
        PRIMARY KEY (cluster, job_id, submit_ms))`,
      "CREATE INDEX job_records_waiting ON job_records (status) WHERE status <> 'charged' AND status <> 'free'",
      'CREATE TABLE sync_cursors (cluster TEXT PRIMARY KEY, cursor_ms BIGINT NOT NULL)',
      'CREATE TABLE outbox (seq {serial}, type TEXT NOT NULL, payload TEXT NOT NULL, at_ms BIGINT NOT NULL)',
    ],
  },
];

/** The newest schema version this code knows. */
const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/**
 * Applies every migration newer than the database's version, each with its `schema_migrations`
 * row, inside the caller's transaction (which must hold the database's migration lock).
 *
 * @throws when the database is newer than this code (downgrades are refused, not guessed at).
 */
export async function migrate(conn: SqlConnection, dialect: SqlDialect): Promise<number[]> {
  await conn.run(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms BIGINT NOT NULL)',
  );
  const rows = await conn.all('SELECT version FROM schema_migrations');
  const applied = new Set(rows.map((r) => Number(r.version)));
  const newest = Math.max(0, ...applied);
  if (newest > SCHEMA_VERSION) {
    throw new Error(
      `[hpckit] The ledger database is at schema version ${newest}, newer than this @hpckit/billing (${SCHEMA_VERSION}). Upgrade @hpckit/billing; downgrading a database is not supported.`,
    );
  }
  const done: number[] = [];
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    for (const statement of m.statements) {
      await conn.run(
        statement.replaceAll('{money}', dialect.moneyType).replaceAll('{serial}', dialect.serialKey),
      );
    }
    await conn.run('INSERT INTO schema_migrations (version, name, applied_ms) VALUES (?, ?, ?)', [
      m.version,
      m.name,
      Date.now(),
    ]);
    done.push(m.version);
  }
  return done;
}
