/**
 * The cluster's partitions and QoS from slurmrestd: `/partitions` and `/nodes` of slurmctld, and
 * `/qos` of slurmdbd. Field names are the same from v0.0.36 to v0.0.38; v0.0.39+ wrap numbers,
 * which {@link slurmCount} reads either way.
 */
import type { ClusterConfig, Partition, Qos } from '@hpckit/core';
import { expandHostlist } from '../parse/hostlist.js';
import { gpusFromGres } from '../parse/tres.js';
import { slurmCount, slurmText } from './values.js';

type Raw = Record<string, unknown>;

/** Partitions (with the shape of their smallest node) and QoS as core's model. */
export function decodeClusterConfig(
  name: string,
  partitions: Raw[],
  nodes: Raw[],
  qos: Raw[],
): ClusterConfig {
  const byName = new Map(nodes.map((n) => [String(n.name ?? ''), n]));
  return {
    name,
    partitions: partitions.map((p) => decodePartition(p, byName)),
    qos: qos.map(decodeQos),
  };
}

function decodePartition(p: Raw, nodes: Map<string, Raw>): Partition {
  // v0.0.39+ nest the fields (`nodes.configured`, `partition.state`), older plugins keep them flat.
  const nested = typeof p.nodes === 'object' && p.nodes !== null;
  const nodeList = nested ? slurmText((p.nodes as Raw).configured) : slurmText(p.nodes);
  const members = (nodeList ? expandHostlist(nodeList) : []).flatMap((n) => {
    const node = nodes.get(n);
    return node ? [node] : [];
  });
  const min = (pick: (n: Raw) => number) => (members.length ? Math.min(...members.map(pick)) : 0);
  const flags = (Array.isArray(p.flags) ? p.flags : []) as string[];
  const state = nested ? ((p.partition as Raw | undefined)?.state as unknown) : p.state;
  const up = Array.isArray(state) ? state.includes('UP') : String(state ?? '').toUpperCase() === 'UP';
  const maxTime = slurmCount(nested ? (p.maximums as Raw | undefined)?.time : p.max_time_limit);
  const defTime = slurmCount(nested ? (p.defaults as Raw | undefined)?.time : p.default_time_limit);
  const defMem = slurmCount(
    nested ? (p.defaults as Raw | undefined)?.memory_per_cpu : p.default_memory_per_cpu,
  );
  const result: Partition = {
    name: String(p.name ?? ''),
    isDefault: flags.includes('default') || flags.includes('DEFAULT'),
    nodes: members.length,
    node: {
      cores: min((n) => slurmCount(n.cpus) ?? 0),
      memoryMiB: min((n) => slurmCount(n.real_memory) ?? 0),
      gpus: min((n) => gpusFromGres(slurmText(n.gres) ?? '')),
    },
    up,
  };
  if (maxTime && maxTime > 0) result.maxTimeSeconds = maxTime * 60;
  if (defTime && defTime > 0) result.defaultTimeSeconds = defTime * 60;
  if (defMem && defMem > 0) result.defaultMemoryPerCoreMiB = defMem;
  return result;
}

function decodeQos(q: Raw): Qos {
  const perJob = (
    (((q.limits as Raw | undefined)?.max as Raw | undefined)?.wall_clock as Raw | undefined)?.per as
      | Raw
      | undefined
  )?.job;
  const wall = slurmCount(perJob);
  const priority = slurmCount(q.priority) ?? 0;
  return {
    name: String(q.name ?? ''),
    priority,
    ...(wall !== undefined && wall > 0 && { maxWallSeconds: wall * 60 }),
  };
}
