import type { PolicyViolationDetail } from '../details.js';
import { durationForMessage } from '../../time/duration.js';
import type { ViolationCode } from '../violation-codes.js';

type Facts = PolicyViolationDetail;

const list = (names: string[] | undefined): string => (names ?? []).map((n) => `"${n}"`).join(', ');
// A time limit of 0 means "no limit" to Slurm, so the check reports it as the string "unlimited".
const time = (v: number | string | undefined): string =>
  typeof v === 'number' ? durationForMessage(v) : '0 (no limit)';
const s = (n: number | string | undefined, one: string, many: string): string =>
  `${n} ${n === 1 ? one : many}`;

/** English resource-policy violations: what was exceeded, by how much, and the way out. */
export const violationsEn: Record<ViolationCode, (f: Facts) => string> = {
  partition_required: (f) =>
    `No partition was given and the site has no default partition. Choose one of ${list(f.allowed)}.`,
  unknown_partition: (f) => `Partition "${f.requested}" does not exist. Choose one of ${list(f.allowed)}.`,
  unknown_qos: (f) => `QoS "${f.requested}" does not exist. Choose one of ${list(f.allowed)}.`,
  qos_not_allowed: (f) =>
    `QoS "${f.requested}" is not allowed in partition "${f.partition}". Choose one of ${list(f.allowed)}.`,
  gpu_required: (f) =>
    `Jobs in partition "${f.partition}" must request at least ${s(f.limit, 'GPU', 'GPUs')}; ${f.requested} were requested. Request GPUs, or use a CPU partition for CPU-only work.`,
  gpus_per_node: (f) =>
    f.limit === 0
      ? `Partition "${f.partition}" has no GPUs, but ${s(f.requested, 'GPU', 'GPUs')} per node were requested. Remove the GPU request or use a GPU partition.`
      : `Partition "${f.partition}" has at most ${s(f.limit, 'GPU', 'GPUs')} per node; ${f.requested} were requested per node. Request fewer GPUs per node, or more nodes.`,
  cores_per_node: (f) =>
    `Partition "${f.partition}" has at most ${f.limit} cores per node; ${f.requested} were requested per node. Request fewer cores per node, or more nodes.`,
  gpu_cores_per_node: (f) =>
    `A job with ${s(f.gpusPerNode, 'GPU', 'GPUs')} per node may use at most ${f.limit} cores per node (${f.perUnit} per GPU); ${f.requested} were requested. Reduce the cores or request more GPUs.`,
  memory_per_core: (f) =>
    `With ${s(f.coresPerNode, 'core', 'cores')} per node, the maximum memory per node is ${f.limit} GB (${f.perUnit} GB per core); the ${f.requested} GB requested exceeds it. Reduce the memory or request more cores.`,
  gpu_memory_per_node: (f) =>
    `The maximum memory per node for a job with ${s(f.gpusPerNode, 'GPU', 'GPUs')} per node is ${f.limit} GB (${f.perUnit} GB per GPU); the ${f.requested} GB requested exceeds it. Reduce the memory or request more GPUs.`,
  node_memory: (f) =>
    `Nodes of partition "${f.partition}" have at most ${f.limit} GB of usable memory; the ${f.requested} GB requested per node exceeds it. Reduce the memory per node, or spread the job over more nodes.`,
  qos_wall_time: (f) =>
    `The time limit of ${time(f.requested)} exceeds the maximum of ${time(f.limit)} of QoS "${f.qos}". Lower the time limit${alternatives(f)}.`,
  partition_wall_time: (f) =>
    `The time limit of ${time(f.requested)} exceeds the maximum of ${time(f.limit)} of partition "${f.partition}". Lower the time limit.`,
  directive_not_allowed: (f) =>
    `The option "--${f.requested}" is not allowed here: ${f.directiveReason}, so the site's rules cannot check it. Remove it from the script or directives, or express the request with the job's fields (nodes, cores, GPUs, memory, time)${f.allowed?.length ? `; allowed options: ${list(f.allowed.map((o) => `--${o}`))}` : ''}.`,
};

function alternatives(f: Facts): string {
  return f.allowed?.length ? `, or use a QoS that allows it: ${list(f.allowed)}` : '';
}
