import type { MockPartition } from '../cluster/mock-cluster-schema.js';
import type { NodeDemand } from '../resources/node-pool.js';
import { refuseSubmission } from './submission-refusal.js';

const NODE_CONFIG = 'Requested node configuration is not available';

/**
 * Refuses more cores per node than a node has, or more nodes than the partition has: slurmctld
 * checks these first, before any time limit.
 *
 * @throws `POLICY_VIOLATION` (`resources_unavailable`, with the limit, the request and the unit).
 */
export function checkCpus(demand: NodeDemand, partition: MockPartition): void {
  const subject = partition.name;
  const node = partition.node;
  if (demand.coresPerNode > node.cores) {
    throw refuseSubmission('resources_unavailable', {
      nativeReason: 'ESLURM_TOO_MANY_REQUESTED_CPUS',
      failure: 'More processors requested than permitted',
      subject,
      requested: demand.coresPerNode,
      limit: node.cores,
      unit: 'cores per node',
    });
  }
  if (demand.nodes > partition.nodes) {
    throw refuseSubmission('resources_unavailable', {
      nativeReason: 'ESLURM_INVALID_NODE_COUNT',
      failure: 'Node count specification invalid',
      subject,
      requested: demand.nodes,
      limit: partition.nodes,
      unit: 'nodes',
    });
  }
}

/**
 * Refuses more GPUs or memory per node than a node has ("Requested node configuration is not
 * available"): slurmctld checks these last, after the time limits.
 *
 * @throws `POLICY_VIOLATION` (`resources_unavailable`, with the limit, the request and the unit).
 */
export function checkNodeConfiguration(demand: NodeDemand, partition: MockPartition): void {
  const subject = partition.name;
  const node = partition.node;
  if (demand.gpusPerNode > node.gpus) {
    throw refuseSubmission('resources_unavailable', {
      nativeReason: 'ESLURM_REQUESTED_NODE_CONFIG_UNAVAILABLE',
      failure: NODE_CONFIG,
      subject,
      requested: demand.gpusPerNode,
      limit: node.gpus,
      unit: 'GPUs per node',
    });
  }
  if (demand.memoryPerNodeMiB > node.memory) {
    throw refuseSubmission('resources_unavailable', {
      nativeReason: 'ESLURM_REQUESTED_NODE_CONFIG_UNAVAILABLE',
      detail: 'Memory specification can not be satisfied',
      failure: NODE_CONFIG,
      subject,
      requested: demand.memoryPerNodeMiB,
      limit: node.memory,
      unit: 'MiB per node',
    });
  }
}
