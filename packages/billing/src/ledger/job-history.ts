import { JOB_OUTCOMES, type Job, JobIdSchema, NameSchema, parseInput } from '@hpckit/core';
import { z } from 'zod';
import { billingRules } from '../errors/billing-rules.js';
import { type SyncedJobPosition, syncedJobPosition } from '../stores/ledger-store.js';
import type { ChargeRecord, SyncedJob, SyncedJobStatus } from '../stores/records.js';
import type { Actor } from './actor.js';
import type { LedgerContext } from './ledger-context.js';
import { requireRole } from './roles.js';
import { storedJob } from './sync/job-sync.js';
import { visibleUsers } from './visible-users.js';
import { canonicalAmount } from '../stores/amount-codec.js';
import { netSum } from '../stores/entry-sums.js';

const DAY = 86_400_000;
const FINANCE = ['platform-admin', 'finance'] as const;
const MANAGERS = [...FINANCE, 'account-owner', 'account-admin'] as const;

/**
 * Where a job stands in pricing: `charged` (its charge is in the ledger), `free` (priced at zero),
 * or `pending` (not priced yet: never shown as free).
 */
export type JobPricing = 'charged' | 'free' | 'pending';

/** Why a job is `pending`: not synced yet, or the sync's reason for keeping it for a retry. */
export type PendingStatus = 'not_synced' | Exclude<SyncedJobStatus, 'charged' | 'free'>;

const PRICING_STATUSES: Record<JobPricing, SyncedJobStatus[]> = {
  charged: ['charged'],
  free: ['free'],
  pending: ['unpriced', 'unsettled', 'unknown_account'],
};

const CursorSchema = z.string().transform((text, ctx): SyncedJobPosition => {
  try {
    const [atMs, cluster, jobId, submitMs] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Number.isSafeInteger(atMs) &&
      typeof cluster === 'string' &&
      typeof jobId === 'string' &&
      Number.isSafeInteger(submitMs)
    ) {
      return { atMs, cluster, jobId, submitMs };
    }
  } catch {
    // Reported below, like any other malformed cursor.
  }
  ctx.addIssue(billingRules.issue('not_a_cursor'));
  return z.NEVER;
});

function encodeCursor(p: SyncedJobPosition): string {
  return Buffer.from(JSON.stringify([p.atMs, p.cluster, p.jobId, p.submitMs]), 'utf8').toString('base64url');
}

/**
 * Which jobs the history lists. Times apply to each job's end time, both ends inclusive, like
 * core's job queries. Paging is by cursor: pass the previous page's `nextCursor`.
 */
export const JobCostQuerySchema = z.strictObject({
  /** Whose jobs (default: the actor's own, unless they manage `account` or hold a finance role). */
  users: z.array(NameSchema).max(1000).optional(),
  account: NameSchema.optional(),
  clusters: z.array(NameSchema).max(100).optional(),
  /** @default 30 days before `to` */
  from: z.date().optional(),
  /** @default now */
  to: z.date().optional(),
  /** How the jobs ended (`state.outcome`). */
  outcomes: z.array(z.enum(JOB_OUTCOMES)).optional(),
  /** Where the jobs stand in pricing. */
  pricing: z.array(z.enum(['charged', 'free', 'pending'])).optional(),
  /** @default 50 */
  limit: z.number().int().positive().max(1000).default(50),
  /** The `nextCursor` of the previous page; absent for the first page. */
  cursor: CursorSchema.optional(),
});

/** A job-history query, as callers pass it. */
export type JobCostQueryInput = z.input<typeof JobCostQuerySchema>;

/** Which job's cost: its cluster (the client's key, as in `job.cluster`) and id, and its submit time when ids repeat. */
export const JobCostRefSchema = z.strictObject({
  cluster: NameSchema,
  jobId: JobIdSchema,
  /** Picks one job when the scheduler reused the id; absent: the newest job with that id. */
  submitTime: z.date().optional(),
});

/** A job reference for {@link LedgerJobHistoryOperations.jobCost}, as callers pass it. */
export type JobCostRefInput = z.input<typeof JobCostRefSchema>;

/** One job with what it cost. */
export interface JobCost {
  cluster: string;
  jobId: string;
  /** Absent only for a job the sync has not seen yet (`pendingStatus: 'not_synced'`). */
  submitTime?: Date;
  user?: string;
  account?: string;
  endTime?: Date;
  /** The ended job as the scheduler reported it when the sync read it. */
  job?: Job;
  pricing: JobPricing;
  /** Why the job is `pending`. */
  pendingStatus?: PendingStatus;
  /** The sync's explanation of `pendingStatus` (English, from the scheduler's or pricing's facts). */
  pendingReason?: string;
  /**
   * What the job costs: its charge less any reversal of it, a canonical decimal string; zero for a
   * free job (`'0.00'`); absent while `pending`.
   */
  cost?: string;
  /** Currency of `cost`. */
  currency?: string;
  /** The job charge, with its price `breakdown`. */
  charge?: ChargeRecord;
  /** The reversal of the charge, if it was reversed. */
  reversal?: ChargeRecord;
}

/** A page of the job history. */
export interface JobCostPage {
  items: JobCost[];
  /** Jobs matching the query, over all pages. */
  total: number;
  /**
   * Net amount charged for all matching jobs (not only this page), per currency, as decimal
   * strings: charges less reversals. Pending jobs add nothing until they are priced.
   */
  totals: Record<string, string>;
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
  /** The time range after defaults. */
  from: Date;
  to: Date;
}

/** The job history with costs, of a ledger acting for an actor (`ledger.as(actor)`). */
export interface LedgerJobHistoryOperations {
  /**
   * Ended jobs with what each cost, newest first (by end time), with totals per currency over
   * every match: the history page in one call. Reads the ledger's synced job records only, never
   * the scheduler: a job appears once the job-charge sync has read it, and stays `pending` until
   * priced. Account owners and admins see their account's jobs; others only their own; finance
   * and platform admins all.
   *
   * @throws `VALIDATION` (a malformed query or cursor), `PERMISSION_DENIED` (another user's jobs)
   */
  jobCosts(query?: JobCostQueryInput): Promise<JobCostPage>;
  /**
   * One job's cost and price breakdown. A job the sync has not read yet is `pending` with
   * `pendingStatus: 'not_synced'`, never free.
   *
   * @throws `VALIDATION`, `PERMISSION_DENIED` (a job of another user, in an account the actor does not manage)
   */
  jobCost(ref: JobCostRefInput): Promise<JobCost>;
}

/** A synced job and its charges as the history shows them. */
function jobCostOf(record: SyncedJob, charges: readonly ChargeRecord[]): JobCost {
  const out: JobCost = {
    cluster: record.cluster,
    jobId: record.jobId,
    submitTime: record.submitTime,
    user: record.user,
    job: storedJob(record),
    pricing: record.status === 'charged' || record.status === 'free' ? record.status : 'pending',
  };
  if (record.account !== undefined) out.account = record.account;
  if (record.endTime !== undefined) out.endTime = record.endTime;
  const charge = charges.find((c) => c.kind !== 'reversal');
  const reversal = charges.find((c) => c.kind === 'reversal');
  if (out.pricing === 'pending') {
    out.pendingStatus = record.status as PendingStatus;
    if (record.reason !== undefined) out.pendingReason = record.reason;
  } else if (out.pricing === 'free') {
    out.cost = canonicalAmount('0');
  } else if (charge) {
    out.charge = charge;
    out.currency = charge.currency;
    out.cost = netSum(charges);
    if (reversal) out.reversal = reversal;
  }
  return out;
}

/** Builds the job-history operations of a ledger acting for `actor` (already validated). */
export function createJobHistoryOperations(ctx: LedgerContext, actor: Actor): LedgerJobHistoryOperations {
  const privileged = actor.roles.length > 0;
  return {
    jobCosts(queryInput = {}) {
      const q = parseInput(JobCostQuerySchema, queryInput, billingRules.subject('job_cost_query'), ['query']);
      const to = q.to ?? ctx.now();
      const from = q.from ?? new Date(to.getTime() - 30 * DAY);
      return ctx.read(async (tx) => {
        const users = await visibleUsers(tx, actor, q.account, q.users, "view other users' jobs");
        // One job more than the page shows whether there is a next page.
        const page = await tx.querySyncedJobs({
          from,
          to: new Date(to.getTime() + 1),
          users,
          accounts: q.account === undefined ? undefined : [q.account],
          clusters: q.clusters,
          outcomes: q.outcomes,
          statuses: q.pricing?.flatMap((p) => PRICING_STATUSES[p]),
          limit: q.limit + 1,
          after: q.cursor,
        });
        const shown = page.items.slice(0, q.limit);
        const result: JobCostPage = {
          items: shown.map((i) => jobCostOf(i.record, i.charges)),
          total: page.total,
          totals: page.totals,
          from,
          to,
        };
        const last = shown.at(-1);
        if (last && page.items.length > q.limit)
          result.nextCursor = encodeCursor(syncedJobPosition(last.record));
        return result;
      });
    },
    jobCost(refInput) {
      const ref = parseInput(JobCostRefSchema, refInput, billingRules.subject('job_reference'), ['ref']);
      return ctx.read(async (tx) => {
        const page = await tx.querySyncedJobs({
          from: new Date(-8.64e15),
          to: new Date(8.64e15),
          clusters: [ref.cluster],
          jobId: ref.jobId,
          limit: 1000,
        });
        const found = page.items.find(
          (i) => ref.submitTime === undefined || i.record.submitTime.getTime() === ref.submitTime.getTime(),
        );
        if (!found) {
          return {
            cluster: ref.cluster,
            jobId: ref.jobId,
            ...(ref.submitTime && { submitTime: ref.submitTime }),
            pricing: 'pending',
            pendingStatus: 'not_synced',
            pendingReason: 'the job-charge sync has not read this job yet (it may still be running)',
          };
        }
        const { record } = found;
        if (!privileged && record.user !== actor.user) {
          const membership =
            record.account === undefined ? undefined : await tx.getMember(record.account, actor.user);
          requireRole(
            actor,
            MANAGERS,
            `view the cost of job ${record.jobId} of user "${record.user}"`,
            membership,
          );
        }
        return jobCostOf(record, found.charges);
      });
    },
  };
}
