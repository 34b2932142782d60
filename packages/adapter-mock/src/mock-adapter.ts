import { performance } from 'node:perf_hooks';
import { defineSchedulerAdapter, parseInput, type SchedulerAdapter, ValidationError } from '@hpckit/core';
import { ADAPTER_NAME, ADAPTER_VERSION, SCHEDULER_VERSION } from './adapter-version.js';
import { type CallCounts, createCallCounter } from './calls/call-counter.js';
import { createVirtualClock } from './clock/virtual-clock.js';
import { defaultPartitionOf } from './cluster/cluster-config.js';
import { createMockClock, type MockClock } from './clock/mock-clock.js';
import { createAccountDirectory } from './directory/account-directory.js';
import { mockRules } from './errors/mock-rules.js';
import { createFaults, type MockFaults } from './faults/fault-injector.js';
import { defaultJobBehavior } from './jobs/default-job-behavior.js';
import type { JobBehavior } from './jobs/job-behavior.js';
import { createJobStore } from './jobs/job-store.js';
import {
  createAccountOperations,
  createConfigOperations,
  createUserOperations,
} from './operations/admin-operations.js';
import { createCallGuard, guardOperations } from './calls/call-guard.js';
import { createJobOperations } from './operations/job-operations.js';
import { type MockContext, viewOf } from './operations/mock-context.js';
import { type MockAdapterOptionsInput, MockAdapterOptionsSchema } from './options.js';
import { createPartitionRuntime } from './scheduler/partition-runtime.js';
import { createSimulator } from './scheduler/simulator.js';
import { createOutputWriter } from './files/output-writer.js';
import { posix } from 'node:path';

/**
 * A {@link SchedulerAdapter} backed by an in-memory Slurm-like scheduler, plus the controls a test
 * harness needs: its virtual clock, fault injection, call counters and job behaviour.
 */
export interface MockAdapter extends SchedulerAdapter {
  /** The virtual clock: read it, advance it, run until idle. */
  readonly clock: MockClock;
  /** Fault injection: outages, latency, accounting gaps. */
  readonly faults: MockFaults;
  /** Calls per operation so far, failed ones included (a copy). */
  readonly calls: CallCounts;
  /** Sets every call counter back to 0. */
  resetCalls(): void;
  /** How jobs submitted from now on behave when they run. */
  jobBehavior: JobBehavior;
}

/**
 * Creates an in-memory scheduler simulator that implements the whole adapter contract with every
 * capability: Slurm's submission rules and refusals, priority scheduling with EASY backfill over
 * real per-node resource accounting, arrays with throttles, dependencies, holds, time limits,
 * accounting history with Slurm's lags, and accounts with blocking — all in virtual time, so a
 * test runs a week of cluster life in milliseconds. `options.capabilities` turns capabilities off,
 * to see what callers get from a smaller scheduler.
 *
 * @throws `VALIDATION` if the options are malformed (paths such as `options.cluster.partitions.0.nodes`).
 * @example
 * ```ts
 * import { createClient } from '@hpckit/core';
 * import { ikkemMockCluster, mockAdapter } from '@hpckit/adapter-mock';
 *
 * const adapter = mockAdapter({ cluster: ikkemMockCluster() });
 * const client = createClient({ clusters: { hpc: { adapter } } });
 * const job = await client.as('alice').jobs.submit({ command: 'sleep 30m', timeLimit: '1h' });
 * adapter.clock.advance('31m'); // the job has now COMPLETED in virtual time
 * ```
 */
export function mockAdapter(options: MockAdapterOptionsInput = {}): MockAdapter {
  const o = parseInput(MockAdapterOptionsSchema, options, mockRules.subject('mock_adapter_options'), [
    'options',
  ]);
  const { cluster } = o;
  const partitions = cluster.partitions.map(createPartitionRuntime);
  const byName = new Map(partitions.map((p) => [p.def.name, p]));
  const faults = createFaults();
  const clock = createVirtualClock({
    mode: o.clock.mode,
    startMs: o.clock.start.getTime(),
    scale: o.clock.scale,
    realTime: o.clock.realTime ?? (() => performance.now()),
  });
  const minJobAgeMs = o.minJobAge * 1000;
  const output = createOutputWriter(o.files);
  const { homes } = o;
  const homeOf = typeof homes === 'string' ? (user: string) => posix.join(homes, user) : homes;
  const sim = createSimulator({
    observer: { started: (job) => output.started(job), ended: (job) => output.ended(job) },
    startMs: clock.now(),
    partitions,
    backfillDepth: o.backfillDepth,
    settle: (endMs) =>
      faults.state.purging
        ? { liveUntil: endMs, accountedAt: Number.POSITIVE_INFINITY }
        : {
            liveUntil: endMs + minJobAgeMs,
            // Without accounting history, an ended job is gone once it leaves the live queue.
            accountedAt: o.capabilities['accounting.history']
              ? endMs + faults.state.accountingDelayMs
              : Number.POSITIVE_INFINITY,
          },
  });
  const directory = createAccountDirectory(cluster);
  const store = createJobStore(o.firstJobId);
  let behavior: JobBehavior = o.jobBehavior ?? defaultJobBehavior;
  const ctx: MockContext = {
    cluster,
    store,
    sim,
    directory,
    submission: {
      partitions: byName,
      defaultPartition: byName.get(defaultPartitionOf(cluster).name)!,
      qos: new Map(cluster.qos.map((q) => [q.name, q])),
      defaultQos: cluster.defaultQos,
      directory,
    },
    faults: faults.state,
    defaultUser: o.defaultUser ?? (directory.user('alice') ? 'alice' : (cluster.users[0]?.name ?? 'alice')),
    admins: new Set(o.admins),
    maxArraySize: o.maxArraySize,
    idPrefix: o.idPrefix,
    behavior: () => behavior,
    homeOf,
    output,
  };
  const counter = createCallCounter();
  const guard = createCallGuard({
    cluster: cluster.name,
    counter,
    faults: faults.state,
    catchUp: () => sim.advanceTo(clock.now()),
    settled: () => output.settled(),
  });

  const adapter = defineSchedulerAdapter({
    name: ADAPTER_NAME,
    capabilities: o.capabilities,
    ...guardOperations(
      {
        jobs: createJobOperations(ctx),
        accounts: createAccountOperations(ctx),
        users: createUserOperations(ctx),
        config: createConfigOperations(ctx),
        version: () => ({ scheduler: ADAPTER_NAME, version: SCHEDULER_VERSION, adapter: ADAPTER_VERSION }),
      },
      guard,
      o.capabilities,
    ),
    // Nothing to release: the mock keeps no timers or connections.
    close: async () => {},
  });

  return {
    ...adapter,
    clock: createMockClock({ clock, sim, store, view: (job) => viewOf(ctx, job) }),
    faults: faults.control,
    get calls() {
      return counter.snapshot();
    },
    resetCalls: () => counter.reset(),
    get jobBehavior() {
      return behavior;
    },
    set jobBehavior(next: JobBehavior) {
      if (typeof next !== 'function') {
        throw new ValidationError({
          details: {
            ...mockRules.subject('job_behavior_setter'),
            issues: [mockRules.validationIssue(['jobBehavior'], 'not_a_job_behavior')],
          },
        });
      }
      behavior = next;
    },
  };
}
