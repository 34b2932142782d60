import { type CallContext, delay, type SchedulerUnavailableError } from '@hpckit/core';
import type { CallCounter } from '../calls/call-counter.js';
import type { MockOperation } from '../calls/mock-operations.js';
import type { FaultState } from '../faults/fault-injector.js';
import { fail } from '../mock-errors.js';

/** Runs one adapter operation: counted, delayed and failed as the faults say, on a caught-up simulation. */
export type CallGuard = <T>(operation: MockOperation, call: CallContext, run: () => T) => Promise<T>;

/** What {@link createCallGuard} needs. */
export interface CallGuardInit {
  cluster: string;
  counter: CallCounter;
  faults: FaultState;
  /** Brings the simulation up to the current virtual time. */
  catchUp(): void;
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
    if (outage) throw unavailable(init.cluster, operation);
    return result;
  };
}

function unavailable(cluster: string, operation: MockOperation): SchedulerUnavailableError {
  const tool = SPECIFIC_TOOL[operation] ?? TOOL[operation.split('.')[0]!] ?? 'scontrol';
  const stderr =
    tool === 'sbatch'
      ? 'sbatch: error: Batch job submission failed: Unable to contact slurm controller (connect failure)'
      : `${tool}: error: Unable to contact slurm controller (connect failure)`;
  return fail.unavailable({ details: { cluster, command: [tool], stderr, exitCode: 1 } });
}
