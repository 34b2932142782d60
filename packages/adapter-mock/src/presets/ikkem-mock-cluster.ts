import type { MockClusterInput } from '../cluster/mock-cluster-schema.js';

/**
 * A cluster shaped like the reference site: partitions `cpu` (default; 8 nodes of 64 cores and
 * 251 GiB usable, 1 GiB per core by default), `gpu` (2 nodes of 64 cores, 8 GPUs and 1,500 GiB,
 * 16 GiB per core) and `fat` (1 node of 64 cores and 2,000 GiB, 8 GiB per core), each with a 7-day
 * maximum and a 1-hour default time limit; QoS `normal` (priority 50, 48 h, the default) and `long`
 * (priority 25, 96 h); accounts `electroplating` and `ai4ec`; users `alice` (uid 2001, in both,
 * default `electroplating`) and `bob` (uid 2002, in `ai4ec` only), as on the project's Slurm test
 * cluster. Top-level fields of `overrides` replace the preset's.
 *
 * @example
 * ```ts
 * const adapter = mockAdapter({ cluster: ikkemMockCluster({ name: 'ikkem-test' }) });
 * ```
 */
export function ikkemMockCluster(overrides: Partial<MockClusterInput> = {}): MockClusterInput {
  const qos = ['normal', 'long'];
  return {
    name: 'ikkem',
    partitions: [
      {
        name: 'cpu',
        default: true,
        nodes: 8,
        node: { cores: 64, memory: '251G', gpus: 0 },
        defaultMemoryPerCore: '1G',
        maxTime: '7d',
        defaultTime: '1h',
        qos,
      },
      {
        name: 'gpu',
        nodes: 2,
        node: { cores: 64, memory: '1500G', gpus: 8 },
        defaultMemoryPerCore: '16G',
        maxTime: '7d',
        defaultTime: '1h',
        qos: [...qos],
      },
      {
        name: 'fat',
        nodes: 1,
        node: { cores: 64, memory: '2000G', gpus: 0 },
        defaultMemoryPerCore: '8G',
        maxTime: '7d',
        defaultTime: '1h',
        qos: [...qos],
      },
    ],
    qos: [
      { name: 'normal', priority: 50, maxWall: '48h' },
      { name: 'long', priority: 25, maxWall: '96h' },
    ],
    defaultQos: 'normal',
    accounts: [
      { name: 'electroplating', members: ['alice'] },
      { name: 'ai4ec', members: ['alice', 'bob'] },
    ],
    users: [
      { name: 'alice', uid: 2001, defaultAccount: 'electroplating' },
      { name: 'bob', uid: 2002, defaultAccount: 'ai4ec' },
    ],
    ...overrides,
  };
}
