import {
  type CallContext,
  type CancelResult,
  formatDuration,
  type RuleFacts,
  type TimeLimitChange,
  ValidationError,
  validationSubject,
} from '@hpckit/core';
import { formatSbatchTime } from '@hpckit/core/sbatch';
import { mockRules } from '../errors/mock-rules.js';
import { fail } from '../mock-errors.js';
import type { SimJob } from '../jobs/sim-job.js';
import { refuseSubmission } from '../policy/submission-refusal.js';
import { exceedsPartition, exceedsQos } from '../policy/time-limits.js';
import { actorOf, jobsNamed, type MockContext, requireOwner } from './mock-context.js';

/**
 * Cancels a job, or every live task of an array, as `scancel` does.
 *
 * @throws `NOT_FOUND`, `PERMISSION_DENIED` (another user's job).
 */
export function cancelJob(ctx: MockContext, id: string, call: CallContext): CancelResult {
  const actor = actorOf(ctx, call);
  const output = { command: ['scancel', id] };
  const { jobs } = jobsNamed(ctx, id, {
    ...output,
    stderr: `scancel: error: Kill job error on job id ${id}: Invalid job id specified`,
  });
  const denied = {
    ...output,
    stderr: `scancel: error: Kill job error on job id ${id}: Access/permission denied`,
    exitCode: 210,
  };
  for (const job of jobs) requireOwner(ctx, actor, job, `cancel job ${id}`, denied);
  const alive = jobs.filter((job) => job.phase !== 'ended');
  if (alive.length === 0) return { status: 'already_ended' };
  const uid = ctx.directory.uidOf(actor);
  for (const job of alive) ctx.sim.cancel(job, uid);
  return { status: 'cancelled' };
}

/**
 * Holds (or releases) a pending job, or every pending task of an array, as `scontrol hold` does.
 *
 * @throws `NOT_FOUND`, `PERMISSION_DENIED`, `POLICY_VIOLATION` (`not_permitted`: nothing is pending).
 */
export function holdJob(ctx: MockContext, id: string, call: CallContext, action: 'hold' | 'release'): void {
  const actor = actorOf(ctx, call);
  const command = ['scontrol', action, id];
  const { jobs } = jobsNamed(ctx, id, { command, stderr: `Invalid job id specified for job ${id}` });
  for (const job of jobs)
    requireOwner(ctx, actor, job, `${action} job ${id}`, {
      command,
      stderr: `Access/permission denied for job ${id}`,
    });
  const pending = jobs.filter((job) => job.phase === 'pending');
  if (pending.length === 0) {
    const phase = jobs[0]!.phase === 'running' ? 'running' : 'ended';
    throw refuseSubmission('not_permitted', {
      nativeReason: 'ESLURM_JOB_NOT_PENDING',
      failure: 'Job is no longer pending execution',
      subject: id,
      command,
      stderr: `Job is no longer pending execution for job ${id}`,
      jobAction: action,
      jobState: phase,
    });
  }
  for (const job of pending) {
    if (action === 'hold') ctx.sim.hold(job);
    else ctx.sim.release(job);
  }
}

/**
 * Changes the time limit of a job (or of every live task of an array) with Slurm's rules for users:
 * lowering is always allowed; raising a running job is refused; raising a pending job is allowed
 * up to the partition's and the QoS's maxima. Admins may set anything. A running job already past
 * its new limit ends `timeout` at once.
 *
 * @throws `NOT_FOUND`, `PERMISSION_DENIED`, `POLICY_VIOLATION`, `VALIDATION` (a limit of zero or less).
 */
export function updateTimeLimit(
  ctx: MockContext,
  id: string,
  change: TimeLimitChange,
  call: CallContext,
): { timeLimitSeconds: number } {
  const actor = actorOf(ctx, call);
  const command = (seconds?: number) => [
    'scontrol',
    'update',
    `JobId=${id}`,
    `TimeLimit=${seconds === undefined ? '?' : formatSbatchTime(seconds)}`,
  ];
  const { jobs } = jobsNamed(ctx, id, {
    command: command(),
    stderr: `Invalid job id specified for job ${id}`,
  });
  const alive = jobs.filter((job) => job.phase !== 'ended');
  if (alive.length === 0) {
    throw refuseSubmission('not_permitted', {
      nativeReason: 'ESLURM_ALREADY_DONE',
      failure: 'Job has already finished',
      subject: id,
      command: command(),
      stderr: `Job has already finished for job ${id}`,
      jobAction: 'update_time_limit',
    });
  }
  const plan = alive.map((job) => ({ job, seconds: newLimit(job, change) }));
  for (const { job, seconds } of plan) {
    const output = { command: command(seconds), stderr: `Access/permission denied for job ${id}` };
    requireOwner(ctx, actor, job, `change the time limit of job ${id}`, output);
    const raising = job.timeLimitSeconds === undefined ? false : seconds > job.timeLimitSeconds;
    if (!raising || ctx.admins.has(actor)) continue;
    if (job.phase === 'running') {
      throw fail.permission({
        details: {
          action: `raise the time limit of running job ${id}`,
          user: actor,
          reason: 'raise_running_time_limit',
          job: id,
          exitCode: 1,
          ...output,
        },
      });
    }
    const policyOutput = {
      command: output.command,
      stderr: `Job violates accounting/QOS policy (job submit limit, user's size and/or time limits) for job ${id}`,
    };
    exceedsPartition(seconds, job.partition.def, policyOutput);
    exceedsQos(seconds, job.qos === undefined ? undefined : ctx.submission.qos.get(job.qos), policyOutput);
  }
  for (const { job, seconds } of plan) ctx.sim.setTimeLimit(job, seconds);
  return { timeLimitSeconds: plan[0]!.seconds };
}

function newLimit(job: SimJob, change: TimeLimitChange): number {
  if ('set' in change) return change.set;
  if (job.timeLimitSeconds === undefined) {
    throw invalidChange('no_time_limit_to_change', {
      value: job.id,
      item: `${change.delta < 0 ? '-' : '+'}${formatDuration(Math.abs(change.delta))}`,
    });
  }
  const seconds = job.timeLimitSeconds + change.delta;
  if (seconds <= 0) {
    throw invalidChange('time_limit_not_positive', {
      value: job.id,
      item: formatDuration(job.timeLimitSeconds),
    });
  }
  return seconds;
}

function invalidChange(
  rule: 'no_time_limit_to_change' | 'time_limit_not_positive',
  facts: RuleFacts,
): ValidationError {
  return new ValidationError({
    details: {
      ...validationSubject('time_limit_change'),
      issues: [mockRules.validationIssue(['delta'], rule, facts)],
    },
  });
}
