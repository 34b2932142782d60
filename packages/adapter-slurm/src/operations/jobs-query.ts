import {
  ALWAYS_LISTED_FIELDS,
  aggregateArrayJob,
  type CallContext,
  delay,
  type Job,
  type JobPage,
  type JobQuery,
  type ListedJob,
  matchesStateFilter,
  parseArraySpec,
} from '@hpckit/core';
import { fail } from '../errors/slurm-errors.js';
import { freshDelimiter } from '../parse/delimited.js';
import { parseSacct, SACCT_STATES, type SacctJob, sacctFormat } from '../parse/sacct.js';
import { parseSqueue, squeueFormat } from '../parse/squeue.js';
import type { OperationContext } from './context.js';
import { userComment } from './idempotency-token.js';
import { slurmStartTime } from './slurm-time.js';

const MAX_SQUEUE_IDS = 100;
const QUEUE_ID = /^\d+(_\d+)?$/;
const LIVE_PHASES = new Set(['queued', 'held', 'running', 'suspended', 'completing']);

/** A job as found, with the raw comment (for idempotency tokens). */
export interface FoundJob {
  job: Job;
  rawComment?: string;
}

/** Filters squeue and sacct can apply themselves; the rest is applied to the parsed jobs. */
interface ServerFilter {
  users?: string[];
  accounts?: string[];
  partitions?: string[];
  jobIds?: string[];
  /** Job names, exactly (`--name`; none with a comma: both commands split on commas). */
  names?: string[];
  /** Earliest time the sacct window must cover. */
  since: Date;
}

/** Live jobs from squeue (every state slurmctld still holds, array tasks expanded). */
export async function squeueJobs(
  ops: OperationContext,
  filter: Omit<ServerFilter, 'since'>,
  ctx: CallContext,
): Promise<FoundJob[]> {
  const d = freshDelimiter();
  const args = ['-h', '-r', '--states=all', '-O', squeueFormat(d)];
  if (filter.users?.length) args.push(`--user=${filter.users.join(',')}`);
  if (filter.accounts?.length) args.push(`--account=${filter.accounts.join(',')}`);
  if (filter.partitions?.length) args.push(`--partition=${filter.partitions.join(',')}`);
  if (filter.jobIds?.length) args.push(`--jobs=${filter.jobIds.join(',')}`);
  if (filter.names?.length) args.push(`--name=${filter.names.join(',')}`);
  const result = await ops.runner.run({
    program: 'squeue',
    args,
    user: ctx.user,
    signal: ctx.signal,
    idempotent: true,
    // squeue refuses unknown users, accounts or partitions, and a single `--jobs` id it does not
    // hold (exit 1, "slurm_load_jobs error: Invalid job id specified"; several ids of which none
    // is held exit 0 with no output): nothing matches them, and accounting is asked next.
    acceptsFailure: (r) => /Invalid (user|account|partition|job id)/i.test(r.stderr),
  });
  if (result.exitCode !== 0) return [];
  return parseSqueue(result.stdout, d, await ops.clusterName(ctx.signal));
}

/** Jobs from accounting (sacct), always within a bounded window and with every state listed. */
export async function sacctJobs(
  ops: OperationContext,
  filter: ServerFilter,
  ctx: CallContext,
): Promise<SacctJob[]> {
  const d = freshDelimiter();
  const args = [
    '-a',
    '-X',
    '-n',
    '-p',
    `--delimiter=${d}`,
    '-o',
    sacctFormat(),
    `--state=${SACCT_STATES}`,
    `--starttime=${slurmStartTime(filter.since)}`,
    '--endtime=now',
  ];
  if (filter.users?.length) args.push(`--user=${filter.users.join(',')}`);
  if (filter.accounts?.length) args.push(`--accounts=${filter.accounts.join(',')}`);
  if (filter.partitions?.length) args.push(`--partition=${filter.partitions.join(',')}`);
  if (filter.jobIds?.length) args.push(`--jobs=${filter.jobIds.join(',')}`);
  if (filter.names?.length) args.push(`--name=${filter.names.join(',')}`);
  const result = await ops.runner.run({
    program: 'sacct',
    args,
    user: ctx.user,
    signal: ctx.signal,
    idempotent: true,
  });
  return expandPendingArrays(parseSacct(result.stdout, d, await ops.clusterName(ctx.signal)));
}

/**
 * Jobs by id, from squeue for what slurmctld still holds and from sacct for the rest. Rows
 * accounting has not finished writing are read again until they settle or `settleTimeoutMs`
 * passes. Never lists every job in the queue: ids go to squeue as `--jobs`, at most
 * {@link MAX_SQUEUE_IDS} per call.
 */
async function jobsByIds(
  ops: OperationContext,
  ids: readonly string[],
  ctx: CallContext,
  base: Omit<ServerFilter, 'since' | 'jobIds'> = {},
): Promise<FoundJob[]> {
  const matches = matcher(ids);
  const since = new Date(Date.now() - ops.settings.idLookupWindowSeconds * 1000);
  // A few ids (a watcher's poll, one job's status): squeue first, one call that answers for every
  // job still queued or running. Many (a portal's status page over old jobs): accounting first,
  // one call that answers for all of them, and squeue only for those it does not show finished.
  let history: SacctJob[] | undefined;
  let queueAsked = ids;
  if (ids.length > MAX_SQUEUE_IDS) {
    history = await sacctJobs(ops, { ...base, jobIds: [...ids], since }, ctx);
    const final = finalIds(history, ids);
    queueAsked = ids.filter((id) => !final.has(id));
  }
  // squeue lists a job as `12` or `12_3`, so only ids of that shape can match a row; it rejects
  // the whole call for one it cannot parse ("Invalid job id: abc"), so the others are not sent.
  const queueIds = byArray(queueAsked.filter((id) => QUEUE_ID.test(id)));
  const live: FoundJob[] = [];
  for (let i = 0; i < queueIds.length; i += MAX_SQUEUE_IDS) {
    const batch = queueIds.slice(i, i + MAX_SQUEUE_IDS);
    const ofBatch = matcher(batch);
    live.push(
      ...(await squeueJobs(ops, { ...base, jobIds: batch }, ctx)).filter(
        (f) => ofBatch(f.job) && matches(f.job),
      ),
    );
  }
  const exact = new Set(live.map((f) => f.job.id));
  const arrays = new Set(live.flatMap((f) => (f.job.arrayJobId ? [f.job.arrayJobId] : [])));
  // An array's ended tasks leave squeue while others still wait: ask accounting for arrays too.
  const missing = queueAsked.filter((id) => !exact.has(id) || arrays.has(id));
  const settled = (history ?? []).filter((h) => h.settled && matches(h.job));
  if (missing.length > 0) {
    const deadline = Date.now() + ops.settings.settleTimeoutMs;
    const ofMissing = matcher(missing);
    // The rows already read for them count as the first read, when there were any.
    let unsettled = history?.filter((h) => ofMissing(h.job));
    if (!unsettled || unsettled.some((h) => !h.settled)) {
      unsettled = await sacctJobs(ops, { ...base, jobIds: missing, since }, ctx);
    }
    while (unsettled.some((h) => !h.settled) && Date.now() < deadline) {
      await delay(ops.settings.settleIntervalMs, ctx.signal);
      unsettled = await sacctJobs(ops, { ...base, jobIds: missing, since }, ctx);
    }
    const fresh = new Set(unsettled.map((h) => h.job.id));
    history = [...settled.filter((h) => !fresh.has(h.job.id)), ...unsettled];
  } else history = settled;
  if (history.length === 0) return live;
  return [...live, ...history.filter((h) => matches(h.job) && !exact.has(h.job.id))];
}

/**
 * The ids to ask squeue for: several tasks of one array are asked as the array (`12` for `12_0`
 * … `12_9999`), one id that squeue expands into every task (`-r`), so watching a 10,000-task
 * array is one squeue, not 100 batches; the caller keeps only the tasks it asked for. A task
 * asked alone stays a task.
 */
export function byArray(ids: readonly string[]): string[] {
  const tasksOf = new Map<string, number>();
  for (const id of ids) {
    const [array, task] = id.split('_');
    if (task !== undefined) tasksOf.set(array!, (tasksOf.get(array!) ?? 0) + 1);
  }
  const out = new Set<string>();
  for (const id of ids) {
    const array = id.split('_')[0]!;
    out.add((tasksOf.get(array) ?? 0) > 1 ? array : id);
  }
  return [...out];
}

/** Whether a job is one of `ids`, or a task of an array among them. */
export function matcher(ids: readonly string[]): (job: Job) => boolean {
  const wanted = new Set(ids);
  return (j) => wanted.has(j.id) || (j.arrayJobId !== undefined && wanted.has(j.arrayJobId));
}

/**
 * Outcomes Slurm may requeue a job from (a node failure, a launch that timed out on a loaded
 * node, preemption, a node that failed to boot): accounting's last row then says the job ended
 * while slurmctld has queued it again, so such a row is not final until squeue says so.
 */
const MAY_BE_REQUEUED = new Set(['node_fail', 'preempted', 'boot_fail']);

/**
 * Ids whose every accounting row is settled and ended in a way Slurm does not requeue from:
 * squeue has nothing fresher to say.
 */
export function finalIds(
  history: readonly { job: Job; settled: boolean }[],
  ids: readonly string[],
): Set<string> {
  const wanted = new Set(ids);
  const rows = new Map<string, { job: Job; settled: boolean }[]>();
  for (const h of history) {
    for (const key of [h.job.id, h.job.arrayJobId]) {
      if (key === undefined || !wanted.has(key)) continue;
      const list = rows.get(key);
      if (list) list.push(h);
      else rows.set(key, [h]);
    }
  }
  const final = new Set<string>();
  for (const [id, found] of rows) {
    const ended = (h: { job: Job; settled: boolean }) =>
      h.settled && h.job.state.phase === 'ended' && !MAY_BE_REQUEUED.has(h.job.state.outcome ?? '');
    if (found.every(ended)) final.add(id);
  }
  return final;
}

/** Whether a listing needs accounting: it asks for ended jobs, or for no state in particular. */
export function needsHistory(query: JobQuery): boolean {
  return !query.states || query.states.some((s) => !LIVE_PHASES.has(s));
}

/** Lists jobs for a validated query: squeue for live jobs, sacct for history, merged by id. */
export async function listJobs(
  ops: OperationContext,
  query: JobQuery,
  ctx: CallContext,
): Promise<JobPage<ListedJob>> {
  const base = { users: query.users, accounts: query.accounts, partitions: query.partitions };
  let found: FoundJob[];
  if (query.jobIds?.length) {
    found = await jobsByIds(ops, query.jobIds, ctx, base);
  } else {
    const live = await squeueJobs(ops, base, ctx);
    const history = needsHistory(query)
      ? await sacctJobs(ops, { ...base, since: windowStart(ops, query) }, ctx)
      : [];
    const byId = new Map<string, FoundJob>();
    for (const h of history) byId.set(h.job.id, h);
    // squeue is fresher for everything it still holds.
    for (const l of live) byId.set(l.job.id, l);
    found = [...byId.values()];
  }
  const jobs = found
    .map((f) => f.job)
    .filter((j) => keep(j, query))
    .sort(bySubmitThenId);
  const page = jobs.slice(query.offset, query.limit === undefined ? undefined : query.offset + query.limit);
  return { jobs: page.map((j) => project(j, query.fields)), total: jobs.length };
}

/** One job (an array id gives core's aggregate of its tasks). */
export async function getJob(ops: OperationContext, id: string, ctx: CallContext): Promise<Job> {
  const found = (await jobsByIds(ops, [id], ctx)).map((f) => f.job);
  const exact = found.find((j) => j.id === id && j.arrayTaskId === undefined);
  if (exact) return exact;
  const tasks = found.filter((j) => j.arrayJobId === id);
  if (tasks.length > 0) return aggregateArrayJob(id, tasks.sort(bySubmitThenId));
  const task = found.find((j) => j.id === id);
  if (task) return task;
  throw fail.notFound({
    details: {
      kind: 'job',
      id,
      reason: 'outside_lookup_window',
      lookupWindowDays: Math.round(ops.settings.idLookupWindowSeconds / 86_400),
    },
  });
}

/** Strips hpckit's idempotency token from a job's comment. */
export function withUserComment(job: Job): Job {
  return { ...job, comment: userComment(job.comment) };
}

/** Whether a job matches a query's filters (those a scheduler could not apply itself). */
export function keep(job: Job, q: JobQuery): boolean {
  if (q.users && !q.users.includes(job.user)) return false;
  if (q.accounts && (!job.account || !q.accounts.includes(job.account))) return false;
  if (q.partitions && (!job.partition || !q.partitions.includes(job.partition))) return false;
  if (q.name !== undefined && job.name !== q.name) return false;
  if (q.states && !matchesStateFilter(job.state, q.states)) return false;
  if (q.submitTime && !inRange(job.submitTime, q.submitTime)) return false;
  if (q.endTime && (!job.endTime || !inRange(job.endTime, q.endTime))) return false;
  return true;
}

function inRange(date: Date, range: { from?: Date; to?: Date }): boolean {
  return (!range.from || date >= range.from) && (!range.to || date <= range.to);
}

function windowStart(ops: OperationContext, q: JobQuery): Date {
  const from = [q.submitTime?.from, q.endTime?.from].filter((d): d is Date => d !== undefined);
  if (from.length > 0) return new Date(Math.min(...from.map((d) => d.getTime())));
  return new Date(Date.now() - ops.settings.historyWindowSeconds * 1000);
}

/** Listing order: submit time, then id (array tasks by index). */
export function bySubmitThenId(a: Job, b: Job): number {
  const t = a.submitTime.getTime() - b.submitTime.getTime();
  if (t !== 0) return t;
  const [an, at] = a.id.split('_').map(Number) as [number, number | undefined];
  const [bn, bt] = b.id.split('_').map(Number) as [number, number | undefined];
  return an - bn || (at ?? -1) - (bt ?? -1) || a.id.localeCompare(b.id);
}

/** A job as listed: hpckit's token stripped from its comment, projected onto `fields`. */
export function project(job: Job, fields: JobQuery['fields']): ListedJob {
  const clean = withUserComment(job);
  if (!fields) return clean;
  const keys = new Set<string>([...ALWAYS_LISTED_FIELDS, ...fields]);
  return Object.fromEntries(Object.entries(clean).filter(([k]) => keys.has(k))) as ListedJob;
}

// sacct prints a pending array once, as `12_[0-9%2]`; list its tasks like squeue does.
function expandPendingArrays(jobs: SacctJob[]): SacctJob[] {
  return jobs.flatMap((j) => {
    if (!j.pendingTasks) return [j];
    const spec = parseArraySpec(j.pendingTasks);
    if (typeof spec === 'string') return [j];
    return spec.indices.map((i) => ({ ...j, job: { ...j.job, id: `${j.job.id}_${i}`, arrayTaskId: i } }));
  });
}
