import type { SchedulerAdapter } from './scheduler-adapter.js';

/** The groups of operations of the contract: `jobs`, `accounts`, `users`, `config`. */
export type OperationGroups = Pick<SchedulerAdapter, 'jobs' | 'accounts' | 'users' | 'config'>;

/** One group of operations of the contract. */
export type OperationGroup = keyof OperationGroups;

/**
 * The path of one operation of the {@link SchedulerAdapter} contract: `jobs.hold`, `config.nodes`,
 * `version`. Derived from the contract, so a method added there is an operation here.
 */
export type AdapterOperation =
  | { [G in OperationGroup]: `${G}.${keyof OperationGroups[G] & string}` }[OperationGroup]
  | 'version';

/** The contract's method at path `P`, required. */
type ContractMethod<P> = P extends `${infer G extends OperationGroup}.${infer M}`
  ? NonNullable<OperationGroups[G][M & keyof OperationGroups[G]]>
  : P extends 'version'
    ? SchedulerAdapter['version']
    : never;

type ParametersOf<F> = F extends (...args: infer A) => unknown ? A : never;

/** What the adapter's method at `P` takes before its context, as it arrives there (validated). */
export type ContractInputs<P> = ParametersOf<ContractMethod<P>> extends [...infer I, unknown] ? I : never;

/** The context the adapter's method at `P` takes last (`SubmitContext` for `jobs.submit`). */
export type ContractContext<P> = ParametersOf<ContractMethod<P>> extends [...unknown[], infer C] ? C : never;

/** What the adapter's method at `P` resolves with. */
export type ContractResult<P> = ContractMethod<P> extends (...args: never[]) => infer R ? R : never;
