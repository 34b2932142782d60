import { BillingDecimal } from '../../money/decimal.js';
import { canonicalAmount } from '../amount-codec.js';
import type { SyncedJobPage, SyncedJobQuery } from '../ledger-store.js';
import type { ChargeRecord } from '../records.js';
import type { SqlConnection, SqlDialect } from './sql-dialect.js';
import { addInLists } from './sql-entry-queries.js';
import { CHARGE_COLUMNS, chargeOf, JOB_RECORD_COLUMNS, jobRecordOf } from './sql-rows.js';

// A job's place in time: its end, or its submit time while accounting reports no end.
const AT = 'COALESCE(j.end_ms, j.submit_ms)';

function jobWhere(q: SyncedJobQuery, d: SqlDialect): { sql: string; params: unknown[] } {
  const parts = [`${AT} >= ?`, `${AT} < ?`];
  const params: unknown[] = [q.from.getTime(), q.to.getTime()];
  addInLists(parts, params, [
    ['j.user_name', q.users],
    ['j.account', q.accounts],
    ['j.cluster', q.clusters],
    ['j.status', q.statuses],
    [d.jsonText('j.job', ['state', 'outcome']), q.outcomes],
  ]);
  if (q.jobId !== undefined) {
    parts.push('j.job_id = ?');
    params.push(q.jobId);
  }
  return { sql: parts.join(' AND '), params };
}

/** The job history in SQL: one page of synced jobs (keyset paging), their charges, count and totals. */
export async function sqlQuerySyncedJobs(
  conn: SqlConnection,
  d: SqlDialect,
  q: SyncedJobQuery,
): Promise<SyncedJobPage> {
  const w = jobWhere(q, d);
  let pageWhere = w.sql;
  const pageParams = [...w.params];
  if (q.after) {
    // Row-value comparison: strictly after the previous page's last job in the descending order.
    pageWhere += ` AND (${AT}, j.cluster, j.job_id, j.submit_ms) < (?, ?, ?, ?)`;
    pageParams.push(q.after.atMs, q.after.cluster, q.after.jobId, q.after.submitMs);
  }
  const columns = JOB_RECORD_COLUMNS.split(', ')
    .map((c) => `j.${c}`)
    .join(', ');
  const rows = await conn.all(
    `SELECT ${columns} FROM job_records j WHERE ${pageWhere}
      ORDER BY ${AT} DESC, j.cluster DESC, j.job_id DESC, j.submit_ms DESC LIMIT ${Math.trunc(q.limit)}`,
    pageParams,
  );
  const records = rows.map(jobRecordOf);
  const ids = records.flatMap((r) => (r.chargeId === undefined ? [] : [r.chargeId]));
  const byCharge = new Map<string, ChargeRecord[]>();
  if (ids.length > 0) {
    const marks = ids.map(() => '?').join(', ');
    const charges = await conn.all(
      `SELECT ${CHARGE_COLUMNS} FROM charges WHERE id IN (${marks}) OR (kind = 'reversal' AND reverses IN (${marks}))
        ORDER BY at_ms, seq`,
      [...ids, ...ids],
    );
    for (const row of charges) {
      const c = chargeOf(row, d);
      const key = c.kind === 'reversal' ? c.reverses! : c.id;
      byCharge.set(key, [...(byCharge.get(key) ?? []), c]);
    }
  }
  const [count] = await conn.all(`SELECT COUNT(*) AS n FROM job_records j WHERE ${w.sql}`, w.params);
  return {
    items: records.map((record) => ({
      record,
      charges: record.chargeId === undefined ? [] : (byCharge.get(record.chargeId) ?? []),
    })),
    total: Number(count?.n ?? 0),
    totals: await totals(conn, d, w),
  };
}

/** Net charged per currency over every matching job: job charges less their reversals. */
async function totals(
  conn: SqlConnection,
  d: SqlDialect,
  w: { sql: string; params: unknown[] },
): Promise<Record<string, string>> {
  const charged = await conn.all(
    `SELECT c.currency AS currency, ${d.sumAmounts('c.amount')} FROM job_records j
      JOIN charges c ON c.id = j.charge_id WHERE ${w.sql} GROUP BY c.currency`,
    w.params,
  );
  const reversed = await conn.all(
    `SELECT c.currency AS currency, ${d.sumAmounts('r.amount')} FROM job_records j
      JOIN charges c ON c.id = j.charge_id JOIN charges r ON r.reverses = c.id AND r.kind = 'reversal'
      WHERE ${w.sql} GROUP BY c.currency`,
    w.params,
  );
  const net = new Map<string, BillingDecimal>();
  for (const row of charged) net.set(String(row.currency), new BillingDecimal(d.decodeSum(row)));
  for (const row of reversed) {
    const currency = String(row.currency);
    net.set(currency, (net.get(currency) ?? new BillingDecimal(0)).minus(d.decodeSum(row)));
  }
  return Object.fromEntries([...net].map(([currency, amount]) => [currency, canonicalAmount(amount)]));
}
