import type { Partition } from '@hpckit/core';
import { expandHostlist } from './hostlist.js';
import { parseKeyValueLines } from './key-value.js';
import { parseSlurmDuration, parseSlurmMemory } from './slurm-values.js';
import { gpusFromGres } from './tres.js';

/** A partition with the access rules discovery needs beyond core's model. */
export interface SlurmPartition extends Partition {
  /** `AllowAccounts`; undefined means all. */
  allowAccounts?: string[];
  denyAccounts?: string[];
  /** `AllowQos`; undefined means all. */
  allowQos?: string[];
  denyQos?: string[];
}

/** A node as `scontrol show node -o` describes it. */
export interface SlurmNode {
  name: string;
  cores: number;
  memoryMiB: number;
  gpus: number;
  state: string;
}

/** Parses `scontrol show node -o`. */
export function parseNodes(output: string): SlurmNode[] {
  return parseKeyValueLines(output)
    .filter((r) => r.NodeName)
    .map((r) => ({
      name: r.NodeName!,
      cores: Number(r.CPUTot ?? 0) - (Number(r.CoreSpecCount) || 0),
      memoryMiB:
        (parseSlurmMemory(r.RealMemory ?? '0') ?? 0) - (parseSlurmMemory(r.MemSpecLimit ?? '0') ?? 0),
      gpus: gpusFromGres(r.Gres ?? ''),
      state: r.State ?? 'UNKNOWN',
    }));
}

const list = (text: string | undefined): string[] | undefined =>
  text === undefined || text === '' || text === 'ALL' || text === '(null)' ? undefined : text.split(',');

/**
 * Parses `scontrol show partition -o` and combines it with the nodes: per-node shape is the
 * smallest node of the partition, as core's model asks.
 */
export function parsePartitions(output: string, nodes: readonly SlurmNode[]): SlurmPartition[] {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  return parseKeyValueLines(output)
    .filter((r) => r.PartitionName)
    .map((r) => {
      const members = expandHostlist(r.Nodes ?? '')
        .map((n) => byName.get(n))
        .filter((n): n is SlurmNode => n !== undefined);
      const min = (pick: (n: SlurmNode) => number) => (members.length ? Math.min(...members.map(pick)) : 0);
      const maxMem = parseSlurmMemory(r.MaxMemPerNode ?? '');
      const memoryMiB = Math.max(
        1,
        maxMem
          ? Math.min(
              maxMem,
              min((n) => n.memoryMiB),
            )
          : min((n) => n.memoryMiB),
      );
      const maxTime = parseSlurmDuration(r.MaxTime ?? '');
      const defaultTime = parseSlurmDuration(r.DefaultTime ?? '');
      const defMem = parseSlurmMemory(r.DefMemPerCPU ?? '');
      return {
        name: r.PartitionName!,
        isDefault: r.Default === 'YES',
        nodes: Number(r.TotalNodes ?? members.length),
        node: {
          cores: Math.max(
            1,
            min((n) => n.cores),
          ),
          memoryMiB,
          gpus: min((n) => n.gpus),
        },
        maxTimeSeconds: maxTime && maxTime > 0 ? maxTime : undefined,
        defaultTimeSeconds: defaultTime && defaultTime > 0 ? defaultTime : undefined,
        defaultMemoryPerCoreMiB: defMem && defMem > 0 ? defMem : undefined,
        qos: list(r.AllowQos),
        up: r.State === 'UP',
        allowAccounts: list(r.AllowAccounts),
        denyAccounts: list(r.DenyAccounts),
        allowQos: list(r.AllowQos),
        denyQos: list(r.DenyQos),
      };
    });
}

/** Reads `ClusterName` and `SLURM_VERSION` from `scontrol show config`. */
export function parseConfig(output: string): { clusterName?: string; version?: string } {
  const get = (key: string) => new RegExp(`^${key}\\s*=\\s*(.+)$`, 'm').exec(output)?.[1]?.trim();
  return { clusterName: get('ClusterName'), version: get('SLURM_VERSION') };
}
