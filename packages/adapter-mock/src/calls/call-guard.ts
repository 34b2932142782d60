import {
  ADAPTER_OPERATIONS,
  type AdapterOperationSpec,
  type CallContext,
  type Capabilities,
  delay,
  type SchedulerAdapterDefinition,
  type SchedulerUnavailableError,
} from '@hpckit/core';
import type { FaultState } from '../faults/fault-injector.js';
import { fail } from '../mock-errors.js';
import type { ImmediateOperations } from '../operations/immediate-operations.js';
import type { CallCounter } from './call-counter.js';
import { MOCK_OPERATIONS, type MockOperation } from './mock-operations.js';

/** Runs one adapter operation: counted, delayed and failed as the faults say, on a caught-up simulation. */
export type CallGuard = <T>(operation: MockOperation, call: CallContext, run: () => T) => Promise<T>;

/** What {@link createCallGuard} needs. */
export interface CallGuardInit {
  cluster: string;
  counter: CallCounter;
  faults: FaultState;
  /** Brings the simulation up to the current virtual time. */
  catchUp(): void;
  /** Waits until the files the simulation wrote so far are written (rejects with a failed write). */
  settled?(): Promise<void>;
}

// The client each operation stands for, so an injected outage reads like the real one.
const TOOL: Record<string, string> = {
  jobs: 'squeue',
  accounts: 'sacctmgr',
  users: 'sacctmgr',
  config: 'sinfo',
  version: 'scontrol',
};
const SPECIFIC_TOOL: Partial<Record<MockOperation, string>> = {
  'jobs.submit': 'sbatch',
  'jobs.submitMany': 'sbatch',
  'jobs.render': 'sbatch',
  'jobs.cancel': 'scancel',
  'jobs.hold': 'scontrol',
  'jobs.release': 'scontrol',
  'jobs.updateTimeLimit': 'scontrol',
};

/**
 * Creates the wrapper every operation runs in: count the call (failed ones too), wait the injected
 * latency (abortable), fail if an outage is injected, catch the simulation up, then run — and for a
 * "response lost" outage, run first and fail after.
 */
export function createCallGuard(init: CallGuardInit): CallGuard {
  return async (operation, call, run) => {
    init.counter.count(operation);
    const latency = init.faults.latencyFor(operation);
    if (latency > 0) await delay(latency, call.signal);
    const outage = init.faults.takeUnavailable(operation);
    if (outage && !outage.responseLost) throw unavailable(init.cluster, operation);
    init.catchUp();
    const result = run();
    // A portal reads a job's files once the job says it ended: they must be there by then.
    await init.settled?.();
    if (outage) throw unavailable(init.cluster, operation);
    return result;
  };
}

/** The operations of an adapter definition. */
export type GuardedOperations = Pick<
  SchedulerAdapterDefinition,
  'jobs' | 'accounts' | 'users' | 'config' | 'version'
>;

/**
 * Makes every operation of core's table an adapter operation run through `guard`, counted under its
 * path: the operation's inputs, then its call context, go to the matching immediate operation.
 * Operations of a capability `declared` false are left out, as a scheduler without it has none.
 */
export function guardOperations(
  immediate: ImmediateOperations,
  guard: CallGuard,
  declared: Capabilities,
): GuardedOperations {
  const guarded: Record<string, unknown> = { jobs: {}, accounts: {}, users: {}, config: {} };
  for (const path of MOCK_OPERATIONS) {
    const { capability } = ADAPTER_OPERATIONS[path] as AdapterOperationSpec;
    if (capability !== undefined && !declared[capability]) continue;
    const [group, name] = path.split('.') as [string, string | undefined];
    const source = (name === undefined ? immediate : immediate[group as keyof ImmediateOperations]) as Record<
      string,
      (...args: unknown[]) => unknown
    >;
    const run = source[name ?? group]!;
    // The call context follows the operation's inputs, wherever a caller left it out.
    const at = (ADAPTER_OPERATIONS[path] as AdapterOperationSpec).input.length;
    const method = (...args: unknown[]) => guard(path, args[at] as CallContext, () => run(...args));
    if (name === undefined) guarded[group] = method;
    else guarded[group] = { ...(guarded[group] as object), [name]: method };
  }
  return guarded as unknown as GuardedOperations;
}

function unavailable(cluster: string, operation: MockOperation): SchedulerUnavailableError {
  const tool = SPECIFIC_TOOL[operation] ?? TOOL[operation.split('.')[0]!] ?? 'scontrol';
  const stderr =
    tool === 'sbatch'
      ? 'sbatch: error: Batch job submission failed: Unable to contact slurm controller (connect failure)'
      : `${tool}: error: Unable to contact slurm controller (connect failure)`;
  return fail.unavailable({ details: { cluster, command: [tool], stderr, exitCode: 1 } });
}
