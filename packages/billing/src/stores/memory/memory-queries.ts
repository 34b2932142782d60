import type { Payment } from '@hpckit/core';
import { netSum } from '../entry-sums.js';
import {
  type ChargeFilter,
  type EntryPage,
  type PaymentFilter,
  type SyncedJobPage,
  type SyncedJobPosition,
  type SyncedJobQuery,
  syncedJobPosition,
} from '../ledger-store.js';
import type { ChargeRecord, SyncedJob } from '../records.js';
import type { MemoryTables } from './memory-tables.js';

interface Sequenced<T> {
  seq: number;
  record: T;
}

function page<T extends { kind: string; amount: string; time: Date }>(
  rows: Sequenced<T>[],
  filter: { limit?: number; offset?: number; order?: 'asc' | 'desc' },
): EntryPage<T> {
  const sign = filter.order === 'asc' ? 1 : -1;
  rows.sort((a, b) => sign * (a.record.time.getTime() - b.record.time.getTime() || a.seq - b.seq));
  const records = rows.map((r) => r.record);
  const offset = filter.offset ?? 0;
  const items = records.slice(offset, filter.limit === undefined ? undefined : offset + filter.limit);
  return { items: structuredClone(items), total: records.length, sum: netSum(records) };
}

function inRange(time: Date, filter: { from: Date; to: Date }): boolean {
  const t = time.getTime();
  return t >= filter.from.getTime() && t < filter.to.getTime();
}

/** Charges matching a filter, one page of them, with count and net sum. */
export function queryMemoryCharges(
  rows: Iterable<Sequenced<ChargeRecord>>,
  filter: ChargeFilter,
  chargeOf: (id: string) => ChargeRecord | undefined,
): EntryPage<ChargeRecord> {
  const out: Sequenced<ChargeRecord>[] = [];
  for (const row of rows) {
    const c = row.record;
    if (!inRange(c.time, filter)) continue;
    if (filter.accounts && !filter.accounts.includes(c.account)) continue;
    if (filter.users && (c.user === undefined || !filter.users.includes(c.user))) continue;
    if (filter.kinds && !filter.kinds.includes(c.kind)) continue;
    if (filter.types && !filter.types.includes(c.type)) continue;
    if (filter.job && !isOfJob(c, filter.job, chargeOf)) continue;
    out.push(row);
  }
  return page(out, filter);
}

function isOfJob(
  c: ChargeRecord,
  job: { cluster: string; jobId: string },
  chargeOf: (id: string) => ChargeRecord | undefined,
): boolean {
  const target = c.kind === 'reversal' && c.reverses !== undefined ? chargeOf(c.reverses) : c;
  return target?.job?.cluster === job.cluster && target.job.jobId === job.jobId;
}

/** Orders positions newest first: end time, then cluster, job id and submit time, all descending. */
function comparePositions(a: SyncedJobPosition, b: SyncedJobPosition): number {
  const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return b.atMs - a.atMs || text(b.cluster, a.cluster) || text(b.jobId, a.jobId) || b.submitMs - a.submitMs;
}

function matchesJob(r: SyncedJob, q: SyncedJobQuery): boolean {
  const at = (r.endTime ?? r.submitTime).getTime();
  if (at < q.from.getTime() || at >= q.to.getTime()) return false;
  if (q.users && !q.users.includes(r.user)) return false;
  if (q.accounts && (r.account === undefined || !q.accounts.includes(r.account))) return false;
  if (q.clusters && !q.clusters.includes(r.cluster)) return false;
  if (q.jobId !== undefined && r.jobId !== q.jobId) return false;
  if (q.statuses && !q.statuses.includes(r.status)) return false;
  if (q.outcomes) {
    const outcome = (JSON.parse(r.job) as { state?: { outcome?: string } }).state?.outcome;
    if (outcome === undefined || !q.outcomes.includes(outcome)) return false;
  }
  return true;
}

/** The job history over the memory tables: one page of synced jobs with their charges, and totals. */
export function queryMemorySyncedJobs(t: MemoryTables, q: SyncedJobQuery): SyncedJobPage {
  const matching = [...t.jobRecords.values()]
    .filter((r) => matchesJob(r, q))
    .sort((a, b) => comparePositions(syncedJobPosition(a), syncedJobPosition(b)));
  const chargesOf = (r: SyncedJob): ChargeRecord[] => {
    const charge = r.chargeId === undefined ? undefined : t.charges.get(r.chargeId)?.record;
    if (!charge) return [];
    const reversal = t.chargeReversals.get(charge.id);
    const reversed = reversal === undefined ? undefined : t.charges.get(reversal)?.record;
    return reversed ? [charge, reversed] : [charge];
  };
  const byCurrency = new Map<string, ChargeRecord[]>();
  for (const r of matching) {
    for (const c of chargesOf(r)) byCurrency.set(c.currency, [...(byCurrency.get(c.currency) ?? []), c]);
  }
  const after = q.after;
  const rest = after ? matching.filter((r) => comparePositions(syncedJobPosition(r), after) > 0) : matching;
  const items = rest.slice(0, q.limit).map((record) => ({ record, charges: chargesOf(record) }));
  return {
    items: structuredClone(items),
    total: matching.length,
    totals: Object.fromEntries([...byCurrency].map(([currency, list]) => [currency, netSum(list)])),
  };
}

/** Payments matching a filter, one page of them, with count and net sum. */
export function queryMemoryPayments(
  rows: Iterable<Sequenced<Payment>>,
  filter: PaymentFilter,
): EntryPage<Payment> {
  const out: Sequenced<Payment>[] = [];
  for (const row of rows) {
    const p = row.record;
    if (!inRange(p.time, filter)) continue;
    if (filter.accounts && !filter.accounts.includes(p.account)) continue;
    if (filter.kinds && !filter.kinds.includes(p.kind)) continue;
    if (filter.types && !filter.types.includes(p.type)) continue;
    out.push(row);
  }
  return page(out, filter);
}
