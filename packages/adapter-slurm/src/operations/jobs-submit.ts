import { randomUUID } from 'node:crypto';
import {
  type CallContext,
  delay,
  type ErrorCode,
  type HpckitError,
  isHpckitError,
  type JobSpec,
  type PolicyError,
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
import { slurmPartitions } from './config.js';
import type { OperationContext } from './context.js';
import { commentWithToken, tokenOf } from './idempotency-token.js';
import { type FoundJob, sacctJobs, squeueJobs, withUserComment } from './jobs-query.js';
import { associations } from './sacctmgr-reads.js';
import { submittedJob } from './submitted-job.js';
import { type KeyAttempts, namesOf, type WantedToken } from './token-lookup.js';
import { createWorkingDirectories } from './working-directory.js';

/** What submit needs beyond the operation context. */
export interface SubmitDeps {
  ops: OperationContext;
  blocks: BlockMechanism;
  /** When each key first went to sbatch here: a retry's lookup reads accounting from then on. */
  attempts: KeyAttempts;
}

/** The exact script and argv a submission would run, without running it. */
export async function renderJob(
  deps: SubmitDeps,
  spec: JobSpec,
  ctx: CallContext,
  key?: string,
): Promise<RenderedSubmission> {
  return (await prepare(deps, spec, ctx, key)).rendered;
}

/** The rendered submission and the absolute working directory it passes to sbatch. */
export async function prepare(
  deps: SubmitDeps,
  spec: JobSpec,
  ctx: CallContext,
  key?: string,
): Promise<{ rendered: RenderedSubmission; workingDirectory: string }> {
  const { ops } = deps;
  const home = await ops.homeOf(ctx.user, ctx.signal);
  const dir = spec.workingDirectory ?? '.';
  // Relative working directories are relative to the user's home, whatever the portal's cwd.
  const workingDirectory = dir.startsWith('/')
    ? dir
    : dir === '.'
      ? home
      : `${home.replace(/\/$/, '')}/${dir}`;
  const comment =
    key === undefined
      ? spec.comment
      : commentWithToken(key, spec.comment, { stdout: spec.stdout, stderr: spec.stderr });
  const rendered = compileSubmission(
    spec,
    { workingDirectory, comment },
    {
      sbatch: ops.runner.argv('sbatch', [])[0]!,
      clusterArgs: ops.runner.argv('sbatch', []).slice(1),
      shell: ops.settings.shell,
    },
  );
  return { rendered, workingDirectory };
}

/**
 * Submits a job. Every submission carries an idempotency token in its comment. A key that may
 * already have a job (a caller's key, a retry: `freshKey` not set) is looked up first and that
 * job returned instead of submitting again. When the answer of sbatch is lost (connection
 * dropped, timeout, controller not answering, output that does not parse) the job is looked up
 * by its token before the error is reported, so a retry never creates a duplicate.
 *
 * Otherwise a submission is one command, sbatch: the job is not read back but described from
 * sbatch's answer and the spec (see {@link submittedJob}).
 */
export async function submitJob(deps: SubmitDeps, spec: JobSpec, ctx: SubmitContext): Promise<SubmitResult> {
  const { ops } = deps;
  // A key made here has never been sent: like a caller's fresh key, it needs no lookup.
  const fresh = ctx.idempotencyKey === undefined || ctx.freshKey === true;
  const key = ctx.idempotencyKey ?? randomUUID();
  const { rendered, workingDirectory } = await prepare(deps, spec, ctx, key);
  const wanted = { key, name: spec.name };
  if (!fresh) {
    const earlier = await findByToken(deps, wanted, ctx);
    if (earlier) return { ...rendered, job: withUserComment(earlier.job) };
  }
  if (spec.createWorkingDirectory) await createWorkingDirectories(ops, [workingDirectory], ctx);
  let id: string;
  deps.attempts.sent(key);
  try {
    const result = await ops.runner.transport.exec({
      ...SBATCH_ENVIRONMENT,
      argv: rendered.command,
      stdin: rendered.script,
      user: ctx.user,
      signal: ctx.signal,
    });
    if (result.exitCode !== 0) throw await refineRefusal(deps, spec, ctx, rendered.command, result);
    id = parseSubmitOutput(result.stdout, rendered.command);
  } catch (err) {
    if (!isHpckitError(err) || !ANSWER_LOST.has(err.code)) throw err;
    // The answer was lost, not necessarily the submission: find it by its token. A controller
    // that timed out may still have queued the job ("Socket timed out on send/recv operation").
    const found = await recoverByToken(deps, wanted, ctx);
    if (found) return { ...rendered, job: withUserComment(found.job) };
    throw err;
  }
  return { ...rendered, job: await answeredJob(deps, spec, ctx, { id, workingDirectory, at: new Date() }) };
}

/** The environment every sbatch runs with, alone or in a batch. */
export const SBATCH_ENVIRONMENT = {
  // #PBS and #BSUB lines would otherwise be translated into options before the command line
  // is read (only the environment variable is read early enough), beyond the model hpckit
  // validated. The mock ignores them likewise.
  env: { SLURM_TIME_FORMAT: '%s', SBATCH_IGNORE_PBS: '1' },
  // sbatch reads SBATCH_* variables after the script, and a user's login files (su -, SSH
  // logins) could set them to change what the validated job asks for.
  unsetEnv: SBATCH_INPUT_VARIABLES,
} as const;

/** The job sbatch answered `id` for, described from the spec without reading it back. */
export async function answeredJob(
  deps: SubmitDeps,
  spec: JobSpec,
  ctx: CallContext,
  answer: { id: string; workingDirectory: string; at: Date },
) {
  // Both are cached after the first call (`scontrol show config` once; a named user is its own login).
  const [cluster, user] = await Promise.all([
    deps.ops.clusterName(ctx.signal),
    deps.ops.loginOf(ctx.user, ctx.signal),
  ]);
  return submittedJob(spec, { ...answer, cluster, user });
}

// Failures after which sbatch may have created the job without anyone hearing its answer. PARSE
// comes only from sbatch's output after it exited 0: the job most likely exists.
export const ANSWER_LOST: ReadonlySet<ErrorCode> = new Set([
  'TRANSPORT',
  'TIMEOUT',
  'SCHEDULER_UNAVAILABLE',
  'PARSE',
]);

// Recovery reads (token lookups) run up to 3 times, waiting 0.5 s then 1 s: the
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

async function findByToken(
  deps: SubmitDeps,
  token: WantedToken,
  ctx: CallContext,
): Promise<FoundJob | undefined> {
  return (await findByTokens(deps, [token], ctx)).get(token.key);
}

/**
 * The user's jobs carrying any of these tokens, by token: one squeue, then (for tokens not
 * live) one sacct, however many tokens. Both read only jobs of the wanted names when every one
 * has a name, and sacct reads from the first attempt of these keys on when this adapter sent
 * them all (a day otherwise): a retry reads its own few jobs, not the user's whole history.
 */
export async function findByTokens(
  deps: SubmitDeps,
  tokens: readonly WantedToken[],
  ctx: CallContext,
): Promise<Map<string, FoundJob>> {
  const keys = tokens.map((t) => t.key);
  const wanted = new Set(keys);
  const names = namesOf(tokens);
  const found = new Map<string, FoundJob>();
  const collect = (jobs: readonly FoundJob[]) => {
    for (const job of jobs) {
      const token = tokenOf(job.rawComment);
      if (token !== undefined && wanted.has(token) && !found.has(token)) found.set(token, job);
    }
  };
  const user = await deps.ops.loginOf(ctx.user, ctx.signal);
  collect(await squeueJobs(deps.ops, { users: [user], names }, ctx));
  if (found.size === wanted.size) return found;
  const since = deps.attempts.since(keys);
  collect(await sacctJobs(deps.ops, { users: [user], names, since }, ctx));
  return found;
}

/** The job with this token, or undefined when it is not there or cannot be read. */
async function recoverByToken(
  deps: SubmitDeps,
  token: WantedToken,
  ctx: CallContext,
): Promise<FoundJob | undefined> {
  return (await recoverByTokens(deps, [token], ctx)).get(token.key);
}

/**
 * The jobs with these tokens, with the recovery retries; empty when they cannot be read (the
 * caller reports each submission's own, retryable, failure).
 */
export async function recoverByTokens(
  deps: SubmitDeps,
  tokens: readonly WantedToken[],
  ctx: CallContext,
): Promise<Map<string, FoundJob>> {
  try {
    return await withRecoveryRetries(ctx, () => findByTokens(deps, tokens, ctx));
  } catch (err) {
    // Still unreachable: the caller reports the submission's own (retryable) failure.
    if (isHpckitError(err) && err.retryable) return new Map();
    throw err;
  }
}

// The spec field each wrong-name refusal is about.
const NAMED_BY: Partial<Record<PolicyReason, 'partition' | 'qos' | 'account'>> = {
  invalid_partition: 'partition',
  invalid_qos: 'qos',
  invalid_account: 'account',
};

/**
 * A refusal of a wrong partition, QoS or account with the names that would have been accepted,
 * for the message to list: one read on this error path only (`scontrol show partition`, or the
 * user's associations), so a submission that succeeds costs nothing more.
 */
async function withValidNames(
  deps: SubmitDeps,
  spec: JobSpec,
  ctx: CallContext,
  err: PolicyError,
): Promise<HpckitError> {
  const field = NAMED_BY[err.details.reason]!;
  try {
    let allowed: string[];
    if (field === 'partition') {
      allowed = (await slurmPartitions(deps.ops, ctx)).map((p) => p.name);
    } else {
      const user = await deps.ops.loginOf(ctx.user, ctx.signal);
      const mine = (await associations(deps.ops, { users: [user] }, ctx.signal)).filter(
        (a) => a.user === user,
      );
      allowed =
        field === 'account'
          ? mine.map((a) => a.account)
          : mine
              .filter((a) => spec.account === undefined || a.account === spec.account)
              .flatMap((a) => a.qos);
    }
    return withAllowed(err, spec[field], allowed);
  } catch {
    // The refusal itself is the answer; failing to read the valid names must not hide it.
    return err;
  }
}

/** A wrong-name refusal naming the names that would have been accepted (sorted, once each). */
export function withAllowed(err: PolicyError, named: string | undefined, allowed: string[]): PolicyError {
  const subject = named ?? err.details.subject;
  const details = { ...err.details, allowed: [...new Set(allowed)].sort() };
  return fail.policy({
    details: subject === undefined ? details : { ...details, subject },
    cause: err.cause,
  });
}

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
export async function refineRefusal(
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
  if (isHpckitError(err, 'POLICY_VIOLATION') && Object.hasOwn(NAMED_BY, err.details.reason)) {
    return withValidNames(deps, spec, ctx, err);
  }
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
