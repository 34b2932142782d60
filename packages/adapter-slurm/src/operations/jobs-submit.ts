import { randomUUID } from 'node:crypto';
import {
  type CallContext,
  delay,
  type HpckitError,
  isHpckitError,
  type JobSpec,
  type PolicyReason,
  type RenderedSubmission,
  type SubmitContext,
  type SubmitResult,
} from '@hpckit/core';
import { compileSubmission } from '../compile/render-script.js';
import { mapCommandError, policyError } from '../errors/map-error.js';
import { parseSubmitOutput } from '../parse/submit-output.js';
import type { BlockMechanism } from './block-mechanism.js';
import type { OperationContext } from './context.js';
import { commentWithToken, tokenOf } from './idempotency-token.js';
import { type FoundJob, getJob, sacctJobs, squeueJobs, withUserComment } from './jobs-query.js';

/** What submit needs beyond the operation context. */
export interface SubmitDeps {
  ops: OperationContext;
  blocks: BlockMechanism;
}

/** The exact script and argv a submission would run, without running it. */
export async function renderJob(
  deps: SubmitDeps,
  spec: JobSpec,
  ctx: CallContext,
  key?: string,
): Promise<RenderedSubmission> {
  const { ops } = deps;
  const home = await ops.homeOf(ctx.user, ctx.signal);
  const dir = spec.workingDirectory ?? '.';
  // Relative working directories are relative to the user's home, whatever the portal's cwd.
  const workingDirectory = dir.startsWith('/')
    ? dir
    : dir === '.'
      ? home
      : `${home.replace(/\/$/, '')}/${dir}`;
  const comment = key === undefined ? spec.comment : commentWithToken(key, spec.comment);
  const compiled = compileSubmission(
    spec,
    { workingDirectory, comment },
    {
      sbatch: ops.runner.argv('sbatch', [])[0]!,
      clusterArgs: ops.runner.argv('sbatch', []).slice(1),
      shell: ops.settings.shell,
    },
  );
  return compiled;
}

/**
 * Submits a job. Every submission carries an idempotency token in its comment; with a caller's
 * key, an earlier job with the same key is returned instead of submitting again, and when the
 * answer of sbatch is lost (connection dropped, timeout) the job is looked up by its token before
 * the error is reported, so a retry never creates a duplicate.
 */
export async function submitJob(deps: SubmitDeps, spec: JobSpec, ctx: SubmitContext): Promise<SubmitResult> {
  const { ops } = deps;
  const key = ctx.idempotencyKey ?? randomUUID();
  const rendered = await renderJob(deps, spec, ctx, key);
  if (ctx.idempotencyKey !== undefined) {
    const earlier = await findByToken(deps, key, ctx);
    if (earlier) return { ...rendered, job: withUserComment(earlier.job) };
  }
  let id: string;
  try {
    const [program, ...args] = rendered.command;
    const result = await ops.runner.transport.exec({
      argv: [program!, ...args],
      stdin: rendered.script,
      env: { SLURM_TIME_FORMAT: '%s' },
      user: ctx.user,
      signal: ctx.signal,
    });
    if (result.exitCode !== 0) throw await refineRefusal(deps, spec, ctx, rendered.command, result);
    id = parseSubmitOutput(result.stdout, rendered.command);
  } catch (err) {
    if (!isHpckitError(err) || (err.code !== 'TRANSPORT' && err.code !== 'TIMEOUT')) throw err;
    // The answer was lost, not necessarily the submission: find it by its token.
    const found = await recoverByToken(deps, key, ctx);
    if (found) return { ...rendered, job: withUserComment(found.job) };
    throw err;
  }
  const job = await getJob(ops, id, ctx);
  return { ...rendered, job: withUserComment(job) };
}

async function findByToken(deps: SubmitDeps, key: string, ctx: CallContext): Promise<FoundJob | undefined> {
  const user = await deps.ops.loginOf(ctx.user, ctx.signal);
  const live = await squeueJobs(deps.ops, { users: [user] }, ctx);
  const hit = live.find((f) => tokenOf(f.rawComment) === key);
  if (hit) return hit;
  // Keys guard against lost answers and quick retries, so a day of accounting is enough.
  const since = new Date(Date.now() - TOKEN_LOOKUP_WINDOW_MS);
  const history = await sacctJobs(deps.ops, { users: [user], since }, ctx);
  return history.find((f) => tokenOf(f.rawComment) === key);
}

async function recoverByToken(
  deps: SubmitDeps,
  key: string,
  ctx: CallContext,
): Promise<FoundJob | undefined> {
  // The transport reconnects on the next call; give a restarted sshd a moment.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await findByToken(deps, key, ctx);
    } catch (err) {
      if (!isHpckitError(err) || !err.retryable) throw err;
      await delay(500 * 2 ** attempt, ctx.signal);
    }
  }
  return undefined;
}

const TOKEN_LOOKUP_WINDOW_MS = 86_400_000;

const LIMIT_CODES = new Set([
  'AssocGrpSubmitJobsLimit',
  'AssocMaxSubmitJobLimit',
  'AssocGrpJobsLimit',
  'AssocMaxJobsLimit',
]);

/**
 * Maps sbatch's refusal; an association submit limit is refined by the block mechanism into
 * `account_blocked` or `user_blocked` when that is what the limit is.
 */
async function refineRefusal(
  deps: SubmitDeps,
  spec: JobSpec,
  ctx: CallContext,
  command: string[],
  result: { stderr: string; exitCode: number },
): Promise<HpckitError> {
  const err = mapCommandError({ command, stderr: result.stderr, exitCode: result.exitCode });
  if (
    !isHpckitError(err, 'POLICY_VIOLATION') ||
    !err.details.nativeReason ||
    !LIMIT_CODES.has(err.details.nativeReason)
  ) {
    return err;
  }
  try {
    const user = await deps.ops.loginOf(ctx.user, ctx.signal);
    const account = spec.account ?? (await deps.blocks.defaultAccount(user, ctx.signal));
    if (!account) return err;
    let reason: PolicyReason | undefined;
    if ((await deps.blocks.accountStatus(account, ctx.signal)).blocked) reason = 'account_blocked';
    else if ((await deps.blocks.userStatus({ user, account }, ctx.signal)).blocked) reason = 'user_blocked';
    if (!reason) return err;
    return policyError(
      reason,
      err.details.nativeReason,
      { command, stderr: result.stderr, exitCode: result.exitCode },
      undefined,
      account,
    );
  } catch {
    // The refusal itself is the answer; failing to refine it must not hide it.
    return err;
  }
}
