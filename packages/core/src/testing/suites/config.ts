import { expect } from 'vitest';
import { AvailabilitySchema, ClusterConfigSchema } from '../../model/cluster-config.js';
import { defineSuite } from '../define-suite.js';

export const config = defineSuite('config', [
  {
    title: 'config: the cluster config lists the partitions and QoS',
    async run(ctx) {
      const cluster = ClusterConfigSchema.parse(await ctx.runtime().config.cluster());
      const cpu = cluster.partitions.find((p) => p.name === ctx.fixtures.partitions.cpu);
      expect(cpu).toBeDefined();
      expect(cpu!.node.cores).toBeGreaterThan(0);
      expect(cluster.qos.map((q) => q.name)).toContain(ctx.fixtures.qos.normal);
    },
  },
  {
    title: 'config: availability lists what a member may use and refuses an outsider',
    needs: ['config.availability'],
    async run(ctx) {
      const { member, outsider } = ctx.fixtures.users;
      const { primary } = ctx.fixtures.accounts;
      const mine = AvailabilitySchema.parse(
        await ctx.runtime().config.availability({ user: member, account: primary }),
      );
      expect(mine.refusal).toBeUndefined();
      const cpu = mine.partitions.find((p) => p.partition === ctx.fixtures.partitions.cpu);
      expect(cpu?.qos).toContain(ctx.fixtures.qos.normal);
      const theirs = AvailabilitySchema.parse(
        await ctx.runtime().config.availability({ user: outsider, account: primary }),
      );
      expect(theirs.refusal?.reason).toBe('invalid_account');
      expect(theirs.partitions).toEqual([]);
    },
  },
  {
    title: "config: nodes names the host and address of a job's nodes and leaves out unknown names",
    needs: ['config.nodes'],
    async run(ctx) {
      const submitted = await ctx.submit({ command: 'sleep 5' });
      const { nodeList } = await ctx.settle(submitted.id, (j) => j.nodeList.length > 0);
      const unknown = ctx.unique('nosuchnode');
      const nodes = await ctx.runtime().config.nodes({ names: [...nodeList, unknown] });
      expect(nodes.map((n) => n.name).sort()).toEqual([...new Set(nodeList)].sort());
      for (const node of nodes) {
        expect(node.hostname, `hostname of ${node.name}`).toMatch(/^\S+$/);
        expect(node.address, `address of ${node.name}`).toMatch(/^\S+$/);
      }
    },
  },
  {
    title: 'config: version names the scheduler and its version',
    async run(ctx) {
      const version = await ctx.runtime().version();
      expect(version.scheduler).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(version.version).not.toBe('');
      expect(version.adapter).not.toBe('');
    },
  },
]);
