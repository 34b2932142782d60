import { type CallContext, type CancelResult, isHpckitError, type TimeLimitChange } from '@hpckit/core';
import { formatSbatchTime } from '@hpckit/core/sbatch';
import { errorSummary } from '../errors/map-error.js';
import { fail, SCHEDULER } from '../errors/slurm-errors.js';
import type { OperationContext } from './context.js';
import { getJob } from './jobs-query.js';

/**
 * Cancels a job. scancel exits 0 for unknown and finished jobs alike, so it runs with `-v` and its
 * messages tell the cases apart: an unknown id is NOT_FOUND, a finished job `already_ended`, and
 * another user's job PERMISSION_DENIED (scancel's exit 210).
 */
export async function cancelJob(ops: OperationContext, id: string, ctx: CallContext): Promise<CancelResult> {
  const result = await ops.runner.run({
    program: 'scancel',
    args: ['-v', id],
    user: ctx.user,
    signal: ctx.signal,
    subject: { kind: 'job', id },
  });
  if (/already completing or completed|Job has already finished/i.test(result.stderr))
    return { status: 'already_ended' };
  if (/Invalid job id specified/i.test(result.stderr)) {
    // Slurm forgets ended jobs after MinJobAge; accounting still knows them.
    try {
      const job = await getJob(ops, id, ctx);
      if (job.state.phase === 'ended') return { status: 'already_ended' };
    } catch (err) {
      if (!isHpckitError(err, 'NOT_FOUND')) throw err;
    }
    throw fail.notFound({
      details: {
        kind: 'job',
        id,
        command: ops.runner.argv('scancel', ['-v', id]),
        stderr: result.stderr,
        exitCode: result.exitCode,
        program: 'scancel',
        nativeMessage: errorSummary(result.stderr),
        scheduler: SCHEDULER,
      },
    });
  }
  return { status: 'cancelled' };
}

/** Holds (`scontrol hold`) or releases (`scontrol release`) a pending job. */
export async function holdOrRelease(
  ops: OperationContext,
  verb: 'hold' | 'release',
  id: string,
  ctx: CallContext,
): Promise<void> {
  await ops.runner.run({
    program: 'scontrol',
    args: [verb, id],
    user: ctx.user,
    signal: ctx.signal,
    subject: { kind: 'job', id },
  });
}

/**
 * Sets or shifts a job's time limit with `scontrol update`, then reads it back. Slurm's rules
 * apply: users may lower a limit, and raise it only while the job is pending.
 */
export async function updateTimeLimit(
  ops: OperationContext,
  id: string,
  change: TimeLimitChange,
  ctx: CallContext,
): Promise<{ timeLimitSeconds: number }> {
  let value: string;
  if ('set' in change) value = formatSbatchTime(change.set);
  else {
    // Slurm counts in whole minutes; round away from zero so a change never vanishes.
    const minutes = Math.sign(change.delta) * Math.ceil(Math.abs(change.delta) / 60);
    value = minutes > 0 ? `+${minutes}` : `${minutes}`;
  }
  await ops.runner.run({
    program: 'scontrol',
    args: ['update', `JobId=${id}`, `TimeLimit=${value}`],
    user: ctx.user,
    signal: ctx.signal,
    subject: { kind: 'job', id },
  });
  const job = await getJob(ops, id, ctx);
  return { timeLimitSeconds: job.timeLimitSeconds ?? 0 };
}
