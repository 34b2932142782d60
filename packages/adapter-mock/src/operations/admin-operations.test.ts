import { AvailabilitySchema, ClusterConfigSchema, JobSpecSchema, SchedulerAccountSchema } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { mockAdapter } from '../mock-adapter.js';
import { ikkemMockCluster } from '../presets/ikkem-mock-cluster.js';

describe('accounts and users', () => {
  it('creates, lists and blocks accounts idempotently; blocked accounts refuse submissions but keep running jobs', async () => {
    const adapter = mockAdapter();
    const ops = adapter.accounts;
    await ops.create!({ name: 'newlab', owner: 'bob' }, {});
    await expect(ops.create!({ name: 'newlab' }, {})).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    const listed = await ops.list!({ user: 'bob' }, {});
    expect(listed.map((a) => SchedulerAccountSchema.parse(a).name)).toEqual(['ai4ec', 'newlab']);
    const { job } = await adapter.jobs.submit(
      JobSpecSchema.parse({ command: 'sleep 1h', account: 'newlab' }),
      { user: 'bob' },
    );
    await ops.block!('newlab', {});
    await ops.block!('newlab', {});
    expect(await ops.status!('newlab', {})).toEqual({ blocked: true });
    await expect(
      adapter.jobs.submit(JobSpecSchema.parse({ command: 'x', account: 'newlab' }), { user: 'bob' }),
    ).rejects.toMatchObject({
      details: { reason: 'account_blocked' },
    });
    adapter.clock.advance('2h');
    expect((await adapter.jobs.get(job.id, {})).state.raw).toBe('COMPLETED');
    await ops.unblock!('newlab', {});
    await ops.unblock!('newlab', {});
    expect(await ops.status!('newlab', {})).toEqual({ blocked: false });
    await expect(ops.status!('nosuch', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('adds, blocks and removes users in accounts', async () => {
    const adapter = mockAdapter();
    const users = adapter.users;
    await users.add!({ user: 'bob', account: 'electroplating' }, {});
    await users.block!({ user: 'bob', account: 'electroplating' }, {});
    await users.block!({ user: 'bob', account: 'electroplating' }, {});
    expect(await users.status!({ user: 'bob', account: 'electroplating' }, {})).toEqual({ blocked: true });
    const members = (await adapter.accounts.list!({}, {})).find((a) => a.name === 'electroplating')!.members;
    expect(members).toEqual([
      { user: 'alice', blocked: false },
      { user: 'bob', blocked: true },
    ]);
    await expect(
      adapter.jobs.submit(JobSpecSchema.parse({ command: 'x', account: 'electroplating' }), { user: 'bob' }),
    ).rejects.toMatchObject({
      details: { reason: 'user_blocked' },
    });
    await users.unblock!({ user: 'bob', account: 'electroplating' }, {});
    await adapter.jobs.submit(JobSpecSchema.parse({ command: 'x', account: 'electroplating' }), {
      user: 'bob',
    });
    await users.remove!({ user: 'bob', account: 'electroplating' }, {});
    await expect(users.status!({ user: 'bob', account: 'electroplating' }, {})).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(users.add!({ user: 'bob', account: 'nosuch' }, {})).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('config', () => {
  it("reports the cluster's partitions and QoS", async () => {
    const config = ClusterConfigSchema.parse(await mockAdapter().config.cluster({}));
    expect(config.partitions[0]).toEqual({
      name: 'cpu',
      isDefault: true,
      nodes: 8,
      node: { cores: 64, memoryMiB: 257_024, gpus: 0 },
      maxTimeSeconds: 604_800,
      defaultTimeSeconds: 3600,
      defaultMemoryPerCoreMiB: 1024,
      qos: ['normal', 'long'],
      up: true,
    });
    expect([config.qos, config.defaultQos]).toEqual([
      [
        { name: 'normal', priority: 50, maxWallSeconds: 172_800 },
        { name: 'long', priority: 25, maxWallSeconds: 345_600 },
      ],
      'normal',
    ]);
  });

  it('tells what a pair may use, or why not', async () => {
    const adapter = mockAdapter();
    const availability = async (user: string, account: string) =>
      AvailabilitySchema.parse(await adapter.config.availability!({ user, account }, {}));
    const ok = await availability('alice', 'ai4ec');
    expect(ok.partitions.map((p) => [p.partition, p.qos, p.defaultQos])).toEqual([
      ['cpu', ['normal', 'long'], 'normal'],
      ['gpu', ['normal', 'long'], 'normal'],
      ['fat', ['normal', 'long'], 'normal'],
    ]);
    expect((await availability('bob', 'electroplating')).refusal?.reason).toBe('invalid_account');
    expect((await availability('bob', 'nosuch')).refusal?.reason).toBe('invalid_account');
    await adapter.users.block!({ user: 'alice', account: 'ai4ec' }, {});
    expect(await availability('alice', 'ai4ec')).toMatchObject({
      partitions: [],
      refusal: { reason: 'user_blocked' },
    });
    await adapter.accounts.block!('ai4ec', {});
    expect((await availability('alice', 'ai4ec')).refusal?.reason).toBe('account_blocked');
  });

  it("gives each node's host name and the loopback address, leaving out unknown names", async () => {
    const adapter = mockAdapter();
    expect(await adapter.config.nodes!({ names: ['gpu01', 'nosuch', 'cpu02', 'gpu01'] }, {})).toEqual([
      { name: 'gpu01', hostname: 'gpu01', address: '127.0.0.1' },
      { name: 'cpu02', hostname: 'cpu02', address: '127.0.0.1' },
    ]);
    const ipv6 = mockAdapter({ cluster: { ...ikkemMockCluster(), nodeAddress: '::1' } });
    expect(await ipv6.config.nodes!({ names: ['cpu01'] }, {})).toEqual([
      { name: 'cpu01', hostname: 'cpu01', address: '::1' },
    ]);
    expect(() => mockAdapter({ cluster: { ...ikkemMockCluster(), nodeAddress: 'node 1' } })).toThrow(
      expect.objectContaining({
        code: 'VALIDATION',
        details: expect.objectContaining({
          issues: [expect.objectContaining({ path: ['options', 'cluster', 'nodeAddress'] })],
        }),
      }),
    );
  });

  it('reports versions', async () => {
    expect(await mockAdapter().version({})).toEqual({
      scheduler: 'mock',
      version: '1.0.0',
      adapter: '0.1.0',
    });
  });
});
