import {
  aggregateArrayJob,
  type Job,
  type JobSpec,
  parseInput,
  type RenderedSubmission,
  type SubmitContext,
  type SubmitResult,
  ValidationError,
  validationSubject,
} from '@hpckit/core';
import { compileSubmission } from '@hpckit/core/sbatch';
import { parseBeginTime } from '../jobs/begin-time.js';
import { mockRules, shown } from '../errors/mock-rules.js';
import { defaultJobBehavior } from '../jobs/default-job-behavior.js';
import { JobBehaviorResultSchema, type ResolvedBehavior, resolveBehavior } from '../jobs/job-behavior.js';
import { outputPathsOf, outputPatternsOf, workingDirectoryOf } from '../jobs/job-paths.js';
import { jobView } from '../jobs/job-view.js';
import { createArrayGroup, createSimJob, type DependencyTerm, type SimJob } from '../jobs/sim-job.js';
import { fail } from '../mock-errors.js';
import { type ResolvedSubmission, resolveSubmission } from '../policy/resolve-submission.js';
import { refuseSubmission, SBATCH_COMMAND } from '../policy/submission-refusal.js';
import { actorOf, type MockContext, viewOf } from './mock-context.js';

/**
 * The script and command a submission of `spec` by the caller would run: what the Slurm adapter
 * compiles (one dialect), with the spec's comment where Slurm's token would precede it.
 */
export function renderJob(ctx: MockContext, spec: JobSpec, call: SubmitContext): RenderedSubmission {
  const workingDirectory = workingDirectoryOf(spec, actorOf(ctx, call), ctx.homeOf);
  return compileSubmission(spec, { workingDirectory, ...(spec.comment && { comment: spec.comment }) });
}

/**
 * Submits a job (or a job array, one record per task) as the caller: resolves and checks it like
 * slurmctld, asks the job behaviour how each task will run, and queues it. With an idempotency
 * key already used by the same user, returns the job that key created instead; a fresh key
 * (`freshKey`) is not looked up, as the contract allows.
 *
 * @throws `POLICY_VIOLATION`, `NOT_FOUND` (a dependency names no job), `VALIDATION` (a bad
 * `begin` directive, or a behaviour returning nonsense).
 */
export function submitJob(ctx: MockContext, spec: JobSpec, call: SubmitContext): SubmitResult {
  const user = actorOf(ctx, call);
  const key = call.idempotencyKey;
  // Like a real adapter, trust a fresh key: a test that reuses one sees a second job, as it would
  // on a scheduler that skipped the lookup.
  const earlier = key === undefined || call.freshKey ? undefined : ctx.store.recall(user, key);
  if (earlier)
    return { job: viewById(ctx, earlier.id), script: earlier.script, command: [...earlier.command] };

  // slurmctld checks the array expression before anything else (differential suite, Slurm 22.05).
  checkArraySize(ctx, spec);
  const resolved = resolveSubmission(spec, user, ctx.submission);
  const dependencies = resolveDependencies(ctx, spec);
  const beginAt = beginTimeOf(spec, ctx.sim.now);
  const rendered = renderJob(ctx, spec, call);
  const jobs = createJobs(ctx, spec, user, resolved, dependencies, beginAt);
  const behaviors = jobs.map((job) => behaviorOf(ctx, spec, job));
  jobs.forEach((job, i) => {
    job.behavior = behaviors[i]!;
    ctx.store.add(job);
  });
  // Before the job is queued, as the Slurm adapter's mkdir runs before sbatch.
  if (spec.createWorkingDirectory) ctx.output.createDirectory(jobs[0]!.workingDirectory);
  const group = jobs[0]!.group;
  if (group) ctx.store.addGroup(group);
  ctx.sim.admit(jobs);
  const id = group?.id ?? jobs[0]!.id;
  if (key !== undefined) ctx.store.remember(user, key, { id, ...rendered });
  return { job: viewById(ctx, id), ...rendered };
}

function viewById(ctx: MockContext, id: string): Job {
  const group = ctx.store.group(id);
  if (group)
    return aggregateArrayJob(
      id,
      group.tasks.map((t) => viewOf(ctx, t)),
    );
  return viewOf(ctx, ctx.store.job(id)!);
}

function createJobs(
  ctx: MockContext,
  spec: JobSpec,
  user: string,
  r: ResolvedSubmission,
  dependencies: DependencyTerm[],
  beginAt: number | undefined,
): SimJob[] {
  const indices: (number | undefined)[] = spec.array ? spec.array.indices : [undefined];
  const base = ctx.store.reserveIds(indices.length);
  const id = `${ctx.idPrefix}${base}`;
  const group = spec.array ? createArrayGroup(id, spec.array.throttle) : undefined;
  const workingDirectory = workingDirectoryOf(spec, user, ctx.homeOf);
  const name = spec.name ?? 'sbatch';
  const patterns = outputPatternsOf(spec, workingDirectory, spec.array !== undefined);
  const jobs = indices.map((arrayTaskId, position) => {
    const jobId = `${ctx.idPrefix}${base + position}`;
    const paths = outputPathsOf(patterns, workingDirectory, {
      jobId,
      arrayJobId: id,
      arrayTaskId,
      name,
      user,
    });
    return createSimJob({
      seq: ctx.store.nextSeq(),
      id: arrayTaskId === undefined ? id : `${id}_${arrayTaskId}`,
      group,
      arrayTaskId,
      spec,
      name,
      user,
      account: r.account,
      partition: r.partition,
      qos: r.qos?.name,
      priority: r.qos?.priority ?? 0,
      demand: r.demand,
      requested: r.requested,
      timeLimitSeconds: r.timeLimitSeconds,
      submitTime: ctx.sim.now,
      beginAt,
      workingDirectory,
      stdoutPath: paths.stdout,
      stderrPath: paths.stderr,
      comment: spec.comment,
      dependencies,
      held: spec.hold,
    });
  });
  if (group) {
    group.tasks.push(...jobs);
    group.notStarted = jobs.length;
  }
  return jobs;
}

const defaultBehaviors = new Map<string, ResolvedBehavior>();

function behaviorOf(ctx: MockContext, spec: JobSpec, job: SimJob): ResolvedBehavior {
  const behavior = ctx.behavior();
  if (behavior === defaultJobBehavior) {
    // The default reads only the script text; one reading serves every task of an array.
    const text = spec.command ?? spec.script ?? '';
    let known = defaultBehaviors.get(text);
    if (!known) {
      known = resolveBehavior(defaultJobBehavior(spec, jobView(job, ctx.sim.now, ctx.cluster.name)));
      if (defaultBehaviors.size > 1000) defaultBehaviors.clear();
      defaultBehaviors.set(text, known);
    }
    return known;
  }
  const result = behavior(spec, jobView(job, ctx.sim.now, ctx.cluster.name));
  return resolveBehavior(
    parseInput(JobBehaviorResultSchema, result, mockRules.subject('job_behavior_result', { value: job.id })),
  );
}

function resolveDependencies(ctx: MockContext, spec: JobSpec): DependencyTerm[] {
  return (spec.dependencies ?? []).map((dep, i) => ({
    type: dep.type,
    targets: dep.jobIds.map((id, j) => {
      const target = ctx.store.group(id) ?? ctx.store.job(id);
      if (target) return target;
      throw fail.notFound({
        details: {
          kind: 'job',
          id,
          reason: 'unknown_dependency',
          namedAt: `dependencies.${i}.jobIds.${j}`,
          command: SBATCH_COMMAND,
          stderr: 'sbatch: error: Batch job submission failed: Job dependency problem',
          exitCode: 1,
        },
      });
    }),
  }));
}

function beginTimeOf(spec: JobSpec, now: number): number | undefined {
  const begin = spec.directives?.begin;
  if (begin === undefined || begin === null) return undefined;
  const at = typeof begin === 'string' ? parseBeginTime(begin, now) : undefined;
  if (at !== undefined) return at;
  throw new ValidationError({
    details: {
      ...validationSubject('job_spec'),
      issues: [
        mockRules.validationIssue(['directives', 'begin'], 'bad_begin_time', { value: shown(String(begin)) }),
      ],
    },
  });
}

function checkArraySize(ctx: MockContext, spec: JobSpec): void {
  const highest = spec.array?.indices.at(-1);
  if (highest === undefined || highest < ctx.maxArraySize) return;
  throw refuseSubmission('other', {
    nativeReason: 'ESLURM_INVALID_ARRAY',
    failure: 'Invalid job array specification',
    limit: ctx.maxArraySize - 1,
    requested: highest,
  });
}
