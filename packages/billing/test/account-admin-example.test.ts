import { expect, it } from 'vitest';
import { accountAdminScenario } from '../../../examples/account-admin.js';
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
  // Erin's removal waited for her running job, then took her off the cluster.
  expect(outcome.removalRefusedFor).toHaveLength(1);
  expect(
    lines.some((l) => l.includes('removing erin refused') && l.includes(outcome.removalRefusedFor[0]!)),
  ).toBe(true);
  expect(outcome.clusterMembers).toEqual(['alice', 'carol', 'dave']);
});
