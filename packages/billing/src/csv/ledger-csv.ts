import { ParseError, type Payment } from '@hpckit/core';
import { formatZoned } from '../time/zoned-time.js';
import { canonicalAmount } from '../stores/amount-codec.js';
import type { ChargeRecord } from '../stores/records.js';
import { type CsvField, csvLine, parseCsv } from './csv-format.js';

/** Options of the CSV writers. */
export interface CsvOptions {
  /**
   * IANA time zone the times are written in, each with its UTC offset
   * (`2026-01-08T10:00:00.000+08:00`), so a reader sees local time and the exact instant. @default 'UTC'
   */
  timeZone?: string;
}

/**
 * Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a
 * formula, so a comment such as `=HYPERLINK(...)` typed by a user would run on an auditor's
 * machine (CSV injection). Such text fields are written with a leading `'`, which spreadsheets
 * show as text; a field that already starts with `'` gets one more, so the readers below strip
 * exactly one and every value reads back unchanged. Amounts and times are ours and never guarded.
 */
const FORMULA_START = /^[=+\-@\t\r']/;

function guard(text: string | undefined): CsvField {
  return text !== undefined && FORMULA_START.test(text) ? `'${text}` : text;
}

function unguard(field: CsvField): CsvField {
  return field?.startsWith("'") ? field.slice(1) : field;
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
    guard(c.id),
    formatZoned(c.time, timeZone),
    guard(c.account),
    guard(c.user),
    guard(c.kind),
    guard(c.type),
    c.amount,
    guard(c.currency),
    guard(c.job?.cluster),
    guard(c.job?.jobId),
    c.job ? formatZoned(c.job.submitTime, timeZone) : undefined,
    guard(c.reverses),
    guard(c.comment),
    guard(c.operator),
  ]);
}

/** One payment as a CSV line. */
export function paymentCsvLine(p: Payment, timeZone: string): string {
  return csvLine([
    guard(p.id),
    formatZoned(p.time, timeZone),
    guard(p.account),
    guard(p.kind),
    guard(p.type),
    p.amount,
    guard(p.currency),
    guard(p.linkedTo),
    guard(p.comment),
    guard(p.operator),
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
export function paymentsToCsv(payments: readonly Payment[], options: CsvOptions = {}): string {
  const tz = options.timeZone ?? 'UTC';
  return PAYMENT_CSV_HEADER + payments.map((p) => paymentCsvLine(p, tz)).join('');
}

/** The columns written without the formula guard. */
const UNGUARDED = new Set(['time', 'amount', 'job_submit_time']);

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
    return new Map(header.map((h, i) => [h, UNGUARDED.has(h) ? r[i] : unguard(r[i])]));
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
export function parsePaymentsCsv(text: string): Payment[] {
  return rowsOf(text, PAYMENT_HEADER).map((r) => {
    const p: Payment = {
      id: required(r, 'id'),
      account: required(r, 'account'),
      kind: required(r, 'kind') as Payment['kind'],
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
