import { randomUUID } from 'node:crypto';
import type { CancelResult, RenderedSubmission } from '../adapter/scheduler-adapter.js';
import type { TimeLimitChangeInput } from '../adapter/time-limit-change.js';
import { ValidationError } from '../errors/hpckit-error.js';
import type { Job, JobField } from '../model/job.js';
import type { JobPage, JobQueryInput } from '../model/job-query.js';
import type { JobSpecInput } from '../model/job-spec.js';
import type { JobStateEvent } from '../watch/events.js';
import type { CallOptions, SubmitOptions } from './call-options.js';
import type { ClusterRuntime } from './cluster-runtime.js';
import { createJobHandle, type JobHandle } from './job-handle.js';
import { streamJobStates } from './job-stream.js';

/** A listed job: the whole job, or the projected fields plus `cluster`, `id` and `state`. */
export type ListedJob<F extends JobField> = [F] extends [never]
  ? Job
  : Pick<Job, F | 'cluster' | 'id' | 'state'>;

/** Job operations of a client. Every call takes `{ cluster, signal }` last. */
export interface JobsApi {
  /**
   * Validates and submits a job; returns a live handle.
   *
   * @throws `VALIDATION` with every problem of the spec; `POLICY_VIOLATION` when the scheduler
   * refuses it (with `details.reason` and the scheduler's stderr).
   * @example
   * ```ts
   * const handle = await client.jobs.submit({ command: 'python train.py', partition: 'gpu', gpusPerNode: 1, timeLimit: '2h' });
   * console.log(handle.script); // the exact batch script
   * const job = await handle.wait();
   * ```
   */
  submit(spec: JobSpecInput, options?: SubmitOptions): Promise<JobHandle>;
  /** The script and command a submit would run, without submitting (a dry run). */
  render(spec: JobSpecInput, options?: CallOptions): Promise<RenderedSubmission>;
  /** One job, live or from history. @throws `NOT_FOUND` */
  get(id: string, options?: CallOptions): Promise<Job>;
  /** A live handle on an existing job. @throws `NOT_FOUND` */
  handle(id: string, options?: CallOptions): Promise<JobHandle>;
  /**
   * Jobs matching a query (filters AND-ed), one page at a time; with `fields`, only those fields
   * (plus `cluster`, `id`, `state`) are returned.
   *
   * @example
   * ```ts
   * const { jobs, total } = await client.jobs.list({ users: ['alice'], states: ['queued', 'running'], limit: 50 });
   * ```
   */
  list<F extends JobField = never>(
    query?: JobQueryInput & { fields?: F[] },
    options?: CallOptions,
  ): Promise<JobPage<ListedJob<F>>>;
  /** Cancels a job. @throws `NOT_FOUND`, `PERMISSION_DENIED` */
  cancel(id: string, options?: CallOptions): Promise<CancelResult>;
  /** Holds a pending job. @throws `NOT_FOUND`, `UNSUPPORTED` */
  hold(id: string, options?: CallOptions): Promise<void>;
  /** Releases a held job. @throws `NOT_FOUND`, `UNSUPPORTED` */
  release(id: string, options?: CallOptions): Promise<void>;
  /** Changes a job's time limit and returns the new one. @throws `NOT_FOUND`, `PERMISSION_DENIED`, `POLICY_VIOLATION` */
  updateTimeLimit(
    id: string,
    change: TimeLimitChangeInput,
    options?: CallOptions,
  ): Promise<{ timeLimitSeconds: number }>;
  /**
   * Streams the state changes of jobs of one cluster: first each job's current state, then every
   * change, until all have ended. All jobs share the cluster's one poller.
   *
   * @example
   * ```ts
   * for await (const { job } of client.jobs.watch(handles)) {
   *   console.log(job.id, job.state.phase, job.state.outcome ?? '');
   * }
   * ```
   */
  watch(jobs: Iterable<string | JobHandle>, options?: CallOptions): AsyncIterableIterator<JobStateEvent>;
}

/** What {@link createJobsApi} needs from the client. */
export interface JobsApiContext {
  runtime(cluster: string | undefined): ClusterRuntime;
  user: string | undefined;
}

/** Builds the jobs API of a client (or of a client acting as a user). */
export function createJobsApi({ runtime, user }: JobsApiContext): JobsApi {
  const ctx = (options: CallOptions | undefined) => ({ user, signal: options?.signal });
  const handleFor = (rt: ClusterRuntime, job: Job, script?: string) =>
    createJobHandle({ runtime: rt, poller: rt.poller(user), user, job, script });

  const api: JobsApi = {
    async submit(spec, options) {
      const rt = runtime(options?.cluster);
      const idempotencyKey = options?.idempotencyKey ?? randomUUID();
      const result = await rt.call(
        (a) => a.jobs.submit(spec, { ...ctx(options), idempotencyKey }),
        options?.signal,
      );
      return handleFor(rt, result.job, result.script);
    },
    render: async (spec, options) =>
      runtime(options?.cluster).call((a) => a.jobs.render(spec, ctx(options)), options?.signal),
    get: async (id, options) =>
      runtime(options?.cluster).call((a) => a.jobs.get(id, ctx(options)), options?.signal),
    async handle(id, options) {
      const rt = runtime(options?.cluster);
      const job =
        rt.poller(user).snapshot(id) ?? (await rt.call((a) => a.jobs.get(id, ctx(options)), options?.signal));
      return handleFor(rt, job);
    },
    list: async (query, options) =>
      runtime(options?.cluster).call((a) => a.jobs.list(query, ctx(options)), options?.signal) as never,
    cancel: async (id, options) =>
      runtime(options?.cluster).call((a) => a.jobs.cancel(id, ctx(options)), options?.signal),
    hold: async (id, options) =>
      runtime(options?.cluster).call((a) => a.jobs.hold(id, ctx(options)), options?.signal),
    release: async (id, options) =>
      runtime(options?.cluster).call((a) => a.jobs.release(id, ctx(options)), options?.signal),
    updateTimeLimit: async (id, change, options) =>
      runtime(options?.cluster).call(
        (a) => a.jobs.updateTimeLimit(id, change, ctx(options)),
        options?.signal,
      ),
    watch(targets, options) {
      return watchJobs([...targets], options);
    },
  };

  async function* watchJobs(targets: (string | JobHandle)[], options: CallOptions | undefined) {
    const handles = targets.filter((t): t is JobHandle => typeof t !== 'string');
    const clusters = new Set(handles.map((h) => h.cluster));
    if (options?.cluster) clusters.add(options.cluster);
    // Handles keep their own user's poller, whichever client view watches them.
    const users = new Set(handles.map((h) => h.user));
    if (handles.length < targets.length) users.add(user);
    if (clusters.size > 1 || users.size > 1) {
      const what =
        clusters.size > 1 ? `clusters (${[...clusters].join(', ')})` : `users (${[...users].join(', ')})`;
      throw new ValidationError({
        details: {
          subject: 'watch targets',
          issues: [
            {
              path: [],
              message: `jobs of several ${what} were given: watch each separately`,
              code: 'custom',
            },
          ],
        },
      });
    }
    const rt = runtime([...clusters][0]);
    const watcher = users.size === 1 ? [...users][0] : user;
    const poller = rt.poller(watcher);
    const callCtx = { user: watcher, signal: options?.signal };
    const known = new Map<string, Job>();
    const unknown: string[] = [];
    for (const target of targets) {
      const job = typeof target === 'string' ? poller.snapshot(target) : target.job;
      if (job) known.set(job.id, job);
      else if (typeof target === 'string') unknown.push(target);
    }
    if (unknown.length > 0) {
      // One call for every job not seen before, not one per job.
      const page = await rt.call((a) => a.jobs.list({ jobIds: unknown }, callCtx), options?.signal);
      for (const job of page.jobs as Job[]) if (unknown.includes(job.id)) known.set(job.id, job);
      for (const id of unknown) {
        if (!known.has(id)) {
          // Not listed under its own id (an array job lists as its tasks): get() aggregates it.
          known.set(id, await rt.call((a) => a.jobs.get(id, callCtx), options?.signal));
        }
      }
    }
    yield* streamJobStates(poller, [...known.values()], options?.signal);
  }

  return api;
}
