import { jobKeyString, type LedgerTx } from '../ledger-store.js';
import {
  checkAccountAmounts,
  checkChargeAmounts,
  checkMemberAmounts,
  checkPaymentAmount,
} from '../record-amounts.js';
import type { SyncedJob } from '../records.js';
import { duplicate } from '../store-errors.js';
import type { SqlConnection, SqlDialect } from './sql-dialect.js';
import { toDate, toNumber } from './sql-dialect.js';
import { sqlQueryCharges, sqlQueryPayments } from './sql-entry-queries.js';
import { sqlQuerySyncedJobs } from './sql-job-queries.js';
import {
  ACCOUNT_COLUMNS,
  accountOf,
  accountValues,
  CHARGE_COLUMNS,
  chargeOf,
  chargeValues,
  JOB_RECORD_COLUMNS,
  jobRecordOf,
  jobRecordValues,
  MEMBER_COLUMNS,
  memberOf,
  memberValues,
  PAYMENT_COLUMNS,
  paymentOf,
  paymentValues,
  placeholders,
} from './sql-rows.js';

/** Rows per multi-row INSERT: well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Runs `write`, turning a unique-key violation into the store's `ALREADY_EXISTS`. */
async function unique<T>(d: SqlDialect, kind: string, id: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (d.isUniqueViolation(err)) throw duplicate(kind, id);
    throw err;
  }
}

/** The ledger's transaction operations in SQL common to SQLite and PostgreSQL. */
export function sqlTx(conn: SqlConnection, d: SqlDialect): LedgerTx {
  const one = async <T>(sql: string, params: unknown[], read: (r: Record<string, unknown>) => T) => {
    const [row] = await conn.all(sql, params);
    return row === undefined ? undefined : read(row);
  };
  return {
    getAccount: (name) =>
      one(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE name = ?${d.forUpdate}`, [name], (r) =>
        accountOf(r, d),
      ),
    async listAccounts(names) {
      if (names && names.length === 0) return [];
      const filter = names ? ` WHERE name IN (${names.map(() => '?').join(', ')})` : '';
      const rows = await conn.all(
        `SELECT ${ACCOUNT_COLUMNS} FROM accounts${filter} ORDER BY name`,
        names ?? [],
      );
      return rows.map((r) => accountOf(r, d));
    },
    async insertAccount(a) {
      checkAccountAmounts(a);
      await unique(d, 'account', a.name, () =>
        conn.run(`INSERT INTO accounts (${ACCOUNT_COLUMNS}) VALUES ${placeholders(13)}`, accountValues(a, d)),
      );
    },
    async updateAccount(a) {
      checkAccountAmounts(a);
      const [, ...rest] = accountValues(a, d);
      await conn.run(
        `UPDATE accounts SET type = ?, owner = ?, tenant = ?, currency = ?, balance = ?, block_threshold = ?, state = ?,
          whitelist_until = ?, whitelist_comment = ?, whitelist_operator = ?, whitelist_ms = ?, created_ms = ? WHERE name = ?`,
        [...rest, a.name],
      );
    },
    getMember: (account, user) =>
      one(
        `SELECT ${MEMBER_COLUMNS} FROM members WHERE account = ? AND user_name = ?${d.forUpdate}`,
        [account, user],
        (r) => memberOf(r, d),
      ),
    async listMembers(filter) {
      const parts: string[] = [];
      const params: unknown[] = [];
      if (filter.account !== undefined) {
        parts.push('account = ?');
        params.push(filter.account);
      }
      if (filter.user !== undefined) {
        parts.push('user_name = ?');
        params.push(filter.user);
      }
      const w = parts.length ? ` WHERE ${parts.join(' AND ')}` : '';
      const rows = await conn.all(
        `SELECT ${MEMBER_COLUMNS} FROM members${w} ORDER BY account, user_name`,
        params,
      );
      return rows.map((r) => memberOf(r, d));
    },
    async insertMember(m) {
      checkMemberAmounts(m);
      await unique(d, 'member', `${m.user} in ${m.account}`, () =>
        conn.run(`INSERT INTO members (${MEMBER_COLUMNS}) VALUES ${placeholders(9)}`, memberValues(m, d)),
      );
    },
    async updateMember(m) {
      checkMemberAmounts(m);
      const [account, user, ...rest] = memberValues(m, d);
      await conn.run(
        `UPDATE members SET role = ?, state = ?, limit_amount = ?, limit_period = ?, used = ?, period_start = ?, created_ms = ?
          WHERE account = ? AND user_name = ?`,
        [...rest, account, user],
      );
    },
    async deleteMember(account, user) {
      await conn.run('DELETE FROM members WHERE account = ? AND user_name = ?', [account, user]);
    },
    async insertPayment(p) {
      checkPaymentAmount(p);
      await unique(d, p.kind === 'reversal' ? 'reversal of payment' : 'payment', p.linkedTo ?? p.id, () =>
        conn.run(`INSERT INTO payments (${PAYMENT_COLUMNS}) VALUES ${placeholders(10)}`, paymentValues(p, d)),
      );
    },
    getPayment: (id) =>
      one(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE id = ?`, [id], (r) => paymentOf(r, d)),
    paymentReversalOf: (id) =>
      one(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE linked_to = ? AND kind = 'reversal'`, [id], (r) =>
        paymentOf(r, d),
      ),
    queryPayments: (filter) => sqlQueryPayments(conn, d, filter),
    async insertCharges(charges) {
      checkChargeAmounts(charges);
      for (const part of chunks(charges)) {
        const first = part[0]!;
        const id = first.job ? `${first.job.cluster}/${first.job.jobId}` : (first.reverses ?? first.id);
        await unique(d, first.kind === 'reversal' ? 'reversal of charge' : 'charge', id, () =>
          conn.run(
            `INSERT INTO charges (${CHARGE_COLUMNS}) VALUES ${part.map(() => placeholders(15)).join(', ')}`,
            part.flatMap((c) => chargeValues(c, d)),
          ),
        );
      }
    },
    getCharge: (id) => one(`SELECT ${CHARGE_COLUMNS} FROM charges WHERE id = ?`, [id], (r) => chargeOf(r, d)),
    chargeReversalOf: (id) =>
      one(`SELECT ${CHARGE_COLUMNS} FROM charges WHERE reverses = ? AND kind = 'reversal'`, [id], (r) =>
        chargeOf(r, d),
      ),
    queryCharges: (filter) => sqlQueryCharges(conn, d, filter),
    async getJobRecords(cluster, jobIds) {
      const out: SyncedJob[] = [];
      for (const part of chunks(jobIds)) {
        const rows = await conn.all(
          `SELECT ${JOB_RECORD_COLUMNS} FROM job_records WHERE cluster = ? AND job_id IN (${part.map(() => '?').join(', ')})`,
          [cluster, ...part],
        );
        out.push(...rows.map(jobRecordOf));
      }
      return out;
    },
    async insertJobRecords(records) {
      const inserted = new Set<string>();
      // One global order, so concurrent inserters take key locks in the same order and cannot deadlock.
      const sorted = [...records].sort((a, b) => (jobKeyString(a) < jobKeyString(b) ? -1 : 1));
      for (const part of chunks(sorted)) {
        const rows = await conn.all(
          `INSERT INTO job_records (${JOB_RECORD_COLUMNS}) VALUES ${part.map(() => placeholders(12)).join(', ')}
            ON CONFLICT DO NOTHING RETURNING cluster, job_id, submit_ms`,
          part.flatMap(jobRecordValues),
        );
        for (const r of rows) {
          inserted.add(
            jobKeyString({
              cluster: String(r.cluster),
              jobId: String(r.job_id),
              submitTime: toDate(r.submit_ms)!,
            }),
          );
        }
      }
      return inserted;
    },
    async updateJobRecord(record, expected) {
      const [cluster, jobId, submit, ...rest] = jobRecordValues(record);
      const changed = await conn.run(
        `UPDATE job_records SET status = ?, account = ?, user_name = ?, end_ms = ?, job = ?, reason = ?, attempts = ?,
          charge_id = ?, updated_ms = ? WHERE cluster = ? AND job_id = ? AND submit_ms = ?
          AND status IN (${expected.map(() => '?').join(', ')})`,
        [...rest, cluster, jobId, submit, ...expected],
      );
      return changed > 0;
    },
    async listJobRecords(filter) {
      const params: unknown[] = [...filter.statuses];
      let sql = `SELECT ${JOB_RECORD_COLUMNS} FROM job_records WHERE status IN (${filter.statuses.map(() => '?').join(', ')})`;
      if (filter.cluster !== undefined) {
        sql += ' AND cluster = ?';
        params.push(filter.cluster);
      }
      const rows = await conn.all(
        `${sql} ORDER BY updated_ms LIMIT ${Math.trunc(filter.limit ?? 1000)}`,
        params,
      );
      return rows.map(jobRecordOf);
    },
    querySyncedJobs: (query) => sqlQuerySyncedJobs(conn, d, query),
    async getCursor(cluster) {
      const [row] = await conn.all('SELECT cursor_ms FROM sync_cursors WHERE cluster = ?', [cluster]);
      return row ? new Date(toNumber(row.cursor_ms)) : undefined;
    },
    async setCursor(cluster, at) {
      await conn.run(
        `INSERT INTO sync_cursors (cluster, cursor_ms) VALUES (?, ?) ON CONFLICT (cluster)
          DO UPDATE SET cursor_ms = ${d.greatest}(sync_cursors.cursor_ms, excluded.cursor_ms)`,
        [cluster, at.getTime()],
      );
    },
    async appendOutbox(events) {
      for (const part of chunks(events)) {
        const now = Date.now();
        await conn.run(
          `INSERT INTO outbox (type, payload, at_ms) VALUES ${part.map(() => '(?, ?, ?)').join(', ')}`,
          part.flatMap((e) => [e.type, e.payload, now]),
        );
      }
    },
    async claimOutbox(limit) {
      const rows = await conn.all(
        `DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox ORDER BY seq LIMIT ${Math.trunc(limit)}${d.skipLocked})
          RETURNING seq, type, payload, at_ms`,
      );
      return rows
        .map((r) => ({
          seq: toNumber(r.seq),
          type: String(r.type),
          payload: String(r.payload),
          time: toDate(r.at_ms)!,
        }))
        .sort((a, b) => a.seq - b.seq);
    },
  };
}
