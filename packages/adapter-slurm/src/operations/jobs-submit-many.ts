import {
  type BatchSubmission,
  type BatchSubmitContext,
  type HpckitError,
  isHpckitError,
  type RenderedSubmission,
  type SubmitOutcome,
} from '@hpckit/core';
import { fail } from '../errors/slurm-errors.js';
import { parseSubmitOutput } from '../parse/submit-output.js';
import { type BatchAnswer, batchScript, parseBatchOutput } from './batch-script.js';
import { withUserComment } from './jobs-query.js';
import { createWorkingDirectories } from './working-directory.js';
import {
  ANSWER_LOST,
  answeredJob,
  findByTokens,
  prepare,
  recoverByTokens,
  refineRefusal,
  SBATCH_ENVIRONMENT,
  type SubmitDeps,
} from './jobs-submit.js';

/** One job of the batch on its way: what it runs, and its outcome once known. */
interface Pending {
  submission: BatchSubmission;
  rendered: RenderedSubmission;
  workingDirectory: string;
  outcome?: SubmitOutcome;
  /** The error of a job whose answer was lost, until its token is looked up. */
  lost?: HpckitError;
}

/**
 * Submits a batch: every sbatch, each with its own quoted argv and script, runs in a `sh` on
 * the submit host (a process locally, a channel over SSH; {@link BATCH_LANES} side by side),
 * `chunk` jobs per shell, and each answer comes back framed (see {@link batchScript}). Keys
 * that may already have a job are looked up first, all with one squeue (and one sacct); jobs
 * whose answer was lost (a dropped connection, a controller that timed out, output without an
 * id) are looked up by token, all at once, before they are reported failed, so nothing is
 * submitted twice.
 */
export async function submitJobs(
  deps: SubmitDeps,
  submissions: readonly BatchSubmission[],
  ctx: BatchSubmitContext,
  chunk: number,
): Promise<SubmitOutcome[]> {
  const pending: Pending[] = [];
  for (const submission of submissions) {
    const { rendered, workingDirectory } = await prepare(
      deps,
      submission.spec,
      ctx,
      submission.idempotencyKey,
    );
    pending.push({ submission, rendered, workingDirectory });
  }
  await findEarlier(deps, pending, ctx);
  await createDirectories(deps, pending, ctx);
  const todo = pending.filter((p) => p.outcome === undefined);
  // With stopOnError a job runs only once every job before it has succeeded: one lane.
  const lanes = ctx.stopOnError || todo.length < 2 * MIN_LANE ? 1 : BATCH_LANES;
  await Promise.all(
    Array.from({ length: lanes }, (_, lane) =>
      runLane(
        deps,
        todo.filter((_, i) => i % lanes === lane),
        ctx,
        chunk,
      ),
    ),
  );
  return pending.map((p) => p.outcome ?? { status: 'skipped' });
}

/**
 * Shells running at once for a batch. sbatch spends most of its time starting (loading Slurm's
 * plugins) and waiting for the controller, which serves several clients at a time: two shells
 * submit a sweep in about two thirds of the time of one on a 2-core machine. Jobs go to the lanes
 * in turn (0, 2, 4… and 1, 3, 5…), so their ids still follow the specs' order closely.
 */
const BATCH_LANES = 2;
/** Fewer jobs than this per lane are not worth a second shell. */
const MIN_LANE = 4;

/** Runs one lane's jobs, `chunk` per shell, one shell after another. */
async function runLane(deps: SubmitDeps, lane: Pending[], ctx: BatchSubmitContext, chunk: number) {
  for (let from = 0; from < lane.length; from += chunk) {
    const group = lane.slice(from, from + chunk);
    for (const p of group) deps.attempts.sent(p.submission.idempotencyKey);
    await runGroup(deps, group, ctx);
    await recoverLost(deps, group, ctx);
    if (ctx.stopOnError && group.some((p) => p.outcome?.status === 'failed')) return;
  }
}

/**
 * The working directories the batch asks to create, in one command before any sbatch; when it
 * fails, the jobs that needed them fail with its error and the others are still submitted.
 */
async function createDirectories(
  deps: SubmitDeps,
  pending: Pending[],
  ctx: BatchSubmitContext,
): Promise<void> {
  const needing = pending.filter((p) => p.outcome === undefined && p.submission.spec.createWorkingDirectory);
  try {
    await createWorkingDirectories(
      deps.ops,
      needing.map((p) => p.workingDirectory),
      ctx,
    );
  } catch (err) {
    if (!isHpckitError(err)) throw err;
    for (const p of needing) p.outcome = { status: 'failed', error: err };
  }
}

/** Jobs already created under keys that are not fresh: returned as read, not submitted again. */
async function findEarlier(deps: SubmitDeps, pending: Pending[], ctx: BatchSubmitContext): Promise<void> {
  const reused = pending.filter((p) => !p.submission.freshKey);
  if (reused.length === 0) return;
  const found = await findByTokens(deps, reused.map(wantedOf), ctx);
  for (const p of reused) {
    const earlier = found.get(p.submission.idempotencyKey);
    if (earlier)
      p.outcome = { status: 'submitted', result: { ...p.rendered, job: withUserComment(earlier.job) } };
  }
}

/** What a token lookup of this submission looks for. */
const wantedOf = (p: Pending) => ({ key: p.submission.idempotencyKey, name: p.submission.spec.name });

/** Runs one shell for the group and settles each job from its framed answer. */
async function runGroup(deps: SubmitDeps, group: Pending[], ctx: BatchSubmitContext): Promise<void> {
  const { script, boundary } = batchScript(
    group.map((p) => ({ argv: p.rendered.command, stdin: p.rendered.script })),
    ctx.stopOnError === true,
  );
  let answers: (BatchAnswer | undefined)[];
  try {
    const result = await deps.ops.runner.transport.exec({
      ...SBATCH_ENVIRONMENT,
      argv: ['sh', '-s'],
      stdin: script,
      user: ctx.user,
      signal: ctx.signal,
    });
    answers = parseBatchOutput(result.stdout, result.stderr, boundary, group.length);
  } catch (err) {
    if (!isHpckitError(err)) throw err;
    // No job's answer came back: those the shell reached may exist, the others do not.
    for (const p of group) {
      if (ANSWER_LOST.has(err.code)) p.lost = err;
      else p.outcome = { status: 'failed', error: err };
    }
    return;
  }
  let failedBefore = false;
  for (const [i, p] of group.entries()) {
    const answer = answers[i];
    if (answer === undefined) {
      // After a failure with stopOnError the shell stopped on purpose; otherwise it died here.
      if (!(ctx.stopOnError && failedBefore)) p.lost = noAnswer(p.rendered.command);
      continue;
    }
    await settle(deps, p, answer, ctx);
    failedBefore ||= p.outcome?.status === 'failed' || p.lost !== undefined;
  }
}

/** A job's outcome from its sbatch's answer, as a single submit would read it. */
async function settle(deps: SubmitDeps, p: Pending, answer: BatchAnswer, ctx: BatchSubmitContext) {
  const { command } = p.rendered;
  try {
    if (answer.exitCode !== 0) throw await refineRefusal(deps, p.submission.spec, ctx, command, answer);
    const id = parseSubmitOutput(answer.stdout, command);
    const job = await answeredJob(deps, p.submission.spec, ctx, {
      id,
      workingDirectory: p.workingDirectory,
      at: new Date(),
    });
    p.outcome = { status: 'submitted', result: { ...p.rendered, job } };
  } catch (err) {
    if (!isHpckitError(err)) throw err;
    if (ANSWER_LOST.has(err.code)) p.lost = err;
    else p.outcome = { status: 'failed', error: err };
  }
}

/** Looks every lost job of the group up by its token at once; one not found failed with its error. */
async function recoverLost(deps: SubmitDeps, group: Pending[], ctx: BatchSubmitContext): Promise<void> {
  const lost = group.filter((p) => p.lost !== undefined);
  if (lost.length === 0) return;
  const found = await recoverByTokens(deps, lost.map(wantedOf), ctx);
  for (const p of lost) {
    const job = found.get(p.submission.idempotencyKey);
    p.outcome = job
      ? { status: 'submitted', result: { ...p.rendered, job: withUserComment(job.job) } }
      : { status: 'failed', error: p.lost! };
  }
}

function noAnswer(command: string[]): HpckitError {
  return fail.parse({
    details: { raw: '', what: 'sbatch answer in a batch', command, reason: 'no_job_id', program: 'sbatch' },
  });
}
