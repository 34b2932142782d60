import { z } from 'zod';
import { errorsFor } from '../errors/error-factory.js';
import { type InternalError, isHpckitError, type UnsupportedError } from '../errors/hpckit-error.js';
import { parseInput, validationSubject } from '../errors/validation.js';
import type { JobSpec, JobSpecInput } from '../model/job-spec.js';
import { UserNameSchema } from '../model/names.js';
import { traceOperations } from '../diagnostics/trace-operations.js';
import { abortable, delay } from '../time/abort.js';
import type { Capabilities, CapabilityKey } from './capabilities.js';
import type { BatchSubmissionInput, BatchSubmitContext, SubmitOutcome } from './batch-submission.js';
import { IdempotencyKeySchema } from './idempotency-key.js';
import type {
  AdapterOperation,
  ContractContext,
  ContractResult,
  OperationGroup,
  OperationGroups,
} from './operation-types.js';
import { batchItem } from './operation-inputs.js';
import {
  ADAPTER_OPERATION_PATHS,
  ADAPTER_OPERATIONS,
  type AdapterOperationSpec,
  type OperationInputs,
  operationOf,
} from './operations.js';
import { submitMany } from './runtime-submit-many.js';
import { stampCluster } from './stamp-cluster.js';
import type { CallContext, SchedulerAdapter, SubmitContext, SubmitResult } from './scheduler-adapter.js';

/**
 * How the runtime retries idempotent reads, and submissions with an idempotency key, that failed
 * with a retryable error.
 */
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
  /**
   * The client's key of the cluster (the client passes it): the cluster of every job returned, so
   * `job.cluster` can be passed back to any call, and the name in `hpckit:operation:*` diagnostics
   * messages. Absent: jobs keep the name the adapter gave them.
   */
  cluster?: string;
}

/**
 * The operations of one group of the contract as the runtime offers them: every method present,
 * taking what a caller may pass (see {@link ADAPTER_OPERATIONS} for how it is validated) and an
 * optional call context. Each method is documented on the contract ({@link SchedulerAdapter}).
 */
export type RuntimeOperations<G extends OperationGroup> = {
  readonly [K in keyof OperationGroups[G]]-?: RuntimeMethod<`${G}.${K & string}`>;
};

type RuntimeMethod<P> = P extends AdapterOperation
  ? (...args: [...OperationInputs<P>, ctx?: ContractContext<P>]) => ContractResult<P>
  : never;

/**
 * An adapter as core uses it: every method present, every input validated, undeclared capabilities
 * refused with one `UNSUPPORTED` error, abort signals honoured, idempotent reads and keyed
 * submissions retried, and foreign exceptions wrapped. Adapter authors never implement this; `createClient` builds it.
 */
export interface RuntimeAdapter {
  readonly name: string;
  readonly capabilities: Capabilities;
  readonly jobs: RuntimeOperations<'jobs'>;
  readonly accounts: RuntimeOperations<'accounts'>;
  readonly users: RuntimeOperations<'users'>;
  readonly config: RuntimeOperations<'config'>;
  /** Scheduler and adapter versions. */
  version: RuntimeMethod<'version'>;
  /** Closes the adapter once; later calls are no-ops. */
  close(): Promise<void>;
}

type AnyMethod = (...args: unknown[]) => Promise<unknown>;
type Parser = (value: unknown) => unknown;

/**
 * Wraps an adapter in the runtime layer (see {@link RuntimeAdapter}): every method is built from
 * {@link ADAPTER_OPERATIONS}; only submit and render do more (the submit guard, the idempotency
 * key, the capabilities a spec needs).
 */
export function createRuntimeAdapter(
  adapter: SchedulerAdapter,
  options: RuntimeAdapterOptions = {},
): RuntimeAdapter {
  const retry: RetryPolicy = { retries: 2, baseDelayMs: 200, ...options.retry };
  // An adapter that retries per command would multiply attempts if core retried the whole call too.
  if (adapter.retriesReads) retry.retries = 0;
  let closing: Promise<void> | undefined;
  const fail = errorsFor(adapter.name);

  /**
   * Checks the capability and the acting user, then runs the adapter's method with retries.
   * `retryContext`, when given, makes a call that is not idempotent retryable: each retry runs
   * with the context it returns.
   */
  async function invoke(
    path: AdapterOperation,
    inputs: unknown[],
    given: CallContext | undefined,
    retryContext?: (ctx: CallContext) => CallContext,
  ) {
    const { capability, idempotent } = ADAPTER_OPERATIONS[path] as AdapterOperationSpec;
    let ctx = given ?? {};
    admit(path, ctx);
    for (let attempt = 0; ; attempt++) {
      ctx.signal?.throwIfAborted();
      try {
        const method = operationOf(adapter, path) as AnyMethod | undefined;
        if (method === undefined && capability === undefined) throw missing(path);
        const pending = method?.(...inputs, ctx);
        if (pending === undefined) throw unsupported(capability ?? path);
        const result = await abortable(pending, ctx.signal);
        return options.cluster === undefined ? result : stampCluster(path, result, options.cluster);
      } catch (err) {
        if (ctx.signal?.aborted && err === ctx.signal.reason) throw err;
        const wrapped = isHpckitError(err) ? err : foreign(path, err);
        if (!(idempotent || retryContext) || !wrapped.retryable || attempt >= retry.retries) throw wrapped;
        await delay(retry.baseDelayMs * 2 ** attempt, ctx.signal);
        if (retryContext) ctx = retryContext(ctx);
      }
    }
  }

  /** Refuses a call the adapter cannot make: an undeclared capability, or a user it cannot act for. */
  function admit(path: AdapterOperation, ctx: CallContext): void {
    const { capability } = ADAPTER_OPERATIONS[path] as AdapterOperationSpec;
    if (capability && !adapter.capabilities[capability]) throw unsupported(capability);
    if (ctx.user !== undefined) {
      parseInput(UserNameSchema, ctx.user, validationSubject('call_context'), ['user']);
      if (!adapter.capabilities.actAsUser) throw unsupported('actAsUser');
    }
  }

  /** The runtime method at `path`: validates its inputs in order, then invokes. */
  function method(path: AdapterOperation): AnyMethod {
    const parsers = (ADAPTER_OPERATIONS[path] as AdapterOperationSpec).input as readonly Parser[];
    return async (...args) =>
      invoke(
        path,
        parsers.map((parse, i) => parse(args[i])),
        args[parsers.length] as CallContext | undefined,
      );
  }

  /** The spec the submit guard leaves, validated as the operation at `path` validates it. */
  async function guarded(
    path: 'jobs.submit' | 'jobs.render',
    spec: JobSpecInput,
    ctx: CallContext | undefined,
  ): Promise<JobSpec> {
    const input = options.beforeSubmit ? ((await options.beforeSubmit(spec, ctx ?? {})) ?? spec) : spec;
    return ADAPTER_OPERATIONS[path].input[0](input);
  }

  const methods = new Map(ADAPTER_OPERATION_PATHS.map((path) => [path, method(path)]));
  methods.set('jobs.submit', async (spec, ctx) => {
    const context = ctx as SubmitContext | undefined;
    // A key the adapter could not store and find again would let a retry submit twice.
    if (context?.idempotencyKey !== undefined)
      parseInput(IdempotencyKeySchema, context.idempotencyKey, validationSubject('submit_context'), [
        'idempotencyKey',
      ]);
    if (context?.freshKey !== undefined)
      parseInput(FreshKeySchema, context.freshKey, validationSubject('submit_context'), ['freshKey']);
    const parsed = await guarded('jobs.submit', spec as JobSpecInput, context);
    requireSpecCapabilities(parsed, adapter, unsupported);
    // With a key, submitting again is safe: the retry looks the key up first, since the failed
    // attempt may have reached the scheduler.
    const keyed = context?.idempotencyKey !== undefined;
    return invoke('jobs.submit', [parsed], context, keyed ? retriedSubmission : undefined);
  });
  methods.set('jobs.submitMany', (items, ctx) =>
    submitMany(items as readonly BatchSubmissionInput[], (ctx ?? {}) as BatchSubmitContext, {
      admit: (context) => admit('jobs.submitMany', context),
      async validate(item, index, context) {
        const checked = batchItem(item, index);
        const spec = await guarded('jobs.submit', item.spec, context);
        requireSpecCapabilities(spec, adapter, unsupported);
        return { ...checked, spec };
      },
      send: (submissions, context) =>
        invoke('jobs.submitMany', [submissions], context) as Promise<SubmitOutcome[]>,
      resubmit(submission, context) {
        const keyed: SubmitContext = {
          user: context.user,
          signal: context.signal,
          idempotencyKey: submission.idempotencyKey,
          freshKey: false,
        };
        return invoke('jobs.submit', [submission.spec], keyed, retriedSubmission) as Promise<SubmitResult>;
      },
      retry,
      internal: (reason, facts) =>
        fail.internal({ details: { operation: 'jobs.submitMany', reason, ...facts } }),
    }),
  );
  methods.set('jobs.render', async (spec, ctx) => {
    const context = ctx as CallContext | undefined;
    return invoke('jobs.render', [await guarded('jobs.render', spec as JobSpecInput, context)], context);
  });
  traceOperations(methods, { adapter: adapter.name, cluster: options.cluster });

  function unsupported(capability: string): UnsupportedError {
    return fail.unsupported({ details: { capability } });
  }

  function missing(operation: string): InternalError {
    return fail.internal({ details: { operation, reason: 'missing_operation' } });
  }

  // Anything but an HpckitError from an adapter is a bug in it: the error's own text is its fact.
  function foreign(operation: string, err: unknown): InternalError {
    return fail.internal({
      details: { operation, nativeMessage: err instanceof Error ? err.message : String(err) },
      cause: err,
    });
  }

  return {
    name: adapter.name,
    capabilities: adapter.capabilities,
    ...(groupsOf(methods) as Pick<RuntimeAdapter, OperationGroup | 'version'>),
    close: () => {
      closing ??= Promise.resolve(adapter.close?.());
      return closing;
    },
  };
}

const FreshKeySchema = z.boolean({ error: 'must be true or false' });

/** The context of a submission's retry: its key may now have a job. */
function retriedSubmission(ctx: CallContext): SubmitContext {
  return { ...ctx, freshKey: false };
}

/** Sorts methods keyed by path into the contract's shape: `{ jobs: { hold }, version }`. */
function groupsOf(methods: Map<AdapterOperation, AnyMethod>): Record<string, unknown> {
  const shaped: Record<string, unknown> = {};
  for (const [path, fn] of methods) {
    const [group, name] = path.split('.') as [string, string | undefined];
    if (name === undefined) {
      shaped[group] = fn;
      continue;
    }
    shaped[group] ??= {};
    (shaped[group] as Record<string, AnyMethod>)[name] = fn;
  }
  return shaped;
}

function requireSpecCapabilities(
  spec: JobSpec,
  adapter: SchedulerAdapter,
  unsupported: (capability: CapabilityKey) => Error,
): void {
  if (spec.array && !adapter.capabilities['jobs.arrays']) throw unsupported('jobs.arrays');
  if (spec.dependencies?.length && !adapter.capabilities['jobs.dependencies'])
    throw unsupported('jobs.dependencies');
  if (spec.hold && !adapter.capabilities['jobs.hold']) throw unsupported('jobs.hold');
}
