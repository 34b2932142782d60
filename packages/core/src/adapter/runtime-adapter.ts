import { z } from 'zod';
import { InternalError, isHpckitError, UnsupportedError } from '../errors/hpckit-error.js';
import { parseInput } from '../errors/validation.js';
import { abortable, delay } from '../time/abort.js';
import type { BlockStatus, SchedulerAccount } from '../model/account.js';
import type { Availability, ClusterConfig } from '../model/cluster-config.js';
import type { Job, JobRecord } from '../model/job.js';
import { type JobPage, type JobQueryInput, JobQuerySchema } from '../model/job-query.js';
import { type JobSpecInput, JobSpecSchema } from '../model/job-spec.js';
import { JobIdSchema, NameSchema, UserNameSchema } from '../model/names.js';
import type { Capabilities, CapabilityKey } from './capabilities.js';
import { IdempotencyKeySchema } from './idempotency-key.js';
import type {
  CallContext,
  CancelResult,
  Membership,
  NodeAddress,
  RenderedSubmission,
  SchedulerAdapter,
  SchedulerVersion,
  SubmitContext,
  SubmitResult,
} from './scheduler-adapter.js';
import { type TimeLimitChangeInput, TimeLimitChangeSchema } from './time-limit-change.js';

/** How the runtime retries idempotent reads that failed with a retryable error. */
export interface RetryPolicy {
  /** Further attempts after the first. @default 2 */
  retries: number;
  /** Delay before the first retry, doubled each time. @default 200 */
  baseDelayMs: number;
}

/**
 * Runs before a spec is validated and handed to the scheduler (by submit and render): it may
 * return an adjusted spec (a site's defaults filled) or throw to refuse it (a `PolicyError` from a
 * site's resource rules). `@hpckit/billing`'s resource policy provides one.
 */
export type SubmitGuard = (
  spec: JobSpecInput,
  ctx: CallContext,
) => JobSpecInput | undefined | Promise<JobSpecInput | undefined>;

/** Options of {@link createRuntimeAdapter}. */
export interface RuntimeAdapterOptions {
  retry?: Partial<RetryPolicy>;
  /** Checks or adjusts every spec before submit and render. */
  beforeSubmit?: SubmitGuard;
}

/**
 * An adapter as core uses it: every method present, every input validated, undeclared capabilities
 * refused with one `UNSUPPORTED` error, abort signals honoured, idempotent reads retried, and
 * foreign exceptions wrapped. Adapter authors never implement this; `createClient` builds it.
 */
export interface RuntimeAdapter {
  readonly name: string;
  readonly capabilities: Capabilities;
  readonly jobs: {
    /** Validates and submits a job. */
    submit(spec: JobSpecInput, ctx?: SubmitContext): Promise<SubmitResult>;
    /** Validates a spec and returns what a submit would run. */
    render(spec: JobSpecInput, ctx?: CallContext): Promise<RenderedSubmission>;
    /** One job, live or from history. */
    get(id: string, ctx?: CallContext): Promise<Job>;
    /** Jobs matching a query. */
    list(query?: JobQueryInput, ctx?: CallContext): Promise<JobPage<JobRecord>>;
    /** Cancels a job. */
    cancel(id: string, ctx?: CallContext): Promise<CancelResult>;
    /** Holds a pending job. */
    hold(id: string, ctx?: CallContext): Promise<void>;
    /** Releases a held job. */
    release(id: string, ctx?: CallContext): Promise<void>;
    /** Changes a time limit. */
    updateTimeLimit(
      id: string,
      change: TimeLimitChangeInput,
      ctx?: CallContext,
    ): Promise<{ timeLimitSeconds: number }>;
  };
  readonly accounts: {
    /** Creates an account. */
    create(account: { name: string; owner?: string }, ctx?: CallContext): Promise<void>;
    /** Accounts with their members. */
    list(filter?: { user?: string }, ctx?: CallContext): Promise<SchedulerAccount[]>;
    /** Blocks (idempotent). */
    block(account: string, ctx?: CallContext): Promise<void>;
    /** Unblocks (idempotent). */
    unblock(account: string, ctx?: CallContext): Promise<void>;
    /** Whether it is blocked. */
    status(account: string, ctx?: CallContext): Promise<BlockStatus>;
  };
  readonly users: {
    /** Adds a user to an account. */
    add(membership: Membership, ctx?: CallContext): Promise<void>;
    /** Removes a user from an account. */
    remove(membership: Membership, ctx?: CallContext): Promise<void>;
    /** Blocks (idempotent). */
    block(membership: Membership, ctx?: CallContext): Promise<void>;
    /** Unblocks (idempotent). */
    unblock(membership: Membership, ctx?: CallContext): Promise<void>;
    /** Whether it is blocked. */
    status(membership: Membership, ctx?: CallContext): Promise<BlockStatus>;
  };
  readonly config: {
    /** Partitions and QoS of the cluster. */
    cluster(ctx?: CallContext): Promise<ClusterConfig>;
    /** What a (user, account) pair may use. */
    availability(membership: Membership, ctx?: CallContext): Promise<Availability>;
    /** Host names and addresses of the named nodes. */
    nodes(query: { names: string[] }, ctx?: CallContext): Promise<NodeAddress[]>;
  };
  /** Scheduler and adapter versions. */
  version(ctx?: CallContext): Promise<SchedulerVersion>;
  /** Closes the adapter once; later calls are no-ops. */
  close(): Promise<void>;
}

const MembershipSchema = z.strictObject({ user: UserNameSchema, account: NameSchema });
const AccountCreateSchema = z.strictObject({ name: NameSchema, owner: UserNameSchema.optional() });
const AccountFilterSchema = z.strictObject({ user: UserNameSchema.optional() });
const NodeQuerySchema = z.strictObject({ names: z.array(NameSchema).min(1, 'name at least one node') });

/**
 * Wraps an adapter in the runtime layer (see {@link RuntimeAdapter}).
 */
export function createRuntimeAdapter(
  adapter: SchedulerAdapter,
  options: RuntimeAdapterOptions = {},
): RuntimeAdapter {
  const retry: RetryPolicy = { retries: 2, baseDelayMs: 200, ...options.retry };
  // An adapter that retries per command would multiply attempts if core retried the whole call too.
  if (adapter.retriesReads) retry.retries = 0;
  const guarded = async (spec: JobSpecInput, ctx: CallContext | undefined) => {
    const input = options.beforeSubmit ? ((await options.beforeSubmit(spec, ctx ?? {})) ?? spec) : spec;
    return parseInput(JobSpecSchema, input, 'job spec');
  };
  let closing: Promise<void> | undefined;

  interface Call<T> {
    operation: string;
    capability?: CapabilityKey;
    idempotent: boolean;
    ctx: CallContext | undefined;
    run: (ctx: CallContext) => Promise<T> | undefined;
  }

  async function invoke<T>(call: Call<T>): Promise<T> {
    const ctx = call.ctx ?? {};
    if (call.capability && !adapter.capabilities[call.capability]) throw unsupported(call.capability);
    if (ctx.user !== undefined) {
      parseInput(UserNameSchema, ctx.user, 'call context', ['user']);
      if (!adapter.capabilities.actAsUser) throw unsupported('actAsUser');
    }
    for (let attempt = 0; ; attempt++) {
      ctx.signal?.throwIfAborted();
      try {
        const pending = call.run(ctx);
        if (pending === undefined) throw unsupported(call.capability ?? (call.operation as CapabilityKey));
        return await abortable(pending, ctx.signal);
      } catch (err) {
        if (ctx.signal?.aborted && err === ctx.signal.reason) throw err;
        const wrapped = isHpckitError(err) ? err : foreign(call.operation, err);
        if (!call.idempotent || !wrapped.retryable || attempt >= retry.retries) throw wrapped;
        await delay(retry.baseDelayMs * 2 ** attempt, ctx.signal);
      }
    }
  }

  function unsupported(capability: string): UnsupportedError {
    return new UnsupportedError({ details: { capability, adapter: adapter.name }, adapter: adapter.name });
  }

  function foreign(operation: string, err: unknown): InternalError {
    return new InternalError({
      details: { operation },
      message: `The adapter failed unexpectedly in ${operation}: ${err instanceof Error ? err.message : String(err)}.`,
      adapter: adapter.name,
      cause: err,
    });
  }

  const jobId = (id: string) => parseInput(JobIdSchema, id, 'job id');
  const membership = (m: Membership) => parseInput(MembershipSchema, m, 'membership');
  const accountName = (name: string) => parseInput(NameSchema, name, 'account name');
  const { jobs, accounts, users, config } = adapter;

  return {
    name: adapter.name,
    capabilities: adapter.capabilities,
    jobs: {
      submit: async (spec, ctx) => {
        // A key the adapter could not store and find again would let a retry submit twice.
        if (ctx?.idempotencyKey !== undefined)
          parseInput(IdempotencyKeySchema, ctx.idempotencyKey, 'submit context', ['idempotencyKey']);
        const parsed = await guarded(spec, ctx);
        requireSpecCapabilities(parsed, adapter, unsupported);
        return invoke({
          operation: 'jobs.submit',
          idempotent: false,
          ctx,
          run: (c) => jobs.submit(parsed, c),
        });
      },
      render: async (spec, ctx) => {
        const parsed = await guarded(spec, ctx);
        return invoke({
          operation: 'jobs.render',
          capability: 'jobs.render',
          idempotent: true,
          ctx,
          run: (c) => jobs.render?.(parsed, c),
        });
      },
      get: async (id, ctx) => {
        const parsed = jobId(id);
        return invoke({ operation: 'jobs.get', idempotent: true, ctx, run: (c) => jobs.get(parsed, c) });
      },
      list: async (query, ctx) => {
        const parsed = parseInput(JobQuerySchema, query ?? {}, 'job query');
        return invoke({ operation: 'jobs.list', idempotent: true, ctx, run: (c) => jobs.list(parsed, c) });
      },
      cancel: async (id, ctx) => {
        const parsed = jobId(id);
        return invoke({
          operation: 'jobs.cancel',
          idempotent: false,
          ctx,
          run: (c) => jobs.cancel(parsed, c),
        });
      },
      hold: async (id, ctx) => {
        const parsed = jobId(id);
        return invoke({
          operation: 'jobs.hold',
          capability: 'jobs.hold',
          idempotent: false,
          ctx,
          run: (c) => jobs.hold?.(parsed, c),
        });
      },
      release: async (id, ctx) => {
        const parsed = jobId(id);
        return invoke({
          operation: 'jobs.release',
          capability: 'jobs.hold',
          idempotent: false,
          ctx,
          run: (c) => jobs.release?.(parsed, c),
        });
      },
      updateTimeLimit: async (id, change, ctx) => {
        const parsedId = jobId(id);
        const parsed = parseInput(TimeLimitChangeSchema, change, 'time-limit change');
        return invoke({
          operation: 'jobs.updateTimeLimit',
          capability: 'jobs.updateTimeLimit',
          idempotent: false,
          ctx,
          run: (c) => jobs.updateTimeLimit?.(parsedId, parsed, c),
        });
      },
    },
    accounts: {
      create: async (account, ctx) => {
        const parsed = parseInput(AccountCreateSchema, account, 'account');
        return invoke({
          operation: 'accounts.create',
          capability: 'accounts.create',
          idempotent: false,
          ctx,
          run: (c) => accounts.create?.(parsed, c),
        });
      },
      list: async (filter, ctx) => {
        const parsed = parseInput(AccountFilterSchema, filter ?? {}, 'account filter');
        return invoke({
          operation: 'accounts.list',
          capability: 'accounts.list',
          idempotent: true,
          ctx,
          run: (c) => accounts.list?.(parsed, c),
        });
      },
      block: async (name, ctx) => {
        const parsed = accountName(name);
        return invoke({
          operation: 'accounts.block',
          capability: 'accounts.block',
          idempotent: true,
          ctx,
          run: (c) => accounts.block?.(parsed, c),
        });
      },
      unblock: async (name, ctx) => {
        const parsed = accountName(name);
        return invoke({
          operation: 'accounts.unblock',
          capability: 'accounts.block',
          idempotent: true,
          ctx,
          run: (c) => accounts.unblock?.(parsed, c),
        });
      },
      status: async (name, ctx) => {
        const parsed = accountName(name);
        return invoke({
          operation: 'accounts.status',
          capability: 'accounts.block',
          idempotent: true,
          ctx,
          run: (c) => accounts.status?.(parsed, c),
        });
      },
    },
    users: {
      add: async (m, ctx) => {
        const parsed = membership(m);
        return invoke({
          operation: 'users.add',
          capability: 'users.manage',
          idempotent: false,
          ctx,
          run: (c) => users.add?.(parsed, c),
        });
      },
      remove: async (m, ctx) => {
        const parsed = membership(m);
        return invoke({
          operation: 'users.remove',
          capability: 'users.manage',
          idempotent: false,
          ctx,
          run: (c) => users.remove?.(parsed, c),
        });
      },
      block: async (m, ctx) => {
        const parsed = membership(m);
        return invoke({
          operation: 'users.block',
          capability: 'users.block',
          idempotent: true,
          ctx,
          run: (c) => users.block?.(parsed, c),
        });
      },
      unblock: async (m, ctx) => {
        const parsed = membership(m);
        return invoke({
          operation: 'users.unblock',
          capability: 'users.block',
          idempotent: true,
          ctx,
          run: (c) => users.unblock?.(parsed, c),
        });
      },
      status: async (m, ctx) => {
        const parsed = membership(m);
        return invoke({
          operation: 'users.status',
          capability: 'users.block',
          idempotent: true,
          ctx,
          run: (c) => users.status?.(parsed, c),
        });
      },
    },
    config: {
      cluster: async (ctx) =>
        invoke({ operation: 'config.cluster', idempotent: true, ctx, run: (c) => config.cluster(c) }),
      availability: async (m, ctx) => {
        const parsed = membership(m);
        return invoke({
          operation: 'config.availability',
          capability: 'config.availability',
          idempotent: true,
          ctx,
          run: (c) => config.availability?.(parsed, c),
        });
      },
      nodes: async (query, ctx) => {
        const parsed = parseInput(NodeQuerySchema, query, 'node query');
        return invoke({
          operation: 'config.nodes',
          capability: 'config.nodes',
          idempotent: true,
          ctx,
          run: (c) => config.nodes?.(parsed, c),
        });
      },
    },
    version: async (ctx) =>
      invoke({ operation: 'version', idempotent: true, ctx, run: (c) => adapter.version(c) }),
    close: () => {
      closing ??= Promise.resolve(adapter.close?.());
      return closing;
    },
  };
}

function requireSpecCapabilities(
  spec: ReturnType<typeof JobSpecSchema.parse>,
  adapter: SchedulerAdapter,
  unsupported: (capability: string) => Error,
): void {
  if (spec.array && !adapter.capabilities['jobs.arrays']) throw unsupported('jobs.arrays');
  if (spec.dependencies?.length && !adapter.capabilities['jobs.dependencies'])
    throw unsupported('jobs.dependencies');
  if (spec.hold && !adapter.capabilities['jobs.hold']) throw unsupported('jobs.hold');
}
