import { describe, expect, it } from 'vitest';
import { ChargeSchema, JobReferenceSchema, PaymentSchema } from './ledger-entries.js';

const time = new Date('2026-01-05T02:00:00Z');
const job = { cluster: 'hpc', jobId: '1234_7', submitTime: time };
const charge = {
  id: 'c1',
  account: 'chem',
  user: 'alice',
  kind: 'job',
  type: 'job',
  amount: '12.50',
  currency: 'CNY',
  job,
  time,
};
const payment = {
  id: 'p1',
  account: 'chem',
  kind: 'payment',
  type: 'bank transfer',
  amount: '50000.00',
  currency: 'CNY',
  time,
  operator: 'fin',
};

describe('ledger entries', () => {
  it('a charge and a payment carry their money flat: a decimal string and a currency', () => {
    expect(ChargeSchema.parse(charge)).toEqual(charge);
    expect(PaymentSchema.parse(payment)).toEqual(payment);
    expect(JobReferenceSchema.parse(job)).toEqual(job);
  });

  it('the bonus adjustment of a reversed payment is negative', () => {
    const adjustment = { ...payment, kind: 'bonus', type: 'bonus', amount: '-300.00', linkedTo: 'r1' };
    expect(PaymentSchema.parse(adjustment)).toEqual(adjustment);
  });

  it('refuses a JS number amount, a lower-case currency and an unknown kind, naming each field', () => {
    const result = ChargeSchema.safeParse({ ...charge, amount: 12.5, currency: 'cny', kind: 'refund' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['amount', 'currency', 'kind']);
    expect(PaymentSchema.safeParse({ ...payment, operator: undefined }).success).toBe(false);
  });
});
