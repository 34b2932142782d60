import { EventEmitter } from 'eventemitter3';
import type { Capabilities } from '../adapter/capabilities.js';
import type { RuntimeAdapter } from '../adapter/runtime-adapter.js';
import type { SchedulerVersion } from '../adapter/scheduler-adapter.js';
import { ValidationError } from '../errors/hpckit-error.js';
import { parseInput, ruleValidationIssue, validationSubject } from '../errors/validation.js';
import { UserNameSchema } from '../model/names.js';
import { PollingOptionsSchema } from '../watch/backoff.js';
import type { ClientEvents } from '../watch/events.js';
import type { PollerStats } from '../watch/poller.js';
import { type AccountsApi, type ConfigApi, createAdminApis, type UsersApi } from './admin-api.js';
import type { CallOptions } from './call-options.js';
import { type ClusterRuntime, createClusterRuntime } from './cluster-runtime.js';
import { createJobAccess } from './job-access.js';
import { createJobsApi, type JobsApi } from './jobs-api.js';
import { type ClientOptions, ClientOptionsSchema } from './options.js';
import { UserEvents } from './user-events.js';

/**
 * The entry point of the SDK: named clusters, each behind its adapter, with typed job, account,
 * user and config operations and one shared poller per cluster.
 */
export interface HpckitClient {
  /** Names of the configured clusters. */
  readonly clusters: readonly string[];
  /** The cluster used when a call names none. */
  readonly defaultCluster: string;
  /** The user this client acts for, if any (see {@link HpckitClient.as}). */
  readonly user: string | undefined;
  /**
   * Job operations. On a user view (`as(user)`) they see and act on only the jobs the user may:
   * their own, those charged to accounts they administer, or all for platform staff (roles from
   * the client's `access` option; without one, only their own). A job the user may not see is
   * `NOT_FOUND`, exactly like an unknown one; the root client sees every job.
   */
  readonly jobs: JobsApi;
  /**
   * Account operations. On a user view, creating, blocking and unblocking accounts need platform
   * staff, and a listing shows only the accounts the user administers or belongs to.
   */
  readonly accounts: AccountsApi;
  /**
   * Membership operations. On a user view, changing a membership needs platform staff or the
   * account's owner or admin; reading one also suits the member themself.
   */
  readonly users: UsersApi;
  readonly config: ConfigApi;
  /** What a cluster's adapter supports; ask before calling an optional feature. */
  capabilities(cluster?: string): Capabilities;
  /**
   * The cluster's adapter behind the runtime layer (validation, capabilities, retries). It is the
   * portal's own, unrestricted access, on user views too: never hand it a user's choices unchecked.
   */
  adapter(cluster?: string): RuntimeAdapter;
  /** Scheduler and adapter versions of a cluster. */
  version(options?: CallOptions): Promise<SchedulerVersion>;
  /**
   * A view of this client acting for `user` (a portal serving many users from one process). It
   * shares clusters and queues with this client; each user gets their own poller, and the view's
   * `on` hears only of the jobs it watches. What the view may see and do follows the user's roles
   * (the `access` option of {@link createClient}), asked anew on every call.
   *
   * @throws `UNSUPPORTED` on calls to a cluster whose adapter cannot act for users.
   * @example
   * ```ts
   * const alice = client.as('alice');
   * await alice.jobs.submit({ command: 'hostname', account: 'electroplating' });
   * ```
   */
  as(user: string): HpckitClient;
  /** Counters of a cluster's poller (for this client's user). */
  pollerStats(cluster?: string): Readonly<PollerStats>;
  /**
   * Polls a cluster's watched jobs now instead of waiting for the timer (a portal's "refresh"
   * button); joins a poll already under way.
   */
  pollNow(cluster?: string): Promise<void>;
  /**
   * Subscribes to events (`job:state`, `job:ended`, `poll:error`, `poll:tick`): on the root client
   * those of every poller, on a user view those of that user's pollers only.
   */
  on<E extends keyof ClientEvents>(event: E, listener: (...args: ClientEvents[E]) => void): () => void;
  /**
   * Stops every poller and closes every adapter, for this client and all its views. Closing twice
   * is harmless; any other call afterwards is refused with `UNSUPPORTED` (reason `client_closed`).
   */
  close(): Promise<void>;
  /**
   * `close()`, for `await using client = createClient(…)` (TypeScript 5.2+, on a runtime with
   * `Symbol.asyncDispose`: Node 20.4+, Deno): the client closes when the block is left.
   *
   * @example
   * ```ts
   * await using client = createClient({ clusters: { hpc: { adapter: mockAdapter() } } });
   * ```
   */
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Creates a client over one or more clusters.
 *
 * @throws `VALIDATION` if the options are malformed (checked now, not on first use).
 * @example
 * ```ts
 * // A portal: users' roles come from the billing ledger (owners and admins of accounts), staff from
 * // the portal's own directory.
 * import { ledgerAccess } from '@hpckit/billing/ledger';
 * const client = createClient({
 *   clusters: { hpc: { adapter } },
 *   access: ledgerAccess({ ledger, platformRoles: (user) => directory.platformRolesOf(user) }),
 * });
 * const page = await client.as('bob').jobs.list({ limit: 20 }); // bob's jobs, and his accounts' if he administers any
 * ```
 * @example
 * ```ts
 * import { createClient } from '@hpckit/core';
 * import { mockAdapter } from '@hpckit/adapter-mock';
 *
 * // The mock's clock runs 60 times faster than real time here, so the job below ends in a second.
 * const client = createClient({ clusters: { hpc: { adapter: mockAdapter({ clock: { mode: 'scaled', scale: 60 } }) } } });
 * const handle = await client.as('alice').jobs.submit({ command: 'sleep 60', account: 'electroplating', timeLimit: '5m' });
 * const job = await handle.wait();
 * ```
 */
export function createClient(options: ClientOptions): HpckitClient {
  const parsed = parseInput(ClientOptionsSchema, options, validationSubject('client_options'), ['options']);
  const names = Object.keys(parsed.clusters);
  const defaultCluster = parsed.defaultCluster ?? names[0]!;
  if (!names.includes(defaultCluster)) {
    throw new ValidationError({
      details: {
        ...validationSubject('client_options'),
        issues: [
          ruleValidationIssue(['options', 'defaultCluster'], 'unknown_cluster', {
            value: `"${defaultCluster}"`,
            names,
          }),
        ],
      },
    });
  }
  const emitter = new EventEmitter<ClientEvents>();
  const userEvents = new Map<string, UserEvents>();
  const eventsOf = (user: string | undefined): EventEmitter<ClientEvents> => {
    if (user === undefined) return emitter;
    let events = userEvents.get(user);
    if (!events) {
      events = new UserEvents(emitter);
      userEvents.set(user, events);
    }
    return events;
  };
  const runtimes = new Map<string, ClusterRuntime>();
  for (const [name, cluster] of Object.entries(parsed.clusters)) {
    const polling = PollingOptionsSchema.parse({ ...parsed.polling, ...cluster.polling });
    runtimes.set(
      name,
      createClusterRuntime({
        name,
        adapter: cluster.adapter,
        maxConcurrentCalls: cluster.maxConcurrentCalls,
        polling,
        eventsOf,
        timers: parsed.timers,
        retry: parsed.retry,
        beforeSubmit: cluster.beforeSubmit,
        actAsLogin: cluster.actAsLogin,
        jobOutput: cluster.jobOutput,
      }),
    );
  }

  function runtime(cluster: string | undefined): ClusterRuntime {
    const rt = runtimes.get(cluster ?? defaultCluster);
    // Every call of every view reaches its cluster through here: a closed client refuses them all
    // with a typed error rather than whatever a closed adapter or queue would do.
    rt?.assertOpen();
    if (rt) return rt;
    throw new ValidationError({
      details: {
        ...validationSubject('call_options'),
        issues: [ruleValidationIssue(['cluster'], 'unknown_cluster', { value: `"${cluster}"`, names })],
      },
    });
  }

  async function close(): Promise<void> {
    await Promise.all([...runtimes.values()].map((rt) => rt.close()));
    emitter.removeAllListeners();
    for (const e of userEvents.values()) e.removeAllListeners();
  }

  const views = new Map<string | undefined, HpckitClient>();
  function view(user: string | undefined): HpckitClient {
    const existing = views.get(user);
    if (existing) return existing;
    const events = eventsOf(user);
    const client: HpckitClient = {
      clusters: names,
      defaultCluster,
      user,
      jobs: createJobsApi({ runtime, user, access: createJobAccess({ user, source: parsed.access }) }),
      ...createAdminApis(runtime, user, parsed.access),
      capabilities: (cluster) => runtime(cluster).adapter.capabilities,
      adapter: (cluster) => runtime(cluster).adapter,
      version: async (o) =>
        runtime(o?.cluster).call((a) => a.version({ user, signal: o?.signal }), o?.signal),
      as: (other) => view(parseInput(UserNameSchema, other, validationSubject('user_name'))),
      pollerStats: (cluster) => runtime(cluster).poller(user).stats,
      pollNow: async (cluster) => runtime(cluster).poller(user).pollNow(),
      on(event, listener) {
        events.on(event, listener as never);
        return () => events.off(event, listener as never);
      },
      close,
      [Symbol.asyncDispose]: close,
    };
    views.set(user, client);
    return client;
  }
  return view(undefined);
}
