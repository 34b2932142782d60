import { expect, it } from 'vitest';
import { dashboardScenario } from '../../../examples/dashboard.js';
import { BillingDecimal } from '../src/money/decimal.js';

it("examples/dashboard.ts: alice's accounts with balance and limit left, and her unfinished jobs, as the SDK reports them", async () => {
  const printed: string[] = [];
  const outcome = await dashboardScenario((line) => printed.push(line));
  expect(printed).toEqual(outcome.table);
  const cells = (line: string) => line.trim().split(/\s{2,}/);
  const rows = new Map(printed.map((l) => [cells(l)[0], cells(l)]));

  // Her two accounts: her own lab (no limit) and catalysis, where bob limited her to 200.
  expect(outcome.accounts.map((a) => [a.account, a.role]).sort()).toEqual([
    ['alice-lab', 'owner'],
    ['catalysis', 'member'],
  ]);
  for (const a of outcome.accounts) {
    expect(rows.get(a.account)).toEqual([
      a.account,
      a.role,
      `${a.balance} CNY`,
      a.limit?.amount ?? 'none',
      a.used ?? '—',
      a.remaining ?? '—',
      'ok',
    ]);
  }
  const lab = outcome.accounts.find((a) => a.account === 'alice-lab')!;
  const cat = outcome.accounts.find((a) => a.account === 'catalysis')!;
  expect(lab.remaining).toBeUndefined();
  // Each account was paid once and only alice's ended job was charged to it: what the balance lost
  // is what the sync charged, and in catalysis it is what her limit has used.
  const lost = new BillingDecimal('3000').minus(cat.balance);
  expect(lost.gt(0)).toBe(true);
  expect(lost.toFixed(2)).toBe(cat.used);
  expect(new BillingDecimal(cat.used!).plus(cat.remaining!).toFixed(2)).toBe('200.00');
  expect(new BillingDecimal('500').minus(lab.balance).gt(0)).toBe(true);
  // 32 cores for 3 h against 8 cores for 2 h at one core-hour rate: the charges are in ratio 6:1.
  expect(lost.div(new BillingDecimal('500').minus(lab.balance)).toNumber()).toBe(6);

  // Her unfinished jobs: the running one and the one waiting for whole nodes, none ended.
  expect(outcome.unfinished.map((j) => j.state.phase).sort()).toEqual(['queued', 'running']);
  for (const j of outcome.unfinished) {
    expect(j.user).toBe('alice');
    expect(rows.get(j.id)?.slice(0, 4)).toEqual([j.id, j.name, j.account, j.state.phase]);
    expect(rows.get(j.id)?.[4]).toBe(String(j.requested.cores));
  }
  expect(printed.filter((l) => /^\d+\s/.test(l))).toHaveLength(outcome.unfinished.length);
});
