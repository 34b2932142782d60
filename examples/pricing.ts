/**
 * Pricing with the reference site's rules: price a handful of ended jobs and print how each charge
 * was computed, quote a job before submission, check a request against the site's resource rules
 * in English and Chinese, and work out a recharge bonus.
 *
 * Run it with `npx tsx --conditions=@hpckit/source examples/pricing.ts`.
 */
import {
  createBonusCalculator,
  createPricingEngine,
  createResourcePolicy,
  describeCharge,
  formatMoney,
  ikkemPreset,
  isAffordable,
} from '@hpckit/billing';
import type { Job, ResourceCounts } from '@hpckit/core';

const site = ikkemPreset({ cluster: 'ikkem' });
const pricing = createPricingEngine({ table: site.priceTable, clusters: [site.cluster] });
const policy = createResourcePolicy(site.resourcePolicy);
const bonus = createBonusCalculator(site.bonusRules);

/** An ended job as the Slurm adapter reports it (only what matters here varies). */
function ended(
  id: string,
  partition: string,
  given: ResourceCounts,
  start: string,
  seconds: number,
  outcome = 'completed',
): Job {
  const startTime = new Date(start);
  return {
    cluster: 'ikkem',
    id,
    name: `job-${id}`,
    user: 'zhang.wei',
    account: 'electrochem',
    partition,
    qos: seconds > 172_800 ? 'long' : 'normal',
    state: { phase: 'ended', outcome: outcome as 'completed', raw: outcome.toUpperCase() },
    requested: given,
    allocated: seconds > 0 ? given : undefined,
    submitTime: new Date(startTime.getTime() - 2_670_000),
    startTime: seconds > 0 ? startTime : undefined,
    endTime: new Date(startTime.getTime() + seconds * 1000),
    elapsedSeconds: seconds,
    nodeList: ['gpu07'],
  };
}

const GiB = 1024;
const jobs: [Job, 'internal' | 'external'][] = [
  // site-rules §1: 1 GPU, 8 cores, 128 GB, ran 3,177 s after queueing 2,670 s ("about 7.94")
  [
    ended(
      '48213',
      'gpu',
      { nodes: 1, cores: 8, gpus: 1, memoryMiB: 128 * GiB },
      '2025-03-03T09:12:00+08:00',
      3177,
    ),
    'internal',
  ],
  [
    ended(
      '48251',
      'cpu',
      { nodes: 2, cores: 128, gpus: 0, memoryMiB: 500 * GiB },
      '2025-03-03T10:00:00+08:00',
      40_987,
    ),
    'external',
  ],
  [
    ended(
      '48260',
      'fat',
      { nodes: 1, cores: 16, gpus: 0, memoryMiB: 512 * GiB },
      '2025-03-04T08:30:00+08:00',
      21_600,
    ),
    'internal',
  ],
  [
    ended(
      '48277',
      'gpu',
      { nodes: 1, cores: 64, gpus: 8, memoryMiB: 1500 * GiB },
      '2025-03-05T00:00:00+08:00',
      259_200,
    ),
    'internal',
  ],
  [
    ended('48290', 'cpu', { nodes: 1, cores: 4, gpus: 0 }, '2025-03-05T12:00:00+08:00', 0, 'cancelled'),
    'external',
  ],
];

console.log('Charges');
for (const [job, accountType] of jobs) {
  const { charge, breakdown } = pricing.price(job, { accountType });
  console.log(`  job ${job.id} (${job.partition}, ${accountType}): ${formatMoney(charge)}`);
  console.log(`    ${describeCharge(breakdown)}`);
  console.log(`    ${describeCharge(breakdown, 'zh-CN')}`);
}

console.log('\nQuote before submission');
const spec = policy.applyDefaults({
  name: 'sweep',
  command: 'python train.py --lr $SLURM_ARRAY_TASK_ID',
  partition: 'gpu',
  gpusPerNode: 1,
  coresPerNode: 8,
  timeLimit: '6h',
  array: '0-9',
});
const quote = pricing.quote(spec, { cluster: 'ikkem', accountType: 'external' });
const balance = { amount: '500.00', currency: 'CNY' };
console.log(`  memory filled by the site default: ${JSON.stringify(spec.memory)}`);
console.log(
  `  this job may cost up to ${formatMoney(quote.maximum)} (${quote.tasks} × ${formatMoney(quote.perTask)})`,
);
console.log(`  ${describeCharge(quote.breakdown)}`);
console.log(`  balance ${formatMoney(balance)} covers it: ${isAffordable(quote, balance) ? 'yes' : 'no'}`);

console.log("\nThe site's own refused request: 1 node, 2 GPUs, 12 cores, 500 GB");
const check = policy.check({
  command: 'python md.py',
  partition: 'gpu',
  gpusPerNode: 2,
  coresPerNode: 12,
  memory: { perNode: '500G' },
});
for (const v of check.violations) {
  console.log(`  [${v.code}] limit ${v.limit} ${v.unit}, requested ${v.requested} ${v.unit}`);
  console.log(`    en:    ${v.message.en}`);
  console.log(`    zh-CN: ${v.message['zh-CN']}`);
}

console.log('\nRecharge bonus (cumulative in the calendar year, China Standard Time)');
const paid: { amount: string; currency: string }[] = [];
for (const amount of ['30000.00', '19000.00', '0.01', '60000.00']) {
  const grant = bonus.bonusFor({ amount, currency: 'CNY' }, paid);
  paid.push({ amount, currency: 'CNY' });
  console.log(
    `  pay ${formatMoney({ amount, currency: 'CNY' })}: year total ${formatMoney(grant.yearTotalAfter)}, rate ${grant.rateAfter}, bonus ${formatMoney(grant.bonus)}`,
  );
}
