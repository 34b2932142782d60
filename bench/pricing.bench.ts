/**
 * Pricing throughput of @hpckit/billing: 1,000,000 synthetic ended jobs priced with the ikkem
 * preset, beside the same loop doing only the validation and table lookup (`itemFor`); a large
 * table with thousands of overrides; and resource-policy `check()` calls beside bare job-spec
 * validation. Target: ≥ 200,000 jobs priced per second on a 2-core machine.
 */
import { createPricingEngine, createResourcePolicy, ikkemPreset, type PriceItemInput } from '@hpckit/billing';
import { type Job, type JobSpecInput, JobSpecSchema } from '@hpckit/core';
import { measure, report, section } from './lib/measure.js';

const TOTAL_JOBS = 1_000_000;
const CHUNK = 50_000;
const TARGET_JOBS_PER_SECOND = 200_000;
const PARTITIONS = ['cpu', 'gpu', 'fat'] as const;
const CONTEXTS = [{ accountType: 'internal' }, { accountType: 'external' }];

/** A deterministic pseudo-random sequence, so every run prices the same jobs. */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1_664_525) + 1_013_904_223) >>> 0;
    return x / 2 ** 32;
  };
}

function syntheticJobs(first: number, count: number, accounts = 1): Job[] {
  const rand = lcg(first + 1);
  const jobs: Job[] = [];
  const base = Date.parse('2025-03-01T00:00:00+08:00');
  for (let i = 0; i < count; i++) {
    const partition = PARTITIONS[Math.floor(rand() * 3)]!;
    const gpus = partition === 'gpu' ? 1 + Math.floor(rand() * 8) : 0;
    const cores = partition === 'gpu' ? gpus * (1 + Math.floor(rand() * 8)) : 1 + Math.floor(rand() * 64);
    const counts = { nodes: 1, cores, gpus, memoryMiB: cores * 4096 };
    const ran = rand() < 0.97;
    const elapsedSeconds = ran ? Math.floor(rand() * 172_800) : 0;
    const end = base + Math.floor(rand() * 30 * 86_400_000);
    jobs.push({
      cluster: 'ikkem',
      id: String(first + i),
      name: 'bench',
      user: 'u',
      account: `acct${Math.floor(rand() * accounts)}`,
      partition,
      qos: rand() < 0.8 ? 'normal' : 'long',
      state: ran
        ? { phase: 'ended', outcome: 'completed', raw: 'COMPLETED' }
        : { phase: 'ended', outcome: 'cancelled', raw: 'CANCELLED' },
      requested: counts,
      allocated: ran ? counts : undefined,
      submitTime: new Date(end - elapsedSeconds * 1000 - 60_000),
      startTime: ran ? new Date(end - elapsedSeconds * 1000) : undefined,
      endTime: new Date(end),
      elapsedSeconds,
      nodeList: [],
    });
  }
  return jobs;
}

interface Totals {
  baselineMs: number;
  baselineCpuMs: number;
  priceMs: number;
  priceCpuMs: number;
  jobs: number;
  checksum: number;
}

/** Prices `total` jobs in chunks, timing the lookup-only loop and the pricing loop on each chunk. */
async function priceAll(
  engine: ReturnType<typeof createPricingEngine>,
  total: number,
  accounts: number,
): Promise<Totals> {
  const totals: Totals = { baselineMs: 0, baselineCpuMs: 0, priceMs: 0, priceCpuMs: 0, jobs: 0, checksum: 0 };
  for (let first = 0; first < total; first += CHUNK) {
    const jobs = syntheticJobs(first, Math.min(CHUNK, total - first), accounts);
    const baseline = await measure(() => {
      for (let i = 0; i < jobs.length; i++)
        totals.checksum += engine.itemFor(jobs[i]!, CONTEXTS[i & 1]).id.length;
    });
    const priced = await measure(() => {
      for (let i = 0; i < jobs.length; i++)
        totals.checksum += engine.price(jobs[i]!, CONTEXTS[i & 1]).charge.amount.length;
    });
    totals.baselineMs += baseline.wallMs;
    totals.baselineCpuMs += baseline.cpuMs;
    totals.priceMs += priced.wallMs;
    totals.priceCpuMs += priced.cpuMs;
    totals.jobs += jobs.length;
  }
  return totals;
}

/**
 * Prints both loops. Wall-clock rates suffer when other work shares the 2 cores; rates per CPU
 * second (user + system time of this process, GC included) show the code's own cost.
 */
function reportPricing(label: string, t: Totals): { wall: number; cpu: number } {
  const perSecond = (ms: number) => Math.round(t.jobs / (ms / 1000));
  report(`${label}: baseline itemFor (validate + lookup)`, {
    jobs: t.jobs,
    'wall ms': t.baselineMs,
    'jobs/s': perSecond(t.baselineMs),
    'jobs/cpu-s': perSecond(t.baselineCpuMs),
  });
  report(`${label}: price (lookup + charge + breakdown)`, {
    jobs: t.jobs,
    'wall ms': t.priceMs,
    'jobs/s': perSecond(t.priceMs),
    'jobs/cpu-s': perSecond(t.priceCpuMs),
    'time vs baseline': `${(t.priceMs / t.baselineMs).toFixed(2)}x`,
    'cpu vs baseline': `${(t.priceCpuMs / t.baselineCpuMs).toFixed(2)}x`,
    'peak MiB': process.resourceUsage().maxRSS / 1024,
  });
  return { wall: perSecond(t.priceMs), cpu: perSecond(t.priceCpuMs) };
}

function bigTable(): PriceItemInput[] {
  const items = [...ikkemPreset().priceTable.items];
  for (let i = 0; i < 2000; i++) {
    for (const partition of PARTITIONS) {
      items.push({
        id: `acct${i}-${partition}`,
        cluster: 'ikkem',
        partition,
        account: `acct${i}`,
        rate: partition === 'gpu' ? '8.50' : '0.05',
        amount: partition === 'gpu' ? 'gpus' : 'cores',
        effectiveFrom: '2025-01-01T00:00:00+08:00',
      });
    }
  }
  return items;
}

function specPool(): JobSpecInput[] {
  return [
    { command: 'run', partition: 'cpu', coresPerNode: 32, memory: { perNode: '128G' }, timeLimit: '12h' },
    { command: 'run', partition: 'gpu', gpusPerNode: 2, coresPerNode: 12, memory: { perNode: '500G' } },
    { command: 'run', partition: 'gpu', gpusPerNode: 1, coresPerNode: 8, timeLimit: '3d' },
    {
      command: 'run',
      partition: 'fat',
      nodes: 2,
      tasksPerNode: 16,
      cpusPerTask: 2,
      memory: { perCore: '16G' },
      qos: 'long',
    },
    { command: 'run', coresPerNode: 4 },
  ];
}

export async function run(): Promise<void> {
  const site = ikkemPreset();
  const engine = createPricingEngine({ table: site.priceTable });
  await priceAll(engine, CHUNK, 1); // warm-up: lets the JIT settle before anything is counted

  section(`pricing ${TOTAL_JOBS.toLocaleString('en-US')} synthetic ended jobs, ikkem preset (6 items)`);
  const rate = reportPricing('ikkem', await priceAll(engine, TOTAL_JOBS, 1));
  report('target', {
    'jobs/s': TARGET_JOBS_PER_SECOND,
    'met (wall)': rate.wall >= TARGET_JOBS_PER_SECOND ? 'yes' : 'NO',
    'margin (wall)': `${(rate.wall / TARGET_JOBS_PER_SECOND).toFixed(2)}x`,
    'met (cpu)': rate.cpu >= TARGET_JOBS_PER_SECOND ? 'yes' : 'NO',
    'margin (cpu)': `${(rate.cpu / TARGET_JOBS_PER_SECOND).toFixed(2)}x`,
  });

  section('pricing 200,000 jobs with 6,006 items (2,000 accounts with their own prices)');
  const big = createPricingEngine({ table: { ...site.priceTable, items: bigTable() } });
  await priceAll(big, CHUNK, 4000);
  reportPricing('large table', await priceAll(big, 200_000, 4000));

  section('resource policy: check() on 5 realistic specs (2 of them violate rules)');
  const policy = createResourcePolicy(site.resourcePolicy);
  const specs = specPool();
  const calls = 200_000;
  let sink = 0;
  const loop = (fn: (spec: JobSpecInput) => number) => () => {
    for (let i = 0; i < calls; i++) sink += fn(specs[i % specs.length]!);
  };
  const validate = loop((spec) => (JobSpecSchema.safeParse(spec).success ? 1 : 0));
  const check = loop((spec) => policy.check(spec).violations.length);
  validate();
  check();
  const baseline = await measure(validate);
  const checked = await measure(check);
  const rateOf = (ms: number) => Math.round(calls / (ms / 1000));
  report('baseline: JobSpecSchema.safeParse', {
    calls,
    'wall ms': baseline.wallMs,
    'calls/s': rateOf(baseline.wallMs),
    'calls/cpu-s': rateOf(baseline.cpuMs),
  });
  report('check(spec)', {
    calls,
    'wall ms': checked.wallMs,
    'calls/s': rateOf(checked.wallMs),
    'calls/cpu-s': rateOf(checked.cpuMs),
    'time vs baseline': `${(checked.wallMs / baseline.wallMs).toFixed(2)}x`,
  });
  if (sink < 0) report('unreachable', { sink });
}
