import { billingRules } from '../errors/billing-rules.js';
import { parseInput } from '@hpckit/core';
import {
  type PriceItem,
  type PriceTable,
  type PriceTableInput,
  PriceTableSchema,
} from './price-table-schema.js';

/** Result of {@link checkAppendOnly}. */
export interface AppendOnlyReport {
  /** Whether `next` only adds items to `previous` (and closes open ones in the future). */
  ok: boolean;
  /** What changed that must not, one sentence each. */
  problems: string[];
  /** Ids of the items `next` adds. */
  added: string[];
  /** Ids of open items that `next` closes at a future moment (allowed). */
  closed: string[];
}

/** Options of {@link checkAppendOnly}. */
export interface AppendOnlyOptions {
  /** Closing an open item is allowed only at or after this moment. @default new Date() */
  now?: Date;
}

/**
 * Checks that a new version of a price table only appends items: no item removed or edited, and
 * the same currency and charging rules. The one edit allowed is closing an open item
 * (`effectiveUntil`) at a moment not yet past. Editing history would silently change the price of
 * jobs already charged; a site can run this in CI on every change to its table.
 *
 * @example
 * ```ts
 * const report = checkAppendOnly(previousTable, nextTable);
 * if (!report.ok) throw new Error(report.problems.join('\n'));
 * ```
 * @throws `ValidationError` when either table is invalid.
 */
export function checkAppendOnly(
  previous: PriceTableInput,
  next: PriceTableInput,
  options: AppendOnlyOptions = {},
): AppendOnlyReport {
  const before = parseInput(PriceTableSchema, previous, billingRules.subject('previous_price_table'));
  const after = parseInput(PriceTableSchema, next, billingRules.subject('next_price_table'));
  const now = options.now ?? new Date();
  const problems: string[] = [];
  const closed: string[] = [];
  if (before.currency !== after.currency) {
    problems.push(`the currency changed from ${before.currency} to ${after.currency}`);
  }
  if (canonical(before.rules) !== canonical(after.rules)) {
    problems.push(
      'the charging rules changed, which would re-price past jobs; keep them, or start a new table',
    );
  }
  const nextById = new Map(after.items.map((item) => [item.id, item]));
  for (const item of before.items) {
    const current = nextById.get(item.id);
    if (!current) {
      problems.push(
        `item "${item.id}" was removed; close it with a future effectiveUntil or supersede it with a new item`,
      );
    } else if (canonical(item) !== canonical(current)) {
      if (isFutureClose(item, current, now)) closed.push(item.id);
      else {
        problems.push(
          `item "${item.id}" was edited; items are immutable, so add a new item with a later effectiveFrom (only a future effectiveUntil may be added)`,
        );
      }
    }
  }
  const known = new Set(before.items.map((i) => i.id));
  const added = after.items.filter((i) => !known.has(i.id)).map((i) => i.id);
  return { ok: problems.length === 0, problems, added, closed };
}

function isFutureClose(before: PriceItem, after: PriceItem, now: Date): boolean {
  if (before.effectiveUntil !== undefined || after.effectiveUntil === undefined || after.effectiveUntil < now)
    return false;
  const { effectiveUntil: _ignored, ...rest } = after;
  return canonical(before) === canonical(rest);
}

function canonical(value: PriceTable['rules'] | Partial<PriceItem>): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
