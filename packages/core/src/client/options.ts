import { z } from 'zod';
import type { SubmitGuard } from '../adapter/runtime-adapter.js';
import type { SchedulerAdapter } from '../adapter/scheduler-adapter.js';
import { PollingOptionsSchema } from '../watch/backoff.js';
import { AccessSourceSchema } from './access-roles.js';
import type { Timers } from '../watch/timers.js';

const AdapterSchema = z.custom<SchedulerAdapter>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as SchedulerAdapter).name === 'string' &&
    typeof (value as SchedulerAdapter).capabilities === 'object' &&
    typeof (value as SchedulerAdapter).jobs?.list === 'function',
  { message: 'must be a scheduler adapter, e.g. mockAdapter() or slurmAdapter({...})' },
);

/** One cluster of a client. */
export const ClusterOptionsSchema = z.strictObject({
  adapter: AdapterSchema,
  /** Polling of this cluster, overriding the client-wide settings. */
  polling: PollingOptionsSchema.partial().optional(),
  /**
   * Checks or adjusts every spec before it reaches this cluster's scheduler, e.g. a site's
   * resource policy: `beforeSubmit: createResourcePolicy(ikkemPreset().resourcePolicy).submitGuard`.
   */
  beforeSubmit: z
    .custom<SubmitGuard>((f) => typeof f === 'function', {
      message: 'must be a function (spec, ctx) => spec',
    })
    .optional(),
  /** Adapter calls in flight at once on this cluster; more wait their turn. @default 16 */
  maxConcurrentCalls: z.number().int().positive().default(16),
});

/** Options of `createClient`. */
export const ClientOptionsSchema = z.strictObject({
  /** Clusters by name. Names are what `{ cluster }` options refer to. */
  clusters: z
    .record(
      z
        .string()
        .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, 'cluster names are letters, digits, "_", "-" and "."'),
      ClusterOptionsSchema,
    )
    .refine((c) => Object.keys(c).length > 0, 'give at least one cluster'),
  /** Cluster used when a call names none. @default the first cluster */
  defaultCluster: z.string().optional(),
  /** How watched jobs are polled (per cluster, one shared poller). */
  polling: PollingOptionsSchema.partial().optional(),
  /**
   * How idempotent reads and submissions (which always carry an idempotency key) are retried
   * after a retryable failure. @default { retries: 2, baseDelayMs: 200 }
   */
  retry: z
    .strictObject({
      retries: z.number().int().nonnegative().optional(),
      baseDelayMs: z.number().nonnegative().optional(),
    })
    .optional(),
  /**
   * Where user views (`client.as(user)`) get their users' roles: platform staff see and act on
   * every job, an account's owner or admin on every job charged to it, and anyone on their own.
   * Asked on every call of a user view. Absent: a user view sees and acts on only its own jobs
   * and may run no account or membership change. `ledgerAccess({ ledger })` of
   * `@hpckit/billing/ledger` reads the roles from the billing ledger.
   * @default undefined (own jobs only)
   */
  access: AccessSourceSchema.optional(),
  /** Clock and timers of the pollers; tests and simulations may inject their own. */
  timers: z
    .custom<Timers>((t) => typeof t === 'object' && t !== null && typeof (t as Timers).now === 'function')
    .optional(),
});

/** Options of `createClient`, as given. */
export type ClientOptions = z.input<typeof ClientOptionsSchema>;
/** Options of one cluster, as given. */
export type ClusterOptions = z.input<typeof ClusterOptionsSchema>;
