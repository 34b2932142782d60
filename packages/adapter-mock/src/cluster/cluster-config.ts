import type { ClusterConfig } from '@hpckit/core';
import type { MockCluster } from './mock-cluster-schema.js';

/** The default partition of a cluster: the one marked `default`, else the first. */
export function defaultPartitionOf(cluster: MockCluster): MockCluster['partitions'][number] {
  return cluster.partitions.find((p) => p.default) ?? cluster.partitions[0]!;
}

/** The cluster as core's `config.cluster()` reports it. */
export function clusterConfigOf(cluster: MockCluster): ClusterConfig {
  const defaultName = defaultPartitionOf(cluster).name;
  const config: ClusterConfig = {
    name: cluster.name,
    partitions: cluster.partitions.map((p) => {
      const partition: ClusterConfig['partitions'][number] = {
        name: p.name,
        isDefault: p.name === defaultName,
        nodes: p.nodes,
        node: { cores: p.node.cores, memoryMiB: p.node.memory, gpus: p.node.gpus },
        up: true,
      };
      if (p.maxTime !== undefined) partition.maxTimeSeconds = p.maxTime;
      const defaultTime = p.defaultTime ?? p.maxTime;
      if (defaultTime !== undefined) partition.defaultTimeSeconds = defaultTime;
      if (p.defaultMemoryPerCore !== undefined) partition.defaultMemoryPerCoreMiB = p.defaultMemoryPerCore;
      if (p.qos) partition.qos = [...p.qos];
      return partition;
    }),
    qos: cluster.qos.map((q) =>
      q.maxWall === undefined
        ? { name: q.name, priority: q.priority }
        : { name: q.name, priority: q.priority, maxWallSeconds: q.maxWall },
    ),
  };
  if (cluster.defaultQos !== undefined) config.defaultQos = cluster.defaultQos;
  return config;
}
