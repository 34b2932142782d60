import type { Payment } from '@hpckit/core';
import type { AccountRecord, ChargeRecord, SyncedJob, MemberRecord } from '../records.js';
import { type SqlDialect, type SqlRow, toDate, toNumber, toText } from './sql-dialect.js';

/** Column lists and row readers for the ledger tables, shared by SQLite and PostgreSQL. */

export const ACCOUNT_COLUMNS =
  'name, type, owner, tenant, currency, balance, block_threshold, state, whitelist_until, whitelist_comment, whitelist_operator, whitelist_ms, created_ms';

/** An account row's values, in {@link ACCOUNT_COLUMNS} order. */
export function accountValues(a: AccountRecord, d: SqlDialect): unknown[] {
  return [
    a.name,
    a.type,
    a.owner,
    a.tenant ?? null,
    a.currency,
    d.encodeAmount(a.balance),
    d.encodeAmount(a.blockThreshold),
    a.state,
    a.whitelist?.until?.getTime() ?? null,
    a.whitelist?.comment ?? null,
    a.whitelist?.operator ?? null,
    a.whitelist?.time.getTime() ?? null,
    a.createdAt.getTime(),
  ];
}

/** Reads an account row. */
export function accountOf(r: SqlRow, d: SqlDialect): AccountRecord {
  const a: AccountRecord = {
    name: String(r.name),
    type: String(r.type),
    owner: String(r.owner),
    currency: String(r.currency),
    balance: d.decodeAmount(r.balance),
    blockThreshold: d.decodeAmount(r.block_threshold),
    state: String(r.state) as AccountRecord['state'],
    createdAt: toDate(r.created_ms)!,
  };
  const tenant = toText(r.tenant);
  if (tenant !== undefined) a.tenant = tenant;
  if (r.whitelist_ms !== null && r.whitelist_ms !== undefined) {
    a.whitelist = { operator: String(r.whitelist_operator), time: toDate(r.whitelist_ms)! };
    const until = toDate(r.whitelist_until);
    if (until) a.whitelist.until = until;
    const comment = toText(r.whitelist_comment);
    if (comment !== undefined) a.whitelist.comment = comment;
  }
  return a;
}

export const MEMBER_COLUMNS =
  'account, user_name, role, state, limit_amount, limit_period, used, period_start, created_ms';

/** A member row's values, in {@link MEMBER_COLUMNS} order. */
export function memberValues(m: MemberRecord, d: SqlDialect): unknown[] {
  return [
    m.account,
    m.user,
    m.role,
    m.state,
    m.limit ? d.encodeAmount(m.limit.amount) : null,
    m.limit?.period ?? null,
    d.encodeAmount(m.used),
    m.periodStart?.getTime() ?? null,
    m.createdAt.getTime(),
  ];
}

/** Reads a member row. */
export function memberOf(r: SqlRow, d: SqlDialect): MemberRecord {
  const m: MemberRecord = {
    account: String(r.account),
    user: String(r.user_name),
    role: String(r.role) as MemberRecord['role'],
    state: String(r.state) as MemberRecord['state'],
    used: d.decodeAmount(r.used),
    createdAt: toDate(r.created_ms)!,
  };
  if (r.limit_amount !== null && r.limit_amount !== undefined) {
    m.limit = { amount: d.decodeAmount(r.limit_amount), period: String(r.limit_period) as 'none' };
  }
  const start = toDate(r.period_start);
  if (start) m.periodStart = start;
  return m;
}

export const PAYMENT_COLUMNS =
  'id, account, kind, type, amount, currency, linked_to, at_ms, comment, operator';

/** A payment row's values, in {@link PAYMENT_COLUMNS} order. */
export function paymentValues(p: Payment, d: SqlDialect): unknown[] {
  return [
    p.id,
    p.account,
    p.kind,
    p.type,
    d.encodeAmount(p.amount),
    p.currency,
    p.linkedTo ?? null,
    p.time.getTime(),
    p.comment ?? null,
    p.operator,
  ];
}

/** Reads a payment row. */
export function paymentOf(r: SqlRow, d: SqlDialect): Payment {
  const p: Payment = {
    id: String(r.id),
    account: String(r.account),
    kind: String(r.kind) as Payment['kind'],
    type: String(r.type),
    amount: d.decodeAmount(r.amount),
    currency: String(r.currency),
    time: toDate(r.at_ms)!,
    operator: String(r.operator),
  };
  const linked = toText(r.linked_to);
  if (linked !== undefined) p.linkedTo = linked;
  const comment = toText(r.comment);
  if (comment !== undefined) p.comment = comment;
  return p;
}

export const CHARGE_COLUMNS =
  'id, account, user_name, kind, type, amount, currency, cluster, job_id, submit_ms, reverses, at_ms, comment, operator, breakdown';

/** A charge row's values, in {@link CHARGE_COLUMNS} order. */
export function chargeValues(c: ChargeRecord, d: SqlDialect): unknown[] {
  return [
    c.id,
    c.account,
    c.user ?? null,
    c.kind,
    c.type,
    d.encodeAmount(c.amount),
    c.currency,
    c.job?.cluster ?? null,
    c.job?.jobId ?? null,
    c.job?.submitTime.getTime() ?? null,
    c.reverses ?? null,
    c.time.getTime(),
    c.comment ?? null,
    c.operator ?? null,
    c.breakdown ? JSON.stringify(c.breakdown) : null,
  ];
}

/** Reads a charge row. */
export function chargeOf(r: SqlRow, d: SqlDialect): ChargeRecord {
  const c: ChargeRecord = {
    id: String(r.id),
    account: String(r.account),
    kind: String(r.kind) as ChargeRecord['kind'],
    type: String(r.type),
    amount: d.decodeAmount(r.amount),
    currency: String(r.currency),
    time: toDate(r.at_ms)!,
  };
  const user = toText(r.user_name);
  if (user !== undefined) c.user = user;
  if (r.cluster !== null && r.cluster !== undefined) {
    c.job = { cluster: String(r.cluster), jobId: String(r.job_id), submitTime: toDate(r.submit_ms)! };
  }
  const reverses = toText(r.reverses);
  if (reverses !== undefined) c.reverses = reverses;
  const comment = toText(r.comment);
  if (comment !== undefined) c.comment = comment;
  const operator = toText(r.operator);
  if (operator !== undefined) c.operator = operator;
  if (r.breakdown !== null && r.breakdown !== undefined) c.breakdown = reviveBreakdown(String(r.breakdown));
  return c;
}

function reviveBreakdown(text: string): ChargeRecord['breakdown'] {
  const b = JSON.parse(text);
  b.effectiveFrom = new Date(b.effectiveFrom);
  b.pricedAt = new Date(b.pricedAt);
  return b;
}

export const JOB_RECORD_COLUMNS =
  'cluster, job_id, submit_ms, status, account, user_name, end_ms, job, reason, attempts, charge_id, updated_ms';

/** A job record row's values, in {@link JOB_RECORD_COLUMNS} order. */
export function jobRecordValues(j: SyncedJob): unknown[] {
  return [
    j.cluster,
    j.jobId,
    j.submitTime.getTime(),
    j.status,
    j.account ?? null,
    j.user,
    j.endTime?.getTime() ?? null,
    j.job,
    j.reason ?? null,
    j.attempts,
    j.chargeId ?? null,
    j.updatedAt.getTime(),
  ];
}

/** Reads a job record row. */
export function jobRecordOf(r: SqlRow): SyncedJob {
  const j: SyncedJob = {
    cluster: String(r.cluster),
    jobId: String(r.job_id),
    submitTime: toDate(r.submit_ms)!,
    status: String(r.status) as SyncedJob['status'],
    user: String(r.user_name),
    job: String(r.job),
    attempts: toNumber(r.attempts),
    updatedAt: toDate(r.updated_ms)!,
  };
  const account = toText(r.account);
  if (account !== undefined) j.account = account;
  const end = toDate(r.end_ms);
  if (end) j.endTime = end;
  const reason = toText(r.reason);
  if (reason !== undefined) j.reason = reason;
  const charge = toText(r.charge_id);
  if (charge !== undefined) j.chargeId = charge;
  return j;
}

/** `(?, ?, …)` for `n` values. */
export function placeholders(n: number): string {
  return `(${Array.from({ length: n }, () => '?').join(', ')})`;
}
