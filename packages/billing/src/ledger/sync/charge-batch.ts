import { randomUUID } from 'node:crypto';
import { type Job, ValidationError } from '@hpckit/core';
import { BillingDecimal } from '../../money/decimal.js';
import { billingRules } from '../../errors/billing-rules.js';
import { checkScale } from '../../stores/amount-codec.js';
import { jobKeyString, type LedgerTx } from '../../stores/ledger-store.js';
import type { AccountRecord, ChargeRecord, SyncedJob, SyncedJobStatus } from '../../stores/records.js';
import { applyToMember, debit } from '../charge-operations.js';
import type { EventSink } from '../ledger-context.js';
import type { JobChargeEvent } from '../ledger-events.js';
import { type Classification, classifyJob, type Pricer, type SettledCheck } from './classify-job.js';

/** What one batch did. */
export interface BatchStats {
  /** Jobs in the batch. */
  seen: number;
  /** Jobs charged by this batch. */
  charged: number;
  /** Jobs recorded with a zero charge. */
  free: number;
  /** Jobs kept for a retry (unpriced, unsettled, unknown account). */
  waiting: number;
  /** Jobs that ended before the cut-over: recorded, never charged. */
  beforeCutover: number;
  /** Jobs already charged or recorded (a re-read window, or another process won the race). */
  skipped: number;
  /** Sum charged by this batch. */
  amount: string;
}

/** What {@link chargeBatch} needs besides the transaction. */
export interface BatchContext {
  cluster: string;
  currency: string;
  timeZone: string;
  now: Date;
  pricer: Pricer;
  settled: SettledCheck;
  /** Jobs that ended before this instant are recorded and never charged. */
  cutover?: Date;
}

const DONE: ReadonlySet<SyncedJobStatus> = new Set(['charged', 'free', 'before_cutover']);

/**
 * Charges a batch of ended jobs of one cluster in the caller's transaction. Each job is claimed
 * through its unique `(cluster, job id, submit time)` record first — inserted if new, or moved
 * from a waiting status by compare-and-set — and charged only by the transaction that claimed
 * it, so re-reading a window, retrying after a crash, or two processes syncing the same cluster
 * at once never charge a job twice.
 */
export async function chargeBatch(
  tx: LedgerTx,
  events: EventSink,
  ctx: BatchContext,
  jobs: readonly Job[],
): Promise<BatchStats> {
  const stats: BatchStats = {
    seen: jobs.length,
    charged: 0,
    free: 0,
    waiting: 0,
    beforeCutover: 0,
    skipped: 0,
    amount: '0.00',
  };
  const unique = new Map<string, Job>();
  for (const job of jobs)
    unique.set(jobKeyString({ cluster: ctx.cluster, jobId: job.id, submitTime: job.submitTime }), job);
  stats.skipped += jobs.length - unique.size;

  const existing = new Map(
    (await tx.getJobRecords(ctx.cluster, [...new Set(jobs.map((j) => j.id))])).map((r) => [
      jobKeyString(r),
      r,
    ]),
  );
  const names = [...new Set([...unique.values()].flatMap((j) => (j.account ? [j.account] : [])))];
  const accounts = new Map((await tx.listAccounts(names)).map((a) => [a.name, a]));

  const fresh: { record: SyncedJob; c: Classification; job: Job }[] = [];
  const retried: { record: SyncedJob; c: Classification; job: Job; was: SyncedJobStatus }[] = [];
  for (const [key, job] of unique) {
    const before = existing.get(key);
    if (before && DONE.has(before.status)) {
      stats.skipped++;
      continue;
    }
    const c = classifyJob(job, accounts, ctx.pricer, ctx.settled, ctx.cutover);
    const record = recordOf(ctx, job, c, before);
    if (before) retried.push({ record, c, job, was: before.status });
    else fresh.push({ record, c, job });
  }

  const inserted = await tx.insertJobRecords(fresh.map((f) => f.record));
  const won: { record: SyncedJob; c: Classification; job: Job }[] = [];
  for (const f of fresh) {
    if (inserted.has(jobKeyString(f.record))) won.push(f);
    else stats.skipped++;
  }
  for (const r of retried) {
    if (await tx.updateJobRecord(r.record, [r.was])) won.push(r);
    else stats.skipped++;
  }

  const charges: ChargeRecord[] = [];
  const waiting: { jobId: string; status: string; reason: string }[] = [];
  for (const { record, c, job } of won) {
    if (c.status === 'free') stats.free++;
    if (c.status === 'before_cutover') stats.beforeCutover++;
    else if (c.status !== 'charged' && c.status !== 'free' && 'reason' in c) {
      stats.waiting++;
      waiting.push({ jobId: job.id, status: c.status, reason: c.reason });
    }
    if (c.status !== 'charged') continue;
    const charge: ChargeRecord = {
      id: record.chargeId!,
      account: c.account.name,
      user: job.user,
      kind: 'job',
      type: 'job',
      amount: amountOf(c.priced.charge, ctx.currency, job),
      currency: ctx.currency,
      job: { cluster: ctx.cluster, jobId: job.id, submitTime: job.submitTime },
      time: job.endTime ?? ctx.now,
      comment: `cluster ${ctx.cluster}, job ${job.id}`,
      breakdown: c.priced.breakdown,
    };
    charges.push(charge);
  }
  await tx.insertCharges(charges);
  await applyToBalances(tx, events, ctx, charges);

  let total = new BillingDecimal(0);
  for (const c of charges) total = total.plus(c.amount);
  stats.charged = charges.length;
  stats.amount = checkScale(total, billingRules.subject('batch_total'));
  if (charges.length > 0) {
    events.emit('jobs:charged', { cluster: ctx.cluster, charges: charges.map(chargeEvent) });
  }
  if (waiting.length > 0) events.emit('jobs:waiting', { cluster: ctx.cluster, jobs: waiting });
  return stats;
}

function recordOf(ctx: BatchContext, job: Job, c: Classification, before: SyncedJob | undefined): SyncedJob {
  const record: SyncedJob = {
    cluster: ctx.cluster,
    jobId: job.id,
    submitTime: job.submitTime,
    status: c.status,
    user: job.user,
    job: JSON.stringify(job),
    attempts: (before?.attempts ?? 0) + 1,
    updatedAt: ctx.now,
  };
  if (job.account !== undefined) record.account = job.account;
  if (job.endTime !== undefined) record.endTime = job.endTime;
  if (c.status === 'charged') record.chargeId = randomUUID();
  else if ('reason' in c) record.reason = c.reason;
  return record;
}

function amountOf(charge: { amount: string; currency: string }, currency: string, job: Job): string {
  if (charge.currency !== currency) {
    throw new ValidationError({
      details: {
        ...billingRules.subject('job_charge'),
        issues: [
          billingRules.validationIssue(['charge', 'currency'], 'charge_currency', {
            item: job.id,
            value: charge.currency,
            text: currency,
          }),
        ],
      },
    });
  }
  return checkScale(
    new BillingDecimal(charge.amount),
    billingRules.subject('charge_of_job', { value: job.id }),
  );
}

/** Debits each account once per batch and adds each member's charges to their used amount. */
async function applyToBalances(tx: LedgerTx, events: EventSink, ctx: BatchContext, charges: ChargeRecord[]) {
  const byAccount = new Map<string, BillingDecimal>();
  const byMember = new Map<string, ChargeRecord[]>();
  for (const c of charges) {
    byAccount.set(c.account, (byAccount.get(c.account) ?? new BillingDecimal(0)).plus(c.amount));
    const key = `${c.account}\u0000${c.user}`;
    byMember.set(key, [...(byMember.get(key) ?? []), c]);
  }
  // A fixed lock order, so concurrent batches cannot deadlock on account rows.
  for (const name of [...byAccount.keys()].sort()) {
    const account = (await tx.getAccount(name)) as AccountRecord;
    await debit(tx, events, account, byAccount.get(name)!);
  }
  for (const key of [...byMember.keys()].sort()) {
    const list = byMember.get(key)!;
    const { account, user } = list[0]! as { account: string; user: string };
    const member = await tx.getMember(account, user);
    if (!member?.limit) continue;
    let next = member;
    for (const c of list) next = applyToMember(next, new BillingDecimal(c.amount), c.time, ctx.timeZone);
    await tx.updateMember(next);
    events.memberChanged(member, next);
  }
}

function chargeEvent(c: ChargeRecord): JobChargeEvent {
  return {
    chargeId: c.id,
    cluster: c.job!.cluster,
    jobId: c.job!.jobId,
    submitTime: c.job!.submitTime.toISOString(),
    account: c.account,
    user: c.user!,
    amount: c.amount,
  };
}
