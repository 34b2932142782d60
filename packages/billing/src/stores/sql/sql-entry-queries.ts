import type { Payment } from '@hpckit/core';
import type { ChargeFilter, EntryPage, PaymentFilter } from '../ledger-store.js';
import type { ChargeRecord } from '../records.js';
import type { SqlConnection, SqlDialect, SqlRow } from './sql-dialect.js';
import { CHARGE_COLUMNS, chargeOf, PAYMENT_COLUMNS, paymentOf } from './sql-rows.js';

interface Where {
  sql: string;
  params: unknown[];
}

function where(
  filter: { from: Date; to: Date },
  lists: [column: string, values: readonly string[] | undefined][],
): Where {
  const parts = ['at_ms >= ?', 'at_ms < ?'];
  const params: unknown[] = [filter.from.getTime(), filter.to.getTime()];
  addInLists(parts, params, lists);
  return { sql: parts.join(' AND '), params };
}

/** Adds `column IN (…)` for each list given (an empty list matches nothing) to `parts` and `params`. */
export function addInLists(
  parts: string[],
  params: unknown[],
  lists: readonly [column: string, values: readonly string[] | undefined][],
): void {
  for (const [column, values] of lists) {
    if (values === undefined) continue;
    if (values.length === 0) {
      parts.push('1 = 0');
      continue;
    }
    parts.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  }
}

async function page<T>(
  conn: SqlConnection,
  d: SqlDialect,
  table: string,
  columns: string,
  w: Where,
  filter: { limit?: number; offset?: number; order?: 'asc' | 'desc' },
  read: (r: SqlRow) => T,
): Promise<EntryPage<T>> {
  const dir = filter.order === 'asc' ? 'ASC' : 'DESC';
  const limit = filter.limit === undefined ? '' : ` LIMIT ${Math.trunc(filter.limit)}`;
  const offset = filter.offset ? ` OFFSET ${Math.trunc(filter.offset)}` : '';
  // SQLite needs a LIMIT before an OFFSET; -1 means none.
  const limitClause = limit === '' && offset !== '' ? ' LIMIT -1' : limit;
  const pgLimit = d.name === 'postgres' && limit === '' ? '' : limitClause;
  const rows = await conn.all(
    `SELECT ${columns} FROM ${table} WHERE ${w.sql} ORDER BY at_ms ${dir}, seq ${dir}${pgLimit}${offset}`,
    w.params,
  );
  const net = d.sumAmounts("CASE WHEN kind = 'reversal' THEN -amount ELSE amount END");
  const [agg] = await conn.all(`SELECT COUNT(*) AS n, ${net} FROM ${table} WHERE ${w.sql}`, w.params);
  return {
    items: rows.map(read),
    total: Number(agg?.n ?? 0),
    sum: d.decodeSum(agg),
  };
}

/** Charges matching a filter, one page of them, with count and net sum, in SQL. */
export function sqlQueryCharges(
  conn: SqlConnection,
  d: SqlDialect,
  filter: ChargeFilter,
): Promise<EntryPage<ChargeRecord>> {
  const w = where(filter, [
    ['account', filter.accounts],
    ['user_name', filter.users],
    ['kind', filter.kinds],
    ['type', filter.types],
  ]);
  if (filter.job) {
    // The job's charge, and the reversal of it (a reversal names the charge, not the job).
    const ofJob = "cluster = ? AND job_id = ? AND kind = 'job'";
    w.sql += ` AND ((${ofJob}) OR (kind = 'reversal' AND reverses IN (SELECT id FROM charges WHERE ${ofJob})))`;
    w.params.push(filter.job.cluster, filter.job.jobId, filter.job.cluster, filter.job.jobId);
  }
  return page(conn, d, 'charges', CHARGE_COLUMNS, w, filter, (r) => chargeOf(r, d));
}

/** Payments matching a filter, one page of them, with count and net sum, in SQL. */
export function sqlQueryPayments(
  conn: SqlConnection,
  d: SqlDialect,
  filter: PaymentFilter,
): Promise<EntryPage<Payment>> {
  const w = where(filter, [
    ['account', filter.accounts],
    ['kind', filter.kinds],
    ['type', filter.types],
  ]);
  return page(conn, d, 'payments', PAYMENT_COLUMNS, w, filter, (r) => paymentOf(r, d));
}
