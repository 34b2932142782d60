import { expect, it } from 'vitest';
import { accountAdminScenario } from '../../../examples/account-admin.js';
import { BillingDecimal } from '../src/money/decimal.js';
import { parseChargesCsv } from '../src/csv/ledger-csv.js';

it('examples/account-admin.ts: the limit blocks new submissions, raising it unblocks, the CSV has every charge', async () => {
  const lines: string[] = [];
  const outcome = await accountAdminScenario((line) => lines.push(line));
  // 2,160.00 per job: 4,320.00 used after two jobs (under 5,000), 6,480.00 after the third.
  expect(outcome.jobsBeforeBlock).toBe(3);
  expect(outcome.usedAtBlock).toBe('6480.00');
  expect(outcome.refusal).toBe('user_blocked');
  expect(outcome.submittedAfterRaise).toBe(true);
  const charges = parseChargesCsv(outcome.csv);
  expect(charges.map((c) => c.amount)).toEqual(['2160.00', '2160.00', '2160.00', '2160.00']);
  expect(charges.every((c) => c.user === 'carol' && c.account === 'catalysis')).toBe(true);
  expect(outcome.csv).toContain('+08:00');
  // The payments: the 60,000 recharge and its bonus, in the list and in the Excel file.
  expect(outcome.payments.map((p) => p.kind).sort()).toEqual(['bonus', 'payment']);
  const paid = outcome.payments.find((p) => p.kind === 'payment')!;
  expect(paid).toMatchObject({ amount: '60000.00', type: 'bank transfer' });
  const excel = (csv: string) => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    return csv.slice(1).trimEnd().split('\r\n');
  };
  const payRows = excel(outcome.paymentsCsv);
  expect(payRows[0]).toBe('time,kind,type,amount,currency');
  expect(
    payRows
      .slice(1)
      .map((r) => r.split(',').slice(1, 4).join(','))
      .sort(),
  ).toEqual(outcome.payments.map((p) => `${p.kind},${p.type},${p.amount}`).sort());
  const chargeRows = excel(outcome.chargesForExcel);
  expect(chargeRows[0]).toBe('time,user,job_id,amount,currency');
  expect(chargeRows.slice(1).map((r) => r.split(',').slice(1, 4).join(','))).toEqual(
    charges.map((c) => `${c.user},${c.job?.jobId},${c.amount}`),
  );
  let total = new BillingDecimal(0);
  for (const r of chargeRows.slice(1)) total = total.plus(r.split(',')[3]!);
  expect(total.toFixed(2)).toBe('8640.00');
  // Erin's removal waited for her running job, then took her off the cluster.
  expect(outcome.removalRefusedFor).toHaveLength(1);
  expect(
    lines.some((l) => l.includes('removing erin refused') && l.includes(outcome.removalRefusedFor[0]!)),
  ).toBe(true);
  expect(outcome.clusterMembers).toEqual(['alice', 'carol', 'dave']);
});
