import { CAPABILITY_KEYS, isHpckitError, type ValidationError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { mockAdapter } from './mock-adapter.js';
import { MockAdapterOptionsSchema } from './options.js';
import { ikkemMockCluster } from './presets/ikkem-mock-cluster.js';

function issues(options: unknown): { path: string; message: string }[] {
  try {
    mockAdapter(options as never);
  } catch (err) {
    if (!isHpckitError(err, 'VALIDATION')) throw err;
    return (err as ValidationError).details.issues.map((i) => ({
      path: i.path.join('.'),
      message: i.message,
    }));
  }
  throw new Error('expected a validation error');
}

describe('mock adapter options', () => {
  it('defaults to the ikkem cluster, a manual clock at 2026-01-01 and Slurm-like settings', () => {
    const o = MockAdapterOptionsSchema.parse({});
    expect(o.cluster.name).toBe('ikkem');
    expect(
      o.cluster.partitions.map((p) => [p.name, p.nodes, p.node.cores, p.node.memory, p.node.gpus]),
    ).toEqual([
      ['cpu', 8, 64, 251 * 1024, 0],
      ['gpu', 2, 64, 1500 * 1024, 8],
      ['fat', 1, 64, 2000 * 1024, 0],
    ]);
    expect(o.clock).toMatchObject({ mode: 'manual', start: new Date('2026-01-01T00:00:00Z') });
    expect([o.minJobAge, o.firstJobId, o.maxArraySize, o.backfillDepth]).toEqual([300, 1000, 10_001, 100]);
  });

  it('names the path of every problem, under "options"', () => {
    const found = issues({
      cluster: {
        ...ikkemMockCluster(),
        partitions: [{ name: 'cpu', nodes: 0, node: { cores: 4, memory: '4' } }],
      },
      minJobAge: 'soon',
    });
    expect(found.map((i) => i.path)).toEqual([
      'options.cluster.partitions.0.nodes',
      'options.cluster.partitions.0.node.memory',
      'options.minJobAge',
    ]);
    expect(found[1]!.message).toContain('"4" is not a memory size');
  });

  it('checks references inside the cluster', () => {
    const base = ikkemMockCluster();
    const found = issues({
      cluster: {
        ...base,
        partitions: [
          { ...base.partitions[0]!, qos: ['normal', 'turbo'], defaultTime: '8d' },
          { ...base.partitions[1]!, default: true },
          { ...base.partitions[2]!, name: 'cpu' },
        ],
        defaultQos: 'nosuch',
        users: [{ name: 'bob', defaultAccount: 'electroplating' }],
      },
    });
    expect(found).toEqual([
      { path: 'options.cluster.partitions.2.name', message: 'partition "cpu" is defined twice' },
      {
        path: 'options.cluster.partitions.1.default',
        message: 'only one partition may be the default; "cpu" already is',
      },
      {
        path: 'options.cluster.partitions.0.defaultTime',
        message: "must not exceed the partition's maxTime (604800 s)",
      },
      { path: 'options.cluster.partitions.0.qos.1', message: 'QoS "turbo" is not defined in "qos"' },
      { path: 'options.cluster.defaultQos', message: 'QoS "nosuch" is not defined in "qos"' },
      {
        path: 'options.cluster.users.0.defaultAccount',
        message: `"bob" is not a member of "electroplating": add it to that account's members`,
      },
    ]);
  });

  it('refuses an unknown default user, a bad id prefix and unknown options', () => {
    expect(issues({ defaultUser: 'carol' })).toEqual([
      {
        path: 'options.defaultUser',
        message: `"carol" is not a user of the cluster: add it to "cluster.users" or an account's members`,
      },
    ]);
    expect(issues({ idPrefix: '9x' }).map((i) => i.path)).toEqual(['options.idPrefix']);
    expect(issues({ clock: { mode: 'fast' }, colour: 'red' }).map((i) => i.path)).toEqual([
      'options.clock.mode',
      'options',
    ]);
    expect(issues({ jobBehavior: 'sleep' })[0]!.path).toBe('options.jobBehavior');
  });

  it('declares every capability unless told otherwise, and turns off only the ones named', () => {
    expect(Object.values(MockAdapterOptionsSchema.parse({}).capabilities).every((on) => on)).toBe(true);
    const { capabilities } = mockAdapter({ capabilities: { 'jobs.hold': false, actAsUser: false } });
    expect(Object.keys(capabilities).sort()).toEqual([...CAPABILITY_KEYS].sort());
    expect(
      Object.entries(capabilities)
        .filter(([, on]) => !on)
        .map(([key]) => key),
    ).toEqual(['jobs.hold', 'actAsUser']);
  });

  it('refuses an unknown capability, naming the valid ones, and a capability that is not a boolean', () => {
    const found = issues({ capabilities: { 'jobs.hol': false, actAsUser: 'no' } });
    expect(found.map((i) => i.path)).toEqual(['options.capabilities.actAsUser', 'options.capabilities']);
    expect(found[1]!.message).toBe(`"jobs.hol" is not a capability: use ${CAPABILITY_KEYS.join(', ')}`);
  });

  it('accepts an ISO start time and a custom cluster with implicit users', () => {
    const adapter = mockAdapter({
      clock: { start: '2030-05-01T08:00:00Z' },
      cluster: {
        name: 'tiny',
        partitions: [{ name: 'p', nodes: 1, node: { cores: 2, memory: '4G' } }],
        accounts: [{ name: 'lab', members: ['carol'] }],
      },
    });
    expect(adapter.clock.now().toISOString()).toBe('2030-05-01T08:00:00.000Z');
  });
});
