import type { Payment } from '@hpckit/core';
import { netSum } from '../entry-sums.js';
import type { ChargeFilter, EntryPage, PaymentFilter } from '../ledger-store.js';
import type { ChargeRecord } from '../records.js';

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
): EntryPage<ChargeRecord> {
  const out: Sequenced<ChargeRecord>[] = [];
  for (const row of rows) {
    const c = row.record;
    if (!inRange(c.time, filter)) continue;
    if (filter.accounts && !filter.accounts.includes(c.account)) continue;
    if (filter.users && (c.user === undefined || !filter.users.includes(c.user))) continue;
    if (filter.kinds && !filter.kinds.includes(c.kind)) continue;
    if (filter.types && !filter.types.includes(c.type)) continue;
    out.push(row);
  }
  return page(out, filter);
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
