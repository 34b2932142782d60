import { type HpckitClient, type Job, NameSchema, parseInput, ruleError } from '@hpckit/core';
import { z } from 'zod';
import { BillingDecimal } from '../../money/decimal.js';
import { canonicalAmount } from '../../stores/amount-codec.js';
import type { SyncedJob, SyncedJobStatus } from '../../stores/records.js';
import type { Ledger } from '../create-ledger.js';
import { publishedBatch } from './batch-diagnostics.js';
import { type BatchStats, chargeBatch } from './charge-batch.js';
import { defaultSettledCheck, type Pricer, type SettledCheck } from './classify-job.js';
import { clientJobSource, type EndedJobSource } from './job-source.js';
import { billingRules } from '../../errors/billing-rules.js';

/** Options of {@link createJobSync}. */
export interface JobSyncOptions {
  ledger: Ledger;
  /** Where ended jobs come from: an hpckit client, or any {@link EndedJobSource}. */
  source: EndedJobSource | Pick<HpckitClient, 'jobs'>;
  /** Clusters to sync, by the names the source knows them by. */
  clusters: string[];
  /** Prices an ended job: `engine.price` of a pricing engine, or any function of that shape. */
  pricer: Pricer;
  /** Jobs per transaction. @default 1000 */
  batchSize?: number;
  /**
   * How far behind its cursor each run re-reads, in seconds: must exceed the scheduler's
   * accounting lag, so a row that reached accounting late is still seen. Re-reading is free
   * (already charged jobs are skipped). @default 900
   */
  lookbackSeconds?: number;
  /** Earliest job end time to ingest on a cluster's first run. @default 1970-01-01T00:00:00Z */
  startAt?: Date;
  /**
   * The cut-over instant of a site adopting the ledger: jobs that ended before it are recorded
   * (status `before_cutover`, for history) and never charged, since the platform the ledger
   * replaces billed them. @default undefined (every job is charged)
   */
  cutover?: Date;
  /** Whether an accounting row is final. @default partition and end time present */
  isSettled?: SettledCheck;
  /** Waiting jobs retried per cluster and run. @default 1000 */
  retryLimit?: number;
}

const OptionsSchema = z.strictObject({
  ledger: z.custom<Ledger>((v) => typeof v === 'object' && v !== null && 'context' in v, {
    error: billingRules.error('ledger_from_create'),
  }),
  source: z.custom<EndedJobSource | Pick<HpckitClient, 'jobs'>>((v) => typeof v === 'object' && v !== null, {
    error: billingRules.error('client_or_job_source'),
  }),
  clusters: z.array(NameSchema).min(1, { error: ruleError('at_least_one_cluster') }),
  pricer: z.custom<Pricer>((v) => typeof v === 'function', { error: billingRules.error('not_a_pricer') }),
  batchSize: z.number().int().positive().max(50_000).default(1000),
  lookbackSeconds: z.number().int().nonnegative().default(900),
  startAt: z.date().default(new Date(0)),
  cutover: z.date().optional(),
  isSettled: z
    .custom<SettledCheck>((v) => typeof v === 'function', {
      error: billingRules.error('not_a_function'),
    })
    .optional(),
  retryLimit: z.number().int().positive().default(1000),
});

/** What one sync run did on one cluster. */
export interface ClusterSyncReport extends BatchStats {
  cluster: string;
  /** The window read. */
  from: Date;
  to: Date;
  /** Batches (transactions) committed. */
  batches: number;
}

/** Ingests ended jobs into the ledger and charges them, exactly once. */
export interface JobSync {
  /** Syncs every configured cluster once, one after another. */
  run(): Promise<ClusterSyncReport[]>;
  /** Syncs one cluster: its window since the cursor, then its waiting jobs. */
  syncCluster(cluster: string): Promise<ClusterSyncReport>;
  /** Runs now and then every `intervalMs` (never overlapping); returns a function that stops it. */
  start(intervalMs: number, onError?: (err: unknown) => void): () => void;
}

const WAITING: SyncedJobStatus[] = ['unpriced', 'unknown_account', 'unsettled'];

/**
 * Creates the job-charge sync. Each run reads, per cluster, the ended jobs whose end time lies
 * between the cluster's durable cursor (minus a look-back) and now, prices each with the pricing
 * engine, and charges the job's own account and the member's used amount, one transaction per
 * batch. Jobs that cannot be charged yet are kept and retried on every run — never skipped.
 *
 * @example
 * ```ts
 * const sync = createJobSync({ ledger, source: client, clusters: ['hpc'], pricer: engine.price });
 * const stop = sync.start(60_000);
 * ```
 * @throws `ValidationError` on malformed options.
 */
export function createJobSync(options: JobSyncOptions): JobSync {
  const o = parseInput(OptionsSchema, options, billingRules.subject('job_sync_options'), ['options']);
  const ctx = o.ledger.context;
  const source: EndedJobSource = 'endedJobs' in o.source ? o.source : clientJobSource(o.source);
  const settled = o.isSettled ?? defaultSettledCheck;

  function batch(cluster: string, jobs: readonly Job[], cursor?: Date): Promise<BatchStats> {
    const about = { cluster, currency: ctx.currency, seen: jobs.length };
    return publishedBatch(about, () => committedBatch(cluster, jobs, cursor));
  }

  function committedBatch(cluster: string, jobs: readonly Job[], cursor?: Date): Promise<BatchStats> {
    return ctx.mutate(async (tx, events) => {
      const stats = await chargeBatch(
        tx,
        events,
        {
          cluster,
          currency: ctx.currency,
          timeZone: ctx.timeZone,
          now: ctx.now(),
          pricer: o.pricer,
          settled,
          ...(o.cutover ? { cutover: o.cutover } : {}),
        },
        jobs,
      );
      if (cursor) await tx.setCursor(cluster, cursor);
      return stats;
    });
  }

  async function syncCluster(clusterInput: string): Promise<ClusterSyncReport> {
    const cluster = parseInput(NameSchema, clusterInput, billingRules.subject('cluster_name'), ['cluster']);
    const cursor = await ctx.read((tx) => tx.getCursor(cluster));
    const to = ctx.now();
    const from = new Date(Math.max(o.startAt.getTime(), (cursor?.getTime() ?? 0) - o.lookbackSeconds * 1000));
    const report: ClusterSyncReport = {
      cluster,
      from,
      to,
      batches: 0,
      seen: 0,
      charged: 0,
      free: 0,
      waiting: 0,
      beforeCutover: 0,
      skipped: 0,
      amount: '0.00',
    };
    const add = (s: BatchStats) => {
      report.batches++;
      report.seen += s.seen;
      report.charged += s.charged;
      report.free += s.free;
      report.waiting += s.waiting;
      report.beforeCutover += s.beforeCutover;
      report.skipped += s.skipped;
      report.amount = sumAmounts(report.amount, s.amount);
    };
    for (let offset = 0; ; ) {
      const page = await source.endedJobs(cluster, { from, to }, { limit: o.batchSize, offset });
      offset += page.jobs.length;
      const last = page.jobs.length === 0 || offset >= page.total;
      // The cursor moves with the last batch only: a crash before it re-reads the whole window.
      add(await batch(cluster, page.jobs, last ? to : undefined));
      if (last) break;
    }
    await retryWaiting(cluster, to, add);
    return report;
  }

  async function retryWaiting(cluster: string, runStart: Date, add: (s: BatchStats) => void) {
    const listed = await ctx.read((tx) =>
      tx.listJobRecords({ statuses: WAITING, cluster, limit: o.retryLimit }),
    );
    // Jobs the window just classified wait for the next run; retrying them at once changes nothing.
    const records = listed.filter((r) => r.updatedAt.getTime() < runStart.getTime());
    if (records.length === 0) return;
    const unsettled = records.filter((r) => r.status === 'unsettled');
    const fresh = new Map<string, Job>();
    if (unsettled.length > 0) {
      for (const job of await source.jobsById(
        cluster,
        unsettled.map((r) => r.jobId),
      )) {
        fresh.set(`${job.id}\u0000${job.submitTime.getTime()}`, job);
      }
    }
    const jobs = records.map((r) => fresh.get(`${r.jobId}\u0000${r.submitTime.getTime()}`) ?? storedJob(r));
    for (let i = 0; i < jobs.length; i += o.batchSize)
      add(await batch(cluster, jobs.slice(i, i + o.batchSize)));
  }

  return {
    async run() {
      const reports: ClusterSyncReport[] = [];
      for (const cluster of o.clusters) reports.push(await syncCluster(cluster));
      return reports;
    },
    syncCluster,
    start(intervalMs, onError = () => {}) {
      let running = false;
      const tick = async () => {
        if (running) return;
        running = true;
        try {
          for (const cluster of o.clusters) await syncCluster(cluster);
        } catch (err) {
          onError(err);
        } finally {
          running = false;
        }
      };
      void tick();
      const timer = setInterval(() => void tick(), intervalMs);
      timer.unref?.();
      return () => clearInterval(timer);
    },
  };
}

/** A job as stored in its record, with its dates revived. */
export function storedJob(record: SyncedJob): Job {
  const job = JSON.parse(record.job);
  for (const field of ['submitTime', 'startTime', 'endTime'] as const) {
    if (job[field] !== undefined) job[field] = new Date(job[field]);
  }
  return job as Job;
}

function sumAmounts(a: string, b: string): string {
  return canonicalAmount(new BillingDecimal(a).plus(b));
}
