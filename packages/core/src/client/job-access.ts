import type { CallContext } from '../adapter/scheduler-adapter.js';
import type { RuntimeAdapter } from '../adapter/runtime-adapter.js';
import { isHpckitError, NotFoundError } from '../errors/hpckit-error.js';
import { parseInput, validationSubject } from '../errors/validation.js';
import type { Job, ListedJob } from '../model/job.js';
import { type JobPage, type JobQueryInput, JobQuerySchema } from '../model/job-query.js';
import type { AccessSource } from './access-roles.js';
import type { ClusterRuntime } from './cluster-runtime.js';
import { listScopedJobs } from './scoped-job-listing.js';
import { scopeJobQuery } from './scoped-job-query.js';
import { canSeeJob, resolveViewer, type Viewer } from './viewer.js';

/**
 * The job rule of one client view: which jobs it may see and act on. Every method asks the role
 * source anew. The root view (no user) sees and acts on everything, as the portal itself.
 */
export interface JobAccess {
  /** The user of the view, if any. */
  readonly user: string | undefined;
  /** The viewer of a call now; undefined for the root view. */
  viewer(rt: ClusterRuntime, signal?: AbortSignal): Promise<Viewer | undefined>;
  /** One job, read as the view's user. @throws `NOT_FOUND`, alike for a hidden and an unknown job */
  get(rt: ClusterRuntime, id: string, signal?: AbortSignal): Promise<Job>;
  /** One page of the jobs matching a query that the viewer may see, narrowed before the adapter lists. */
  list(
    rt: ClusterRuntime,
    query: JobQueryInput | undefined,
    signal?: AbortSignal,
  ): Promise<JobPage<ListedJob>>;
  /**
   * Runs an action on a job the viewer may see (`known`: a snapshot already in hand, else the job
   * is read first), acting as the job's owner, so an account admin's cancel is the owner's cancel
   * to the scheduler. The root view acts as the adapter's own identity, as before.
   *
   * @throws `NOT_FOUND` for a job the viewer may not see.
   */
  act<T>(
    rt: ClusterRuntime,
    id: string,
    known: Job | undefined,
    signal: AbortSignal | undefined,
    run: (adapter: RuntimeAdapter, ctx: CallContext) => Promise<T>,
  ): Promise<T>;
  /** Throws the hidden-job `NOT_FOUND` unless the viewer may see `job`. */
  requireVisible(viewer: Viewer | undefined, job: Job): void;
}

/** What {@link createJobAccess} needs. */
export interface JobAccessInit {
  user: string | undefined;
  /** The client's role source; absent: a user sees only their own jobs. */
  source: AccessSource | undefined;
}

/** Builds the job rule of one client view. */
export function createJobAccess({ user, source }: JobAccessInit): JobAccess {
  const viewer = (rt: ClusterRuntime, signal?: AbortSignal) =>
    resolveViewer(source, user, { cluster: rt.name, signal });

  // A hidden job must read exactly like an unknown one, so a user view reports both with this
  // error instead of the adapter's (whose words and details would tell them apart).
  const hidden = (id: string) =>
    new NotFoundError({
      details: { kind: 'job', id, reason: 'not_visible' },
    });

  async function orHidden<T>(v: Viewer | undefined, id: string, pending: Promise<T>): Promise<T> {
    try {
      return await pending;
    } catch (err) {
      if (v && !v.platform && isHpckitError(err, 'NOT_FOUND') && err.details.kind === 'job') throw hidden(id);
      throw err;
    }
  }

  function requireVisible(v: Viewer | undefined, job: Job): void {
    if (!canSeeJob(v, job)) throw hidden(job.id);
  }

  async function getAs(v: Viewer | undefined, rt: ClusterRuntime, id: string, signal?: AbortSignal) {
    const job = await orHidden(
      v,
      id,
      rt.call((a) => a.jobs.get(id, { user, signal }), signal),
    );
    if (!canSeeJob(v, job)) throw hidden(id);
    return job;
  }

  return {
    user,
    viewer,
    requireVisible,
    async get(rt, id, signal) {
      return getAs(await viewer(rt, signal), rt, id, signal);
    },
    async list(rt, query, signal) {
      const v = await viewer(rt, signal);
      const list = (q: JobQueryInput) => rt.call((a) => a.jobs.list(q, { user, signal }), signal);
      if (!v) return list(query ?? {});
      const parsed = parseInput(JobQuerySchema, query ?? {}, validationSubject('job_query'));
      return listScopedJobs(scopeJobQuery(parsed, v), parsed, list);
    },
    async act(rt, id, known, signal, run) {
      const v = await viewer(rt, signal);
      if (!v) return rt.call((a) => run(a, { user, signal }), signal);
      let job = known;
      if (job) requireVisible(v, job);
      else job = await getAs(v, rt, id, signal);
      const owner = job.user;
      return orHidden(
        v,
        id,
        rt.call((a) => run(a, { user: owner, signal }), signal),
      );
    },
  };
}
