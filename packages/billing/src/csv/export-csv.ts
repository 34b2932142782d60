import type { ActorInput } from '../ledger/actor.js';
import type { Ledger } from '../ledger/create-ledger.js';
import type { ChargeQueryInput, PaymentQueryInput } from '../ledger/ledger-queries.js';
import {
  type ChargeCsvColumn,
  type CsvOptions,
  chargeCsvWriter,
  type PaymentCsvColumn,
  paymentCsvWriter,
} from './ledger-csv.js';

const PAGE = 5000;

/**
 * Exports the charges a query selects (every page of it, oldest first) as CSV, with the same
 * permissions and defaults as `ledger.charges` (last 7 days).
 *
 * @example
 * ```ts
 * const csv = await exportChargesCsv(ledger, admin, { account: 'chem' }, { timeZone: 'Asia/Shanghai' });
 * // For Excel on Chinese Windows, with the columns a finance office reads:
 * const forExcel = await exportChargesCsv(ledger, admin, { account: 'chem' }, {
 *   bom: true,
 *   columns: ['time', 'user', 'job_id', 'amount', 'currency', 'comment'],
 * });
 * ```
 */
export async function exportChargesCsv(
  ledger: Ledger,
  actor: ActorInput,
  query: Omit<ChargeQueryInput, 'limit' | 'offset' | 'order'> = {},
  options: CsvOptions<ChargeCsvColumn> = {},
): Promise<string> {
  const w = chargeCsvWriter(options);
  const to = query.to ?? ledger.now();
  const view = ledger.as(actor);
  const parts = [w.header];
  for (let offset = 0; ; offset += PAGE) {
    const page = await view.charges({ ...query, to, limit: PAGE, offset, order: 'asc' });
    for (const c of page.items) parts.push(w.line(c));
    if (offset + page.items.length >= page.total || page.items.length === 0) break;
  }
  return parts.join('');
}

/** Exports the payments a query selects as CSV, with the permissions and defaults of `ledger.payments` (last year). */
export async function exportPaymentsCsv(
  ledger: Ledger,
  actor: ActorInput,
  query: Omit<PaymentQueryInput, 'limit' | 'offset' | 'order'> = {},
  options: CsvOptions<PaymentCsvColumn> = {},
): Promise<string> {
  const w = paymentCsvWriter(options);
  const to = query.to ?? ledger.now();
  const view = ledger.as(actor);
  const parts = [w.header];
  for (let offset = 0; ; offset += PAGE) {
    const page = await view.payments({ ...query, to, limit: PAGE, offset, order: 'asc' });
    for (const p of page.items) parts.push(w.line(p));
    if (offset + page.items.length >= page.total || page.items.length === 0) break;
  }
  return parts.join('');
}
