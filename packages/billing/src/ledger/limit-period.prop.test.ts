import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startOfLocalDay, wallClock } from '../time/zoned-time.js';
import { BillingDecimal } from '../money/decimal.js';
import { applyToMember } from './charge-operations.js';
import { effectiveUsed, periodStartOf, remainingLimit } from './limit-period.js';

const ZONES = Intl.supportedValuesOf('timeZone');
/** Zones whose clocks jumped over midnight, or skipped or repeated it, in recent years. */
const MIDNIGHT_ZONES = [
  'Africa/Cairo',
  'Asia/Beirut',
  'America/Sao_Paulo',
  'America/Havana',
  'America/Santiago',
  'America/Asuncion',
  'Asia/Tehran',
  'Asia/Damascus',
  'Asia/Amman',
  'Asia/Gaza',
  'Pacific/Apia',
  'Atlantic/Azores',
];

const dateOf = (d: Date, zone: string) => {
  const w = wallClock(d, zone);
  return [w.year, w.month, w.day];
};

describe('periodStartOf', () => {
  it.each([
    // Clocks went from 23:59:59 straight to 01:00: the day begins at 01:00 local.
    ['Africa/Cairo', '2023-04-28T09:00:00Z', '2023-04-27T22:00:00.000Z'],
    ['Asia/Beirut', '2024-03-31T09:00:00Z', '2024-03-30T22:00:00.000Z'],
    // Midnight came twice (24:00 became 23:00 of the day before): the day begins at the 00:00 after.
    ['America/Sao_Paulo', '2019-02-17T12:00:00Z', '2019-02-17T03:00:00.000Z'],
    // An ordinary day.
    ['Asia/Shanghai', '2026-01-08T02:00:00Z', '2026-01-07T16:00:00.000Z'],
  ])('starts the day of an instant in %s where it begins locally', (zone, at, start) => {
    const begin = periodStartOf('day', new Date(at), zone)!;
    expect(begin.toISOString()).toBe(start);
    expect(dateOf(begin, zone)).toEqual(dateOf(new Date(at), zone));
    // The instant before it still belongs to the day before.
    expect(dateOf(new Date(begin.getTime() - 1), zone)).not.toEqual(dateOf(begin, zone));
  });

  it('starts a skipped day where the next one begins (Samoa skipped 2011-12-30)', () => {
    expect(startOfLocalDay(2011, 12, 30, 'Pacific/Apia').toISOString()).toBe('2011-12-30T10:00:00.000Z');
    expect(dateOf(new Date('2011-12-30T10:00:00Z'), 'Pacific/Apia')).toEqual([2011, 12, 31]);
  });

  it('records a Cairo member period from 01:00 local, and counts the last hour of the day before apart', () => {
    const member = {
      account: 'chem',
      user: 'bob',
      role: 'member' as const,
      state: 'normal' as const,
      limit: { amount: '100.00', period: 'day' as const },
      used: '0.00',
      createdAt: new Date('2023-01-01T00:00:00Z'),
    };
    const day = applyToMember(
      member,
      new BillingDecimal('40'),
      new Date('2023-04-28T09:00:00Z'),
      'Africa/Cairo',
    );
    expect(day.periodStart?.toISOString()).toBe('2023-04-27T22:00:00.000Z');
    // 23:30 on the 27th (EET) is the day before: it does not add to the 28th's period.
    const late = applyToMember(
      day,
      new BillingDecimal('5'),
      new Date('2023-04-27T21:30:00Z'),
      'Africa/Cairo',
    );
    expect(late.used).toBe('40.00');
    expect(effectiveUsed(day, new Date('2023-04-28T20:59:59Z'), 'Africa/Cairo')).toBe('40.00');
    expect(effectiveUsed(day, new Date('2023-04-28T21:00:00Z'), 'Africa/Cairo')).toBe('0.00');
  });

  it('puts every instant of every zone in a day that starts at or before it, on its local date, and ends after it', () => {
    const instant = fc.date({
      min: new Date('1970-01-01T00:00:00Z'),
      max: new Date('2100-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    // Instants near local midnights of zones that move their clocks around midnight, where the bug was.
    const nearMidnight = fc
      .tuple(
        fc.constantFrom(...MIDNIGHT_ZONES),
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2030-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -7_200, max: 7_200 }),
      )
      .map(([zone, day, seconds]) => {
        const w = wallClock(day, zone);
        return [
          zone,
          new Date(startOfLocalDay(w.year, w.month, w.day, zone).getTime() + seconds * 1000),
        ] as const;
      });
    fc.assert(
      fc.property(fc.oneof(fc.tuple(fc.constantFrom(...ZONES), instant), nearMidnight), ([zone, at]) => {
        const start = periodStartOf('day', at, zone)!;
        const w = wallClock(at, zone);
        const next = startOfLocalDay(w.year, w.month, w.day + 1, zone);
        expect(start.getTime()).toBeLessThanOrEqual(at.getTime());
        expect(at.getTime()).toBeLessThan(next.getTime());
        expect(dateOf(start, zone)).toEqual([w.year, w.month, w.day]);
        expect(dateOf(new Date(start.getTime() - 1), zone)).not.toEqual([w.year, w.month, w.day]);
      }),
      { numRuns: 1_000 },
    );
  });

  it('starts months and years on their first local day', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.date({
          min: new Date('1970-01-01T00:00:00Z'),
          max: new Date('2100-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        (zone, at) => {
          const w = wallClock(at, zone);
          const month = periodStartOf('month', at, zone)!;
          const year = periodStartOf('year', at, zone)!;
          expect(month.getTime()).toBeLessThanOrEqual(at.getTime());
          expect(year.getTime()).toBeLessThanOrEqual(month.getTime());
          expect(dateOf(month, zone).slice(0, 2)).toEqual([w.year, w.month]);
          expect(dateOf(year, zone)[0]).toBe(w.year);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('remainingLimit', () => {
  const cents = fc.bigInt({ min: 0n, max: 10n ** 12n }).map((c) => (Number(c) / 100).toFixed(2));

  it('is the limit less what was used this period, never below zero, and the whole limit in a new period', () => {
    fc.assert(
      fc.property(
        cents,
        cents,
        fc.constantFrom('none' as const, 'day' as const, 'month' as const),
        (amount, used, period) => {
          const now = new Date('2026-03-02T12:00:00Z');
          const member = {
            limit: { amount, period },
            used,
            periodStart: periodStartOf(period, now, 'Asia/Shanghai'),
          };
          const left = new BillingDecimal(remainingLimit(member, now, 'Asia/Shanghai')!);
          expect(left.gte(0)).toBe(true);
          const over = new BillingDecimal(used).gt(amount);
          if (over) expect(left.isZero()).toBe(true);
          else expect(left.plus(used).eq(amount)).toBe(true);
          if (period === 'none') return;
          // The next period starts afresh: nothing used, the whole limit left.
          const later = new Date(now.getTime() + 40 * 86_400_000);
          expect(remainingLimit(member, later, 'Asia/Shanghai')).toBe(new BillingDecimal(amount).toFixed(2));
        },
      ),
    );
  });

  it('is undefined without a limit', () => {
    expect(remainingLimit({ used: '5.00' }, new Date(), 'UTC')).toBeUndefined();
  });
});
