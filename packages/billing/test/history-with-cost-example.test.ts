import { BillingDecimal } from '../src/money/decimal.js';
import { expect, it } from 'vitest';
import { historyWithCostScenario } from '../../../examples/history-with-cost.js';
import { parseChargesCsv } from '../src/csv/ledger-csv.js';

it('examples/history-with-cost.ts: quotes checked, each job with its cost, totals net of the reversal, the running job pending', async () => {
  const lines: string[] = [];
  const outcome = await historyWithCostScenario((line) => lines.push(line));
  expect(outcome.quoteOk.ok).toBe(true);
  expect(outcome.quoteTooBig.errors.map((e) => e.details.reason)).toEqual(['spending_limit_exceeded']);
  // 16 cores at 0.06 per core-hour: 0.96 an hour; the 1-hour job's charge is reversed.
  expect(outcome.jobs.map((j) => [j.pricing, j.cost, j.reversal !== undefined])).toEqual([
    ['charged', '2.88', false],
    ['charged', '1.92', false],
    ['charged', '0.00', true],
  ]);
  expect(outcome.firstPage.items).toHaveLength(2);
  expect(outcome.firstPage.total).toBe(3);
  let sum = new BillingDecimal(0);
  for (const j of outcome.jobs) sum = sum.plus(j.cost!);
  expect(outcome.firstPage.totals).toEqual({ CNY: sum.toFixed(2) });
  expect(outcome.jobs.every((j) => j.cluster === 'hpc' && j.charge?.breakdown?.unit === 'core')).toBe(true);
  expect(outcome.running).toMatchObject({ cluster: 'hpc', pricing: 'pending', pendingStatus: 'not_synced' });
  expect(outcome.running.cost).toBeUndefined();
  expect(outcome.csv.charCodeAt(0)).toBe(0xfeff);
  expect(outcome.csv.slice(1).split('\r\n')[0]).toBe('time,user,job_id,kind,amount,currency,comment');
  expect(lines.some((l) => l.includes('消费限额'))).toBe(true);
  // A chosen-columns file is for people: only a full export reads back.
  expect(() => parseChargesCsv(outcome.csv)).toThrow(/header/);
});
