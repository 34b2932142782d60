import type { CallContext, Job } from '@hpckit/core';
import type { MockCluster } from '../cluster/mock-cluster-schema.js';
import type { AccountDirectory } from '../directory/account-directory.js';
import type { FaultState } from '../faults/fault-injector.js';
import type { OutputWriter } from '../files/output-writer.js';
import type { JobBehavior } from '../jobs/job-behavior.js';
import type { JobStore } from '../jobs/job-store.js';
import { jobView } from '../jobs/job-view.js';
import { fail } from '../mock-errors.js';
import type { SimJob } from '../jobs/sim-job.js';
import type { SubmissionContext } from '../policy/resolve-submission.js';
import type { Simulator } from '../scheduler/simulator.js';

/** Everything the operations share: the cluster, its state, and the settings that shape answers. */
export interface MockContext {
  readonly cluster: MockCluster;
  readonly store: JobStore;
  readonly sim: Simulator;
  readonly directory: AccountDirectory;
  readonly submission: SubmissionContext;
  readonly faults: FaultState;
  readonly defaultUser: string;
  /** Users who may act on anyone's jobs and raise any time limit (Slurm's root / operators). */
  readonly admins: ReadonlySet<string>;
  readonly maxArraySize: number;
  readonly idPrefix: string;
  behavior(): JobBehavior;
  /** Each user's home directory. */
  homeOf(user: string): string;
  /** Writes working directories and output files, when the mock has `files`. */
  readonly output: OutputWriter;
}

/** The user a call acts for. */
export function actorOf(ctx: MockContext, call: CallContext): string {
  return call.user ?? ctx.defaultUser;
}

/** Whether an ended job can still be seen: in the live queue, or in accounting (unless it is off). */
export function isVisible(ctx: MockContext, job: SimJob): boolean {
  if (job.phase !== 'ended') return true;
  const now = ctx.sim.now;
  return now < job.liveUntil || (!ctx.faults.accountingOff && now >= job.accountedAt);
}

/** The core view of a job now. */
export function viewOf(ctx: MockContext, job: SimJob): Job {
  return jobView(job, ctx.sim.now, ctx.cluster.name);
}

/** The output of a command that named an unknown job id. */
export interface JobCommandOutput {
  command: string[];
  stderr: string;
  exitCode?: number;
}

/**
 * The visible jobs an id names: the job, or every visible task of an array.
 *
 * @throws `NOT_FOUND` if the id names nothing visible.
 */
export function jobsNamed(
  ctx: MockContext,
  id: string,
  output: JobCommandOutput,
): { jobs: SimJob[]; array: boolean } {
  const job = ctx.store.job(id);
  if (job && isVisible(ctx, job)) return { jobs: [job], array: false };
  const group = ctx.store.group(id);
  const tasks = group ? group.tasks.filter((t) => isVisible(ctx, t)) : [];
  if (tasks.length > 0) return { jobs: tasks, array: true };
  throw fail.notFound({ details: { kind: 'job', id, exitCode: 1, ...output } });
}

/**
 * Refuses to act on another user's job unless the actor is an admin.
 *
 * @throws `PERMISSION_DENIED`
 */
export function requireOwner(
  ctx: MockContext,
  actor: string,
  job: SimJob,
  action: string,
  output: JobCommandOutput,
): void {
  if (job.user === actor || ctx.admins.has(actor)) return;
  throw fail.permission({
    details: { action, user: actor, reason: 'not_owner', owner: job.user, exitCode: 1, ...output },
  });
}
