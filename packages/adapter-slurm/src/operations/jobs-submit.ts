import { randomUUID } from 'node:crypto';
import {
  type CallContext,
  delay,
  type ErrorCode,
  type ErrorDetailsByCode,
  type HpckitError,
  isHpckitError,
  type Job,
  type JobSpec,
  type PolicyReason,
  type RenderedSubmission,
  type SubmitContext,
  type SubmitResult,
} from '@hpckit/core';
import { compileSubmission, SBATCH_INPUT_VARIABLES } from '@hpckit/core/sbatch';
import { mapCommandError, policyError } from '../errors/map-error.js';
import { fail } from '../errors/slurm-errors.js';
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
 * answer of sbatch is lost (connection dropped, timeout, controller not answering, output that
 * does not parse) the job is looked up by its token before the error is reported, so a retry
 * never creates a duplicate.
 *
 * After sbatch printed the id, the job is read back; if that read still fails after retries, the
 * error names the submitted job (`details.jobId`) and is not retryable, because submitting again
 * without the same key would create a second job.
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
      // #PBS and #BSUB lines would otherwise be translated into options before the command line
      // is read (only the environment variable is read early enough), beyond the model hpckit
      // validated. The mock ignores them likewise.
      env: { SLURM_TIME_FORMAT: '%s', SBATCH_IGNORE_PBS: '1' },
      // sbatch reads SBATCH_* variables after the script, and a user's login files (su -, SSH
      // logins) could set them to change what the validated job asks for.
      unsetEnv: SBATCH_INPUT_VARIABLES,
      user: ctx.user,
      signal: ctx.signal,
    });
    if (result.exitCode !== 0) throw await refineRefusal(deps, spec, ctx, rendered.command, result);
    id = parseSubmitOutput(result.stdout, rendered.command);
  } catch (err) {
    if (!isHpckitError(err) || !ANSWER_LOST.has(err.code)) throw err;
    // The answer was lost, not necessarily the submission: find it by its token. A controller
    // that timed out may still have queued the job ("Socket timed out on send/recv operation").
    const found = await recoverByToken(deps, key, ctx);
    if (found) return { ...rendered, job: withUserComment(found.job) };
    throw err;
  }
  return { ...rendered, job: withUserComment(await readBack(ops, id, ctx)) };
}

// Failures after which sbatch may have created the job without anyone hearing its answer. PARSE
// comes only from sbatch's output after it exited 0: the job most likely exists.
const ANSWER_LOST: ReadonlySet<ErrorCode> = new Set([
  'TRANSPORT',
  'TIMEOUT',
  'SCHEDULER_UNAVAILABLE',
  'PARSE',
]);

// Recovery reads (token lookup, read-back) run up to 3 times, waiting 0.5 s then 1 s: the
// transport reconnects on the next call, and a restarted sshd or busy controller needs a moment.
const RECOVERY_ATTEMPTS = 3;
const RECOVERY_DELAY_MS = 500;

async function withRecoveryRetries<T>(ctx: CallContext, read: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await read();
    } catch (err) {
      if (!isHpckitError(err) || !err.retryable || attempt + 1 >= RECOVERY_ATTEMPTS) throw err;
      await delay(RECOVERY_DELAY_MS * 2 ** attempt, ctx.signal);
    }
  }
}

/** The job sbatch just created; a read that keeps failing is reported with the job's id. */
async function readBack(ops: OperationContext, id: string, ctx: CallContext): Promise<Job> {
  try {
    return await withRecoveryRetries(ctx, () => getJob(ops, id, ctx));
  } catch (err) {
    if (ctx.signal?.aborted && err === ctx.signal.reason) throw err;
    throw submittedButUnread(id, err);
  }
}

/**
 * The read-back failure, with its own code and details plus `jobId`: the submission succeeded,
 * so the caller must fetch the job rather than submit again.
 */
function submittedButUnread(id: string, err: unknown): HpckitError {
  const cause = isHpckitError(err) ? err : undefined;
  const code: ErrorCode = cause?.code ?? 'INTERNAL';
  const details = cause?.details ?? {
    operation: 'jobs.submit',
    nativeMessage: err instanceof Error ? err.message : String(err),
  };
  // jobId makes the catalogue put the submitted job first, so that nobody submits it again.
  return fail.error(code, {
    details: { ...details, jobId: id } as ErrorDetailsByCode[typeof code],
    cause: err,
    retryable: false,
  });
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

/** The job with this token, or undefined when it is not there or cannot be read. */
async function recoverByToken(
  deps: SubmitDeps,
  key: string,
  ctx: CallContext,
): Promise<FoundJob | undefined> {
  try {
    return await withRecoveryRetries(ctx, () => findByToken(deps, key, ctx));
  } catch (err) {
    // Still unreachable: the caller reports the submission's own (retryable) failure.
    if (isHpckitError(err) && err.retryable) return undefined;
    throw err;
  }
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
  const err = mapCommandError({
    command,
    stderr: result.stderr,
    exitCode: result.exitCode,
    user: ctx.user,
  });
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
      account,
    );
  } catch {
    // The refusal itself is the answer; failing to refine it must not hide it.
    return err;
  }
}
