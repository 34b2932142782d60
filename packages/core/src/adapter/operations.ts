import type { CapabilityKey } from './capabilities.js';
import {
  accountFilter,
  accountName,
  batchSubmissions,
  jobId,
  jobQuery,
  jobSpec,
  membership,
  newAccount,
  nodeQuery,
  timeLimitChange,
} from './operation-inputs.js';
import type { AdapterOperation, ContractInputs } from './operation-types.js';

/** How core runs one operation of the adapter contract (one row of {@link ADAPTER_OPERATIONS}). */
export interface AdapterOperationSpec {
  /** The capability an adapter must declare for the operation; none for the contract's required ones. */
  readonly capability?: CapabilityKey;
  /**
   * Whether making the call twice does no more than making it once. Core retries such calls when
   * they fail with a retryable error; any other call reaches the scheduler at most once.
   */
  readonly idempotent: boolean;
  /**
   * One parser per input before the call context, in order: each takes what a caller passes and
   * returns what the adapter receives, or throws a `VALIDATION` error naming the input.
   */
  readonly input: readonly ((value: never) => unknown)[];
}

type Parsers<A> = { readonly [I in keyof A]: (value: never) => A[I] };

// Every operation of the contract, each with parsers whose results are exactly what the
// contract's method takes: a method added to the contract fails to compile until it has a row.
type OperationTable = {
  readonly [P in AdapterOperation]: AdapterOperationSpec & { readonly input: Parsers<ContractInputs<P>> };
};

const table = {
  // Not idempotent as such, but a submission with an idempotency key is: the runtime retries it
  // like a read, the retry marked `freshKey: false` so the adapter first looks for the job the
  // failed attempt may have created. A first attempt with a key core generated (`freshKey: true`)
  // skips that lookup: no job can carry a key never sent.
  'jobs.submit': { idempotent: false, input: [jobSpec] },
  // Each job of a batch is retried alone, with its key, by the runtime: never the whole batch.
  'jobs.submitMany': { capability: 'jobs.submitMany', idempotent: false, input: [batchSubmissions] },
  'jobs.render': { capability: 'jobs.render', idempotent: true, input: [jobSpec] },
  'jobs.get': { idempotent: true, input: [jobId] },
  'jobs.list': { idempotent: true, input: [jobQuery] },
  // A repeated cancel would answer `already_ended` for the job the first attempt cancelled.
  'jobs.cancel': { idempotent: false, input: [jobId] },
  // Repeated, these would be refused for what the first attempt did (the job is no longer pending,
  // a delta applied twice).
  'jobs.hold': { capability: 'jobs.hold', idempotent: false, input: [jobId] },
  'jobs.release': { capability: 'jobs.hold', idempotent: false, input: [jobId] },
  'jobs.updateTimeLimit': {
    capability: 'jobs.updateTimeLimit',
    idempotent: false,
    input: [jobId, timeLimitChange],
  },
  'accounts.create': { capability: 'accounts.create', idempotent: false, input: [newAccount] },
  'accounts.list': { capability: 'accounts.list', idempotent: true, input: [accountFilter] },
  // Block and unblock are idempotent by contract: setting a state already set changes nothing.
  'accounts.block': { capability: 'accounts.block', idempotent: true, input: [accountName] },
  'accounts.unblock': { capability: 'accounts.block', idempotent: true, input: [accountName] },
  'accounts.status': { capability: 'accounts.block', idempotent: true, input: [accountName] },
  'users.add': { capability: 'users.manage', idempotent: false, input: [membership] },
  'users.remove': { capability: 'users.manage', idempotent: false, input: [membership] },
  'users.block': { capability: 'users.block', idempotent: true, input: [membership] },
  'users.unblock': { capability: 'users.block', idempotent: true, input: [membership] },
  'users.status': { capability: 'users.block', idempotent: true, input: [membership] },
  'config.cluster': { idempotent: true, input: [] },
  'config.availability': { capability: 'config.availability', idempotent: true, input: [membership] },
  'config.nodes': { capability: 'config.nodes', idempotent: true, input: [nodeQuery] },
  version: { idempotent: true, input: [] },
} satisfies OperationTable;

for (const spec of Object.values(table)) Object.freeze(Object.freeze(spec).input);

/**
 * Every operation of the adapter contract, by path, with what core does around it: the capability
 * that guards it, whether it is retried, and how its input is validated before the adapter sees
 * it. What each operation does is documented once, on the contract ({@link SchedulerAdapter}).
 * The runtime layer, `defineSchedulerAdapter`'s checks, the conformance suite and the mock's call
 * counters are all built from this table.
 *
 * @example
 * ```ts
 * ADAPTER_OPERATIONS['jobs.release'].capability; // 'jobs.hold'
 * ADAPTER_OPERATIONS['jobs.list'].idempotent; // true: retried on a retryable error
 * ```
 */
export const ADAPTER_OPERATIONS = Object.freeze(table);

/** The path of every operation in {@link ADAPTER_OPERATIONS}, in the table's order. */
export const ADAPTER_OPERATION_PATHS = Object.freeze(Object.keys(table)) as readonly [
  AdapterOperation,
  ...AdapterOperation[],
];

/** What a caller passes to the operation at `P`, before the context: the inputs of its parsers. */
export type OperationInputs<P extends AdapterOperation> = CallerInputs<(typeof table)[P]['input']>;

type CallerInputs<T> = T extends readonly [infer F, ...infer R]
  ? [...(F extends (...args: infer A) => unknown ? A : never), ...CallerInputs<R>]
  : [];

/** An operation that runs only if an adapter declares its capability. */
export type GuardedOperation = {
  [P in AdapterOperation]: (typeof table)[P] extends { capability: CapabilityKey } ? P : never;
}[AdapterOperation];

/** A capability that guards at least one operation. */
export type OperationCapability = (typeof table)[GuardedOperation]['capability'];

/**
 * The operations a capability guards, in table order, e.g. `jobs.hold` → `jobs.hold`,
 * `jobs.release`; none for a feature of a call such as `jobs.arrays`.
 *
 * @example
 * ```ts
 * methodsOf('accounts.block'); // ['accounts.block', 'accounts.unblock', 'accounts.status']
 * ```
 */
export function methodsOf(capability: CapabilityKey): readonly AdapterOperation[] {
  return ADAPTER_OPERATION_PATHS.filter(
    (path) => (ADAPTER_OPERATIONS[path] as AdapterOperationSpec).capability === capability,
  );
}

/**
 * The method at `path` of an adapter-shaped object (an adapter, a runtime adapter), bound to its
 * group, or `undefined` if it has none.
 */
export function operationOf(
  target: object,
  path: AdapterOperation,
): ((...args: never[]) => unknown) | undefined {
  const [first, method] = path.split('.') as [string, string | undefined];
  const holder = method === undefined ? target : (target as Record<string, object | undefined>)[first];
  const fn = holder === undefined ? undefined : (holder as Record<string, unknown>)[method ?? first];
  return typeof fn === 'function' ? (fn as (...args: never[]) => unknown).bind(holder) : undefined;
}
