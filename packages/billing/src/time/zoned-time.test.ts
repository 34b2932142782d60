import type { Payment } from '@hpckit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePaymentsCsv, paymentsToCsv } from '../csv/ledger-csv.js';
import { formatZoned, wallClock } from './zoned-time.js';

const ZONES = Intl.supportedValuesOf('timeZone');
const ISO = /^(?:\d{4}|[+-]\d{6})-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/;

describe('formatZoned', () => {
  it.each([
    ['+010000-01-01T00:00:00.000Z', 'UTC', '+010000-01-01T00:00:00.000+00:00'],
    ['9999-12-31T20:00:00.000Z', 'Asia/Shanghai', '+010000-01-01T04:00:00.000+08:00'],
    ['9999-12-31T15:59:59.999Z', 'Asia/Shanghai', '9999-12-31T23:59:59.999+08:00'],
    ['+275760-09-13T00:00:00.000Z', 'Pacific/Kiritimati', '+275760-09-13T14:00:00.000+14:00'],
    ['-000001-06-01T12:00:00.000Z', 'UTC', '-000001-06-01T12:00:00.000+00:00'],
    ['0000-03-01T00:00:00.000Z', 'UTC', '0000-03-01T00:00:00.000+00:00'],
    ['0050-01-01T00:00:00.000Z', 'UTC', '0050-01-01T00:00:00.000+00:00'],
    ['2026-01-08T02:00:00.000Z', 'Asia/Shanghai', '2026-01-08T10:00:00.000+08:00'],
  ])('writes %s in %s as %s', (iso, zone, expected) => {
    expect(formatZoned(new Date(iso), zone)).toBe(expected);
  });

  it('writes every instant of Date’s range in every zone as ISO 8601 that reads back to it', () => {
    const instant = fc.oneof(
      fc.date({ noInvalidDate: true }),
      fc.date({
        min: new Date('9999-12-30T00:00:00Z'),
        max: new Date('+010000-01-02T00:00:00Z'),
        noInvalidDate: true,
      }),
      fc.date({
        min: new Date('-000001-12-30T00:00:00Z'),
        max: new Date('0001-01-02T00:00:00Z'),
        noInvalidDate: true,
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, (zone, date) => {
        const text = formatZoned(date, zone);
        expect(text).toMatch(ISO);
        expect(new Date(text).getTime()).toBe(date.getTime());
        // Four digits exactly for years 0–9999, the expanded form otherwise, never "-000000".
        const year = Number(text.slice(0, text.indexOf('-', 1)));
        expect(text.startsWith('+') || text.startsWith('-')).toBe(year < 0 || year > 9999);
        expect(text.startsWith('-000000')).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('writes the local date a reader in the zone sees, whenever the offset is whole minutes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.date({
          min: new Date('1970-01-01T00:00:00Z'),
          max: new Date('+012000-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        (zone, date) => {
          const w = wallClock(date, zone);
          const text = formatZoned(date, zone);
          const [, year, month, day] = /^([+-]?\d+)-(\d\d)-(\d\d)T/.exec(text)!;
          expect([Number(year), Number(month), Number(day)]).toEqual([w.year, w.month, w.day]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps CSV exports of far-future and ancient payments readable and exact', () => {
    const payment = (id: string, time: string): Payment => ({
      id,
      account: 'chem',
      kind: 'payment',
      type: 'bank',
      amount: '1.00',
      currency: 'CNY',
      time: new Date(time),
      operator: 'fin',
    });
    const payments = [
      payment('far', '+012000-05-01T00:00:00.000Z'),
      payment('edge', '9999-12-31T20:00:00.000Z'),
      payment('old', '-000050-01-01T00:00:00.000Z'),
    ];
    const csv = paymentsToCsv(payments, { timeZone: 'Asia/Shanghai' });
    expect(csv).toContain('+010000-01-01T04:00:00.000+08:00');
    expect(parsePaymentsCsv(csv)).toEqual(payments);
  });
});
