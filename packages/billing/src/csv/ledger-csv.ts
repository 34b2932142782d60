import { billingRules } from '../errors/billing-rules.js';
import { ParseError, type Payment, parseInput, type ValidationSubject } from '@hpckit/core';
import { z } from 'zod';
import { formatZoned } from '../time/zoned-time.js';
import { canonicalAmount } from '../stores/amount-codec.js';
import type { ChargeRecord } from '../stores/records.js';
import { type CsvField, csvLine, parseCsv } from './csv-format.js';

/** Options of the CSV writers; `C` is the export's column name. */
export interface CsvOptions<C extends string = string> {
  /**
   * IANA time zone the times are written in, each with its UTC offset
   * (`2026-01-08T10:00:00.000+08:00`), so a reader sees local time and the exact instant. @default 'UTC'
   */
  timeZone?: string;
  /**
   * Starts the file with a UTF-8 byte-order mark. Excel on Chinese (and other non-UTF-8) Windows
   * reads a CSV file without one in the system's legacy code page, garbling every Chinese
   * comment and name; with it, Excel reads UTF-8. The readers here skip the mark. @default false
   */
  bom?: boolean;
  /**
   * Which columns to write, in this order (see {@link CHARGE_CSV_COLUMNS} and
   * {@link PAYMENT_CSV_COLUMNS}). A file with a choice of columns is for people and spreadsheets:
   * only a full export reads back. @default every column
   * @throws `VALIDATION` (at `options.columns`) naming the valid columns, for an unknown one.
   */
  columns?: readonly C[];
}

const BOM = '\uFEFF';

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

/** The columns of a charge export, in their default order. */
export const CHARGE_CSV_COLUMNS = [
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
] as const;
/** A column of a charge export. */
export type ChargeCsvColumn = (typeof CHARGE_CSV_COLUMNS)[number];

/** The columns of a payment export, in their default order. */
export const PAYMENT_CSV_COLUMNS = [
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
] as const;
/** A column of a payment export. */
export type PaymentCsvColumn = (typeof PAYMENT_CSV_COLUMNS)[number];

const CHARGE_HEADER: string[] = [...CHARGE_CSV_COLUMNS];
const PAYMENT_HEADER: string[] = [...PAYMENT_CSV_COLUMNS];

/** Writes the lines of one export: its header (after the BOM, if asked) and its records' chosen fields. */
export interface CsvWriter<T> {
  header: string;
  line(record: T): string;
}

function writer<T, C extends string>(
  all: readonly C[],
  fields: (record: T, timeZone: string) => CsvField[],
  options: CsvOptions<C>,
  subject: ValidationSubject,
): CsvWriter<T> {
  const o = parseInput(
    z.strictObject({
      timeZone: z.string().optional(),
      bom: z.boolean().optional(),
      columns: z
        .array(z.enum(all as unknown as [C, ...C[]]))
        .min(1)
        .optional(),
    }),
    options,
    subject,
    ['options'],
  );
  const tz = o.timeZone ?? 'UTC';
  const picked = (o.columns ?? all).map((c) => all.indexOf(c));
  return {
    header: (o.bom ? BOM : '') + csvLine(picked.map((i) => all[i])),
    line: (record) => {
      const f = fields(record, tz);
      return csvLine(picked.map((i) => f[i]));
    },
  };
}

/** The writer of a charge export. @throws `VALIDATION` on bad options (an unknown column). */
export function chargeCsvWriter(options: CsvOptions<ChargeCsvColumn> = {}): CsvWriter<ChargeRecord> {
  return writer(CHARGE_CSV_COLUMNS, chargeFields, options, billingRules.subject('charge_csv_options'));
}

/** The writer of a payment export. @throws `VALIDATION` on bad options (an unknown column). */
export function paymentCsvWriter(options: CsvOptions<PaymentCsvColumn> = {}): CsvWriter<Payment> {
  return writer(PAYMENT_CSV_COLUMNS, paymentFields, options, billingRules.subject('payment_csv_options'));
}

/** One charge's fields in {@link CHARGE_CSV_COLUMNS} order (the breakdown stays in the ledger). */
function chargeFields(c: ChargeRecord, timeZone: string): CsvField[] {
  return [
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
  ];
}

/** One payment's fields in {@link PAYMENT_CSV_COLUMNS} order. */
function paymentFields(p: Payment, timeZone: string): CsvField[] {
  return [
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
  ];
}

/**
 * Charges as CSV: a header, then one line per charge, times with explicit offsets. Reading it
 * back with {@link parseChargesCsv} gives the same charges (without their price breakdowns).
 */
export function chargesToCsv(
  charges: readonly ChargeRecord[],
  options: CsvOptions<ChargeCsvColumn> = {},
): string {
  const w = chargeCsvWriter(options);
  return w.header + charges.map(w.line).join('');
}

/** Payments as CSV; {@link parsePaymentsCsv} reads it back exactly. */
export function paymentsToCsv(
  payments: readonly Payment[],
  options: CsvOptions<PaymentCsvColumn> = {},
): string {
  const w = paymentCsvWriter(options);
  return w.header + payments.map(w.line).join('');
}

/** The columns written without the formula guard. */
const UNGUARDED = new Set(['time', 'amount', 'job_submit_time']);

function rowsOf(text: string, header: string[]): Map<string, CsvField>[] {
  const [head, ...rows] = parseCsv(text.startsWith(BOM) ? text.slice(1) : text);
  if (!head || head.join(',') !== header.join(',')) {
    throw new ParseError({
      details: { raw: text.slice(0, 200), what: 'CSV header' },
      ...billingRules.errorText('csv_header', { value: header.join(',') }),
    });
  }
  return rows.map((r, line) => {
    if (r.length !== header.length) {
      throw new ParseError({
        details: { raw: r.join(','), what: `CSV line ${line + 2}` },
        ...billingRules.errorText('csv_field_count', {
          count: line + 2,
          value: String(r.length),
          maximum: header.length,
        }),
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
      ...billingRules.errorText('csv_field_empty', { value: key }),
    });
  }
  return v;
}

function time(text: string): Date {
  const d = new Date(text);
  if (Number.isNaN(d.getTime()) || !/(Z|[+-]\d\d:\d\d)$/.test(text)) {
    throw new ParseError({
      details: { raw: text, what: 'CSV time' },
      ...billingRules.errorText('csv_time', { value: text }),
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
