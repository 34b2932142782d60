import { freshIdempotencyKey } from '../adapter/idempotency-key.js';
import { ValidationError } from '../errors/hpckit-error.js';
import { ruleValidationIssue, validationSubject } from '../errors/validation.js';
import type { Job, JobField, ListedJob } from '../model/job.js';
import type { JobPage, JobQueryInput } from '../model/job-query.js';
import type { JobSpecInput } from '../model/job-spec.js';
import type { JobStateEvent } from '../watch/events.js';
import type { ClientOperations } from './admin-api.js';
import type { CallOptions, SubmitManyOptions, SubmitOptions } from './call-options.js';
import type { ClusterRuntime } from './cluster-runtime.js';
import type { JobAccess } from './job-access.js';
import { createJobHandle, type JobHandle } from './job-handle.js';
import { streamJobStates } from './job-stream.js';
import { type SubmittedItem, submitManyOn } from './submit-many.js';

/**
 * Job operations of a client. Every call takes `{ cluster, signal }` last.
 *
 * On a user view (`client.as(user)`) every call is limited to the jobs the user may see: their
 * own, those charged to accounts they own or administer, every job for platform staff (roles from
 * the client's `access` option, asked on each call). Seeing a job is what allows acting on it: a
 * cancel, hold, release or time-limit change of a visible job runs as the job's owner, so the
 * scheduler applies the owner's rules (Slurm lets an owner raise a time limit only while the job
 * is pending); a job the user may not see is `NOT_FOUND`, worded exactly like an unknown id. A
 * handle checks again at each `refresh` and action; events of a job it already watches keep
 * coming until the subscription ends. A job's files (`jobFiles` of `@hpckit/remote`) are only as
 * safe as the job given to them: take it from a user view's `get` or `list`, never from the root
 * client on a user's say-so.
 */
export interface JobsApi
  extends Pick<
    ClientOperations<'jobs'>,
    'render' | 'get' | 'cancel' | 'hold' | 'release' | 'updateTimeLimit'
  > {
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
  /**
   * Submits many jobs at once (a parameter sweep) and answers one item per spec, in order: a
   * handle, or the error that spec's own `submit` would have thrown. One spec failing does not
   * stop the others unless `stopOnError` is set. Each spec has its own idempotency key
   * (`idempotencyKeys`, else generated), so a retry never submits a job twice. An adapter with
   * the `jobs.submitMany` capability takes them in one call (Slurm: every sbatch over one
   * connection, run by two shells side by side); on any other the specs are submitted one after another.
   *
   * @throws `VALIDATION` when `specs` is empty or longer than {@link MAX_BATCH_SUBMISSIONS}, or
   * `idempotencyKeys` does not hold one key per spec; a bad spec is only its own item's error.
   * @example
   * ```ts
   * const items = await client.jobs.submitMany(
   *   [0.1, 0.2, 0.4].map((rate) => ({ name: `lr-${rate}`, command: `python train.py --lr ${rate}` })),
   * );
   * for (const item of items) {
   *   if (item.status === 'submitted') console.log(item.handle.id);
   *   else if (item.status === 'failed') console.error(item.error.message);
   * }
   * ```
   */
  submitMany(
    specs: readonly JobSpecInput[],
    options?: SubmitManyOptions,
  ): Promise<SubmittedItem<JobHandle>[]>;
  /** A live handle on an existing job. @throws `NOT_FOUND` */
  handle(id: string, options?: CallOptions): Promise<JobHandle>;
  /**
   * Jobs matching a query (filters AND-ed), one page at a time; with `fields`, only those fields
   * (plus `cluster`, `id`, `state`) are returned. On a user view, only the matching jobs the user
   * may see, narrowed before the adapter pages them: `total` counts exactly those, and paging
   * through them neither skips nor repeats one.
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
  /** The view's job rule: what it may see and act on. */
  access: JobAccess;
}

/**
 * Builds the jobs API of a client (or of a client acting as a user). A user view sees and acts on
 * only the jobs its {@link JobAccess} allows: lists are narrowed before the adapter pages them, and
 * a job it may not see is `NOT_FOUND` to every call, like one that does not exist.
 */
export function createJobsApi({ runtime, user, access }: JobsApiContext): JobsApi {
  const ctx = (options: CallOptions | undefined) => ({ user, signal: options?.signal });
  const handleFor = (rt: ClusterRuntime, job: Job, script?: string) =>
    createJobHandle({ runtime: rt, poller: rt.poller(user), user, job, script, access });
  // A job this view already watches need not be read again to be checked or acted on.
  const snapshot = (rt: ClusterRuntime, id: string) => rt.poller(user).snapshot(id);

  const api: JobsApi = {
    async submit(spec, options) {
      const rt = runtime(options?.cluster);
      rt.assertActingUser(user, 'jobs.submit');
      // A caller's key may have a job already (a resubmitted form); one made here cannot, so the
      // adapter need not look for it before submitting.
      const freshKey = options?.idempotencyKey === undefined;
      const idempotencyKey = options?.idempotencyKey ?? freshIdempotencyKey();
      const result = await rt.call(
        (a) => a.jobs.submit(spec, { ...ctx(options), idempotencyKey, freshKey }),
        options?.signal,
      );
      return handleFor(rt, result.job, result.script);
    },
    async submitMany(specs, options) {
      const rt = runtime(options?.cluster);
      rt.assertActingUser(user, 'jobs.submitMany');
      const outcomes = await submitManyOn(rt, specs, user, options);
      return outcomes.map((outcome) =>
        outcome.status === 'submitted'
          ? { status: 'submitted', handle: handleFor(rt, outcome.result.job, outcome.result.script) }
          : outcome,
      );
    },
    render: async (spec, options) =>
      runtime(options?.cluster).call((a) => a.jobs.render(spec, ctx(options)), options?.signal),
    get: async (id, options) => access.get(runtime(options?.cluster), id, options?.signal),
    async handle(id, options) {
      const rt = runtime(options?.cluster);
      const known = snapshot(rt, id);
      if (!known) return handleFor(rt, await access.get(rt, id, options?.signal));
      access.requireVisible(await access.viewer(rt, options?.signal), known);
      return handleFor(rt, known);
    },
    list: async (query, options) => access.list(runtime(options?.cluster), query, options?.signal) as never,
    cancel: async (id, options) => {
      const rt = runtime(options?.cluster);
      return access.act(rt, id, snapshot(rt, id), options?.signal, (a, c) => a.jobs.cancel(id, c));
    },
    hold: async (id, options) => {
      const rt = runtime(options?.cluster);
      return access.act(rt, id, snapshot(rt, id), options?.signal, (a, c) => a.jobs.hold(id, c));
    },
    release: async (id, options) => {
      const rt = runtime(options?.cluster);
      return access.act(rt, id, snapshot(rt, id), options?.signal, (a, c) => a.jobs.release(id, c));
    },
    updateTimeLimit: async (id, change, options) => {
      const rt = runtime(options?.cluster);
      return access.act(rt, id, snapshot(rt, id), options?.signal, (a, c) =>
        a.jobs.updateTimeLimit(id, change, c),
      );
    },
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
      const facts =
        clusters.size > 1
          ? { text: 'clusters', names: [...clusters].map((c) => c ?? '') }
          : { text: 'users', names: [...users].map((u) => u ?? '') };
      throw new ValidationError({
        details: {
          ...validationSubject('watch_targets'),
          issues: [ruleValidationIssue([], 'watch_one_scope', facts)],
        },
      });
    }
    const rt = runtime([...clusters][0]);
    const watcher = users.size === 1 ? [...users][0] : user;
    const poller = rt.poller(watcher);
    const viewer = await access.viewer(rt, options?.signal);
    const known = new Map<string, Job>();
    const unknown: string[] = [];
    for (const target of targets) {
      const job = typeof target === 'string' ? poller.snapshot(target) : target.job;
      // A handle made by another view (or a snapshot) is shown to this view only if it may see it.
      if (job) access.requireVisible(viewer, job);
      if (job) known.set(job.id, job);
      else if (typeof target === 'string') unknown.push(target);
    }
    if (unknown.length > 0) {
      // One call for every job not seen before, not one per job; narrowed to what this view sees.
      const page = await access.list(rt, { jobIds: unknown }, options?.signal);
      for (const job of page.jobs as Job[]) if (unknown.includes(job.id)) known.set(job.id, job);
      for (const id of unknown) {
        if (!known.has(id)) {
          // Not listed under its own id (an array job lists as its tasks): get() aggregates it.
          known.set(id, await access.get(rt, id, options?.signal));
        }
      }
    }
    // Closing the client stops the poller, so it ends the stream with its error too.
    yield* streamJobStates(poller, [...known.values()], options?.signal, rt.onClose);
  }

  return api;
}
