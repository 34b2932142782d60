import { ParseError } from '@hpckit/core';
import { formatZoned } from '../time/zoned-time.js';
import { canonicalAmount } from '../stores/amount-codec.js';
import type { ChargeRecord, PaymentRecord } from '../stores/records.js';
import { type CsvField, csvLine, parseCsv } from './csv-format.js';

/** Options of the CSV writers. */
export interface CsvOptions {
  /**
   * IANA time zone the times are written in, each with its UTC offset
   * (`2026-01-08T10:00:00.000+08:00`), so a reader sees local time and the exact instant. @default 'UTC'
   */
  timeZone?: string;
}

const CHARGE_HEADER = [
  'id',
  'time',
  'account',
  'user',
  'kind',
  'type',
  'amount',
  'currency',
  'cluster',
  'job_id',
  'job_submit_time',
  'reverses',
  'comment',
  'operator',
];
const PAYMENT_HEADER = [
  'id',
  'time',
  'account',
  'kind',
  'type',
  'amount',
  'currency',
  'linked_to',
  'comment',
  'operator',
];

/** The header line of a charge export. */
export const CHARGE_CSV_HEADER = csvLine(CHARGE_HEADER);
/** The header line of a payment export. */
export const PAYMENT_CSV_HEADER = csvLine(PAYMENT_HEADER);

/** One charge as a CSV line (the breakdown stays in the ledger). */
export function chargeCsvLine(c: ChargeRecord, timeZone: string): string {
  return csvLine([
    c.id,
    formatZoned(c.time, timeZone),
    c.account,
    c.user,
    c.kind,
    c.type,
    c.amount,
    c.currency,
    c.job?.cluster,
    c.job?.jobId,
    c.job ? formatZoned(c.job.submitTime, timeZone) : undefined,
    c.reverses,
    c.comment,
    c.operator,
  ]);
}

/** One payment as a CSV line. */
export function paymentCsvLine(p: PaymentRecord, timeZone: string): string {
  return csvLine([
    p.id,
    formatZoned(p.time, timeZone),
    p.account,
    p.kind,
    p.type,
    p.amount,
    p.currency,
    p.linkedTo,
    p.comment,
    p.operator,
  ]);
}

/**
 * Charges as CSV: a header, then one line per charge, times with explicit offsets. Reading it
 * back with {@link parseChargesCsv} gives the same charges (without their price breakdowns).
 */
export function chargesToCsv(charges: readonly ChargeRecord[], options: CsvOptions = {}): string {
  const tz = options.timeZone ?? 'UTC';
  return CHARGE_CSV_HEADER + charges.map((c) => chargeCsvLine(c, tz)).join('');
}

/** Payments as CSV; {@link parsePaymentsCsv} reads it back exactly. */
export function paymentsToCsv(payments: readonly PaymentRecord[], options: CsvOptions = {}): string {
  const tz = options.timeZone ?? 'UTC';
  return PAYMENT_CSV_HEADER + payments.map((p) => paymentCsvLine(p, tz)).join('');
}

function rowsOf(text: string, header: string[]): Map<string, CsvField>[] {
  const [head, ...rows] = parseCsv(text);
  if (!head || head.join(',') !== header.join(',')) {
    throw new ParseError({
      details: { raw: text.slice(0, 200), what: 'CSV header' },
      message: `The CSV header is not "${header.join(',')}".`,
      hint: 'Read only files written by the matching export function.',
    });
  }
  return rows.map((r, line) => {
    if (r.length !== header.length) {
      throw new ParseError({
        details: { raw: r.join(','), what: `CSV line ${line + 2}` },
        message: `CSV line ${line + 2} has ${r.length} fields instead of ${header.length}.`,
      });
    }
    return new Map(header.map((h, i) => [h, r[i]]));
  });
}

function required(row: Map<string, CsvField>, key: string): string {
  const v = row.get(key);
  if (v === undefined) {
    throw new ParseError({
      details: { raw: [...row.values()].join(','), what: 'CSV line' },
      message: `Field "${key}" is empty.`,
    });
  }
  return v;
}

function time(text: string): Date {
  const d = new Date(text);
  if (Number.isNaN(d.getTime()) || !/(Z|[+-]\d\d:\d\d)$/.test(text)) {
    throw new ParseError({
      details: { raw: text, what: 'CSV time' },
      message: `"${text}" is not a time with an explicit offset.`,
      hint: 'Times must look like 2026-01-08T10:00:00.000+08:00.',
    });
  }
  return d;
}

/** Reads a charge export back. @throws `ParseError` on a malformed file. */
export function parseChargesCsv(text: string): ChargeRecord[] {
  return rowsOf(text, CHARGE_HEADER).map((r) => {
    const c: ChargeRecord = {
      id: required(r, 'id'),
      account: required(r, 'account'),
      kind: required(r, 'kind') as ChargeRecord['kind'],
      type: required(r, 'type'),
      amount: canonicalAmount(required(r, 'amount')),
      currency: required(r, 'currency'),
      time: time(required(r, 'time')),
    };
    const opt = (k: string) => r.get(k);
    if (opt('user') !== undefined) c.user = opt('user');
    if (opt('cluster') !== undefined) {
      c.job = {
        cluster: opt('cluster')!,
        jobId: required(r, 'job_id'),
        submitTime: time(required(r, 'job_submit_time')),
      };
    }
    if (opt('reverses') !== undefined) c.reverses = opt('reverses');
    if (opt('comment') !== undefined) c.comment = opt('comment');
    if (opt('operator') !== undefined) c.operator = opt('operator');
    return c;
  });
}

/** Reads a payment export back. @throws `ParseError` on a malformed file. */
export function parsePaymentsCsv(text: string): PaymentRecord[] {
  return rowsOf(text, PAYMENT_HEADER).map((r) => {
    const p: PaymentRecord = {
      id: required(r, 'id'),
      account: required(r, 'account'),
      kind: required(r, 'kind') as PaymentRecord['kind'],
      type: required(r, 'type'),
      amount: canonicalAmount(required(r, 'amount')),
      currency: required(r, 'currency'),
      time: time(required(r, 'time')),
      operator: required(r, 'operator'),
    };
    if (r.get('linked_to') !== undefined) p.linkedTo = r.get('linked_to');
    if (r.get('comment') !== undefined) p.comment = r.get('comment');
    return p;
  });
}
