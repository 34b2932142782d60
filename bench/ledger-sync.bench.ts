/**
 * `npm run bench -- ledger`: the job-charge sync into SQLite and PostgreSQL. N ended jobs (1–64
 * cores, 1–600 min, two accounts, four users) are read from a synthetic accounting source, priced
 * with the ikkem preset and charged, 1,000 per transaction. Beside it, the same run measures the
 * ceiling: the store's raw insert rate of equally sized rows (the same job records and charges,
 * precomputed, inserted in the same batches with no pricing, no de-duplication reads and no
 * balance updates). Last, a re-sync of the whole window, which must charge nothing.
 *
 * N defaults to 200,000 so each store fits in about two minutes on the 2-core CI machine;
 * `HPCKIT_BENCH_LEDGER_JOBS=1000000` runs the million. PostgreSQL is skipped (with a
 * notice) when the server of `scripts/postgres/up.sh` is not reachable.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Job } from '@hpckit/core';
import { createPricingEngine, ikkemPreset } from '@hpckit/billing';
import { createJobSync, createLedger, type EndedJobSource, type LedgerStore } from '@hpckit/billing/ledger';
import { createPostgresStore } from '@hpckit/billing/stores/postgres';
import { createSqliteStore } from '@hpckit/billing/stores/sqlite';
import pg from 'pg';
import { figures, measure, report, section } from './lib/measure.js';

const N = Number(process.env.HPCKIT_BENCH_LEDGER_JOBS ?? 200_000);
const BATCH = 1000;
const PG_URL = process.env.HPCKIT_PG_URL ?? 'postgres://hpckit:hpckit@127.0.0.1:5433/hpckit_test';
const START = Date.UTC(2026, 0, 1);
const site = ikkemPreset({ cluster: 'bench' });
const engine = createPricingEngine({ table: site.priceTable, clusters: [site.cluster] });

/** Job `i` of the synthetic history: deterministic, one ending every 2 s. */
function jobAt(i: number): Job {
  const cores = 1 + ((i * 7) % 64);
  const seconds = 60 * (1 + ((i * 13) % 600));
  const end = START + i * 2000;
  const counts = { nodes: 1, cores, gpus: 0 };
  return {
    cluster: 'bench',
    id: String(100_000 + i),
    name: 'bench',
    user: ['alice', 'bob', 'carol', 'dave'][i % 4]!,
    account: i % 2 === 0 ? 'chem' : 'bio',
    partition: 'cpu',
    qos: 'normal',
    state: { phase: 'ended', outcome: 'completed', raw: 'COMPLETED' },
    requested: counts,
    allocated: counts,
    submitTime: new Date(end - seconds * 1000 - 30_000),
    startTime: new Date(end - seconds * 1000),
    endTime: new Date(end),
    elapsedSeconds: seconds,
    nodeList: ['cn01'],
  };
}

const source: EndedJobSource = {
  async endedJobs(_cluster, window, page) {
    const first = Math.max(0, Math.ceil((window.from.getTime() - START) / 2000));
    const last = Math.min(N - 1, Math.floor((window.to.getTime() - START) / 2000));
    const total = Math.max(0, last - first + 1);
    const jobs: Job[] = [];
    for (let k = page.offset; k < Math.min(total, page.offset + page.limit); k++) jobs.push(jobAt(first + k));
    return { jobs, total };
  },
  async jobsById() {
    return [];
  },
};

async function prepare(store: LedgerStore) {
  const now = new Date(START + N * 2000 + 60_000);
  const ledger = createLedger({ store, currency: 'CNY', now: () => now });
  const root = ledger.as({ user: 'root', roles: ['platform-admin'] });
  await root.createAccount({
    name: 'chem',
    type: 'internal',
    owner: 'alice',
    blockThreshold: '-1000000000',
  });
  await root.createAccount({
    name: 'bio',
    type: 'external',
    owner: 'bob',
    blockThreshold: '-1000000000',
  });
  return ledger;
}

/** The ceiling: the rows a sync writes, precomputed, inserted in the same batches. */
async function rawInsert(store: LedgerStore): Promise<number> {
  const t = await measure(async () => {
    for (let i = 0; i < N; i += BATCH) {
      const jobs = Array.from({ length: Math.min(BATCH, N - i) }, (_, k) => jobAt(i + k));
      await store.transaction(async (tx) => {
        const records = jobs.map((j) => ({
          cluster: 'bench',
          jobId: j.id,
          submitTime: j.submitTime,
          status: 'charged' as const,
          account: j.account!,
          user: j.user,
          endTime: j.endTime!,
          job: JSON.stringify(j),
          attempts: 1,
          chargeId: randomUUID(),
          updatedAt: new Date(),
        }));
        await tx.insertJobRecords(records);
        await tx.insertCharges(
          jobs.map((j, k) => ({
            id: records[k]!.chargeId,
            account: j.account!,
            user: j.user,
            kind: 'job' as const,
            type: 'job',
            amount: '1.23',
            currency: 'CNY',
            job: { cluster: 'bench', jobId: j.id, submitTime: j.submitTime },
            time: j.endTime!,
            comment: `cluster bench, job ${j.id}`,
            breakdown: engine.price(jobAt(0), { accountType: 'internal' }).breakdown,
          })),
        );
      });
    }
  });
  return N / (t.wallMs / 1000);
}

async function benchStore(
  name: string,
  open: () => Promise<{ store: LedgerStore; done: () => Promise<void> }>,
) {
  section(`${name}: ${N.toLocaleString('en-US')} ended jobs, ${BATCH} per transaction`);
  const raw = await open();
  const ceiling = await rawInsert(raw.store);
  await raw.done();
  report('raw insert of equally sized rows (ceiling)', { 'jobs/s': Math.round(ceiling) });

  const target = await open();
  const ledger = await prepare(target.store);
  const sync = createJobSync({ ledger, source, clusters: ['bench'], pricer: engine.price, batchSize: BATCH });
  let charged = 0;
  const t = await measure(async () => {
    charged = (await sync.syncCluster('bench')).charged;
  });
  const rate = N / (t.wallMs / 1000);
  report('sync: price + charge, exactly once', {
    ...figures(t),
    'jobs/s': Math.round(rate),
    charged,
    'ratio to ceiling': rate / ceiling,
  });

  const resync = createJobSync({
    ledger,
    source,
    clusters: ['bench'],
    pricer: engine.price,
    batchSize: BATCH,
    lookbackSeconds: N * 2 + 3600,
  });
  let again = 0;
  const r = await measure(async () => {
    again = (await resync.syncCluster('bench')).charged;
  });
  const noop = N / (r.wallMs / 1000);
  report('re-sync of the same window (no-op)', {
    ...figures(r),
    'jobs/s': Math.round(noop),
    charged: again,
    'ratio to ceiling': noop / ceiling,
  });
  await target.done();
}

/** Runs the benchmark on SQLite, then PostgreSQL. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hpckit-bench-'));
  let n = 0;
  await benchStore('SQLite (WAL, synchronous=FULL)', async () => {
    const path = join(dir, `ledger-${n++}.db`);
    return { store: await createSqliteStore({ path }), done: async () => {} };
  });
  rmSync(dir, { recursive: true, force: true });

  const probe = new pg.Client({ connectionString: PG_URL });
  try {
    await probe.connect();
  } catch {
    section('PostgreSQL: skipped, no server at HPCKIT_PG_URL (start one with scripts/postgres/up.sh)');
    return;
  }
  const schemas: string[] = [];
  await benchStore('PostgreSQL 15 (scripts/postgres/up.sh)', async () => {
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    schemas.push(schema);
    const store = await createPostgresStore({ connectionString: PG_URL, schema });
    return { store, done: () => store.close() };
  });
  for (const schema of schemas) await probe.query(`DROP SCHEMA "${schema}" CASCADE`);
  await probe.end();
}
