/**
 * An in-memory scheduler simulator for hpckit test harnesses: the whole adapter contract with every
 * capability, Slurm's rules and refusals, scheduling in virtual time, and fault injection.
 *
 * @packageDocumentation
 * @module @hpckit/adapter-mock
 */

// Adapter
export { mockAdapter } from './mock-adapter.js';
export type { MockAdapter } from './mock-adapter.js';
export {
  DEFAULT_MOCK_START,
  MockAdapterOptionsSchema,
  MockCapabilitiesSchema,
  MockClockOptionsSchema,
} from './options.js';
export type { MockAdapterOptions, MockAdapterOptionsInput, MockClockOptionsInput } from './options.js';

// Cluster
export { ikkemMockCluster } from './presets/ikkem-mock-cluster.js';
export {
  MockAccountSchema,
  MockClusterSchema,
  MockMemberSchema,
  MockNodeSchema,
  MockPartitionSchema,
  MockQosSchema,
  MockUserSchema,
} from './cluster/mock-cluster-schema.js';
export type { MockCluster, MockClusterInput, MockPartition, MockQos } from './cluster/mock-cluster-schema.js';

// Job behaviour
export { defaultJobBehavior, interpretScript } from './jobs/default-job-behavior.js';
export { BEHAVIOR_OUTCOMES, JobBehaviorResultSchema } from './jobs/job-behavior.js';
export type { BehaviorOutcome, JobBehavior, JobBehaviorResult } from './jobs/job-behavior.js';

// Jobs' files
export type { MockFileSink } from './files/job-files-sink.js';

// Clock
export type { IdleReport, MockClock, RunUntilIdleOptions } from './clock/mock-clock.js';
export type { ClockMode } from './clock/virtual-clock.js';

// Calls and faults
export { MOCK_OPERATIONS } from './calls/mock-operations.js';
export type { MockOperation } from './calls/mock-operations.js';
export type { CallCounts } from './calls/call-counter.js';
export type { LatencyInput, MockFaults, UnavailableOptions } from './faults/fault-injector.js';
