import { z } from 'zod';
import { ruleError } from '../errors/validation.js';
import type { SubmitGuard } from '../adapter/runtime-adapter.js';
import type { SchedulerAdapter } from '../adapter/scheduler-adapter.js';
import { type PollingOptionsInput, PollingOptionsSchema } from '../watch/backoff.js';
import { type AccessSource, AccessSourceSchema } from './access-roles.js';
import type { Timers } from '../watch/timers.js';
import type { JobOutputSource } from '../output/job-output-source.js';
import { JobOutputSourceSchema } from '../output/output-options.js';

const AdapterSchema = z.custom<SchedulerAdapter>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as SchedulerAdapter).name === 'string' &&
    typeof (value as SchedulerAdapter).capabilities === 'object' &&
    typeof (value as SchedulerAdapter).jobs?.list === 'function',
  { error: ruleError('not_an_adapter') },
);

/** One cluster of a client; parses a {@link ClusterOptions}. */
export const ClusterOptionsSchema = z.strictObject({
  adapter: AdapterSchema,
  polling: PollingOptionsSchema.partial().optional(),
  beforeSubmit: z
    .custom<SubmitGuard>((f) => typeof f === 'function', { error: ruleError('not_a_submit_guard') })
    .optional(),
  maxConcurrentCalls: z.number().int().positive().default(16),
  actAsLogin: z.boolean().default(false),
  jobOutput: JobOutputSourceSchema.optional(),
});

/** Options of `createClient`; parses a {@link ClientOptions}. */
export const ClientOptionsSchema = z.strictObject({
  clusters: z
    .record(
      z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, { error: ruleError('cluster_name') }),
      ClusterOptionsSchema,
    )
    .refine((c) => Object.keys(c).length > 0, { error: ruleError('at_least_one_cluster') }),
  defaultCluster: z.string().optional(),
  polling: PollingOptionsSchema.partial().optional(),
  retry: z
    .strictObject({
      retries: z.number().int().nonnegative().optional(),
      baseDelayMs: z.number().nonnegative().optional(),
    })
    .optional(),
  access: AccessSourceSchema.optional(),
  timers: z
    .custom<Timers>((t) => typeof t === 'object' && t !== null && typeof (t as Timers).now === 'function', {
      error: ruleError('not_timers'),
    })
    .optional(),
});

/**
 * Options of one cluster of a client, as given.
 *
 * @example
 * ```ts
 * const cpu: ClusterOptions = { adapter: mockAdapter(), maxConcurrentCalls: 8 };
 * ```
 */
export interface ClusterOptions {
  /** The scheduler adapter of the cluster, e.g. `mockAdapter()` or `slurmAdapter({ … })`. */
  adapter: SchedulerAdapter;
  /** Polling of this cluster, overriding the client-wide `polling` field by field. */
  polling?: PollingOptionsInput;
  /**
   * Checks or adjusts every spec before it reaches this cluster's scheduler, e.g. a site's
   * resource policy: `beforeSubmit: createResourcePolicy(ikkemPreset().resourcePolicy).submitGuard`.
   */
  beforeSubmit?: SubmitGuard;
  /**
   * Adapter calls in flight at once on this cluster; more wait their turn.
   *
   * @defaultValue 16
   */
  maxConcurrentCalls?: number;
  /**
   * Lets a client that acts for no user (no `.as(user)`) submit jobs on this cluster as the
   * adapter's own login (Slurm: the transport's login; mock: its `defaultUser`). Without it, on an
   * adapter that acts for users (capability `actAsUser`), such a submission is refused with
   * `UNSUPPORTED` (reason `no_acting_user`): a portal serving many users almost never means to
   * submit a user's job as its service account. Adapters that act for no one ignore it.
   *
   * @defaultValue false
   */
  actAsLogin?: boolean;
  /**
   * Where handles of this cluster read jobs' stdout and stderr (`handle.output()`,
   * `handle.followOutput()`): `jobOutputSource({ files })` of `@hpckit/remote`, over SFTP or the
   * local disk. Without it, those calls need a `source` of their own.
   */
  jobOutput?: JobOutputSource;
}

/**
 * How idempotent reads and submissions (which always carry an idempotency key) are retried after a
 * retryable failure: up to `retries` more attempts, waiting `baseDelayMs` doubled each time.
 */
export interface ClientRetryOptions {
  /**
   * Attempts after the first; 0 turns retrying off.
   *
   * @defaultValue 2
   */
  retries?: number;
  /**
   * Milliseconds before the first retry, doubled for each one after.
   *
   * @defaultValue 200
   */
  baseDelayMs?: number;
}

/**
 * Options of `createClient`, as given. Only `clusters` is required.
 *
 * @example
 * ```ts
 * const options: ClientOptions = {
 *   clusters: { hpc: { adapter: mockAdapter() } },
 *   polling: { maxIntervalMs: 10_000 },
 *   retry: { retries: 3 },
 * };
 * const hpc = createClient(options);
 * ```
 */
export interface ClientOptions {
  /**
   * Clusters by name. Names are what `{ cluster }` options refer to.
   *
   * At least one; names are letters, digits, `_`, `-` and `.`.
   */
  clusters: Record<string, ClusterOptions>;
  /**
   * Cluster used when a call names none.
   *
   * @defaultValue the first cluster of `clusters`
   */
  defaultCluster?: string;
  /** How watched jobs are polled (per cluster, one shared poller); each cluster may override it. */
  polling?: PollingOptionsInput;
  /**
   * How idempotent reads and submissions are retried after a retryable failure.
   *
   * @defaultValue `{ retries: 2, baseDelayMs: 200 }`
   */
  retry?: ClientRetryOptions;
  /**
   * Where user views (`client.as(user)`) get their users' roles: platform staff see and act on
   * every job, an account's owner or admin on every job charged to it, and anyone on their own.
   *
   * Asked on every call of a user view. Absent: a user view sees and acts on only its own jobs
   * and may run no account or membership change. `ledgerAccess({ ledger })` of
   * `@hpckit/billing/ledger` reads the roles from the billing ledger.
   */
  access?: AccessSource;
  /** Clock and timers of the pollers; tests and simulations may inject their own. */
  timers?: Timers;
}
