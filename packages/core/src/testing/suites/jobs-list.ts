import { expect } from 'vitest';
import { JobSchema } from '../../model/job.js';
import { defineSuite } from '../define-suite.js';

export const jobsList = defineSuite('jobs-list', [
  {
    title: 'jobs-list: filters are AND-ed',
    async run(ctx) {
      const name = ctx.unique('list');
      const a = await ctx.submit({ name, hold: false, command: 'sleep 60' });
      const b = await ctx.submit({ name: `${name}b`, command: 'sleep 60' });
      const user = { user: ctx.actor() };
      const byId = await ctx.runtime().jobs.list({ jobIds: [a.id] }, user);
      expect(byId.jobs.map((j) => j.id)).toEqual([a.id]);
      const byName = await ctx.runtime().jobs.list({ name }, user);
      expect(byName.jobs.map((j) => j.id)).toEqual([a.id]);
      const both = await ctx.runtime().jobs.list({ jobIds: [a.id, b.id] }, user);
      expect(both.jobs.map((j) => j.id).sort()).toEqual([a.id, b.id].sort());
      const none = await ctx
        .runtime()
        .jobs.list({ jobIds: [a.id], accounts: [ctx.fixtures.accounts.secondary] }, user);
      expect(none.jobs).toHaveLength(0);
      const live = await ctx
        .runtime()
        .jobs.list({ jobIds: [a.id, b.id], states: ['queued', 'held', 'running', 'completing'] }, user);
      expect(live.jobs).toHaveLength(2);
      const endedOnly = await ctx.runtime().jobs.list({ jobIds: [a.id, b.id], states: ['ended'] }, user);
      expect(endedOnly.jobs).toHaveLength(0);
      for (const job of both.jobs) JobSchema.parse(job);
    },
  },
  {
    title: 'jobs-list: pages with limit and offset and reports the total',
    async run(ctx) {
      const name = ctx.unique('page');
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push((await ctx.submit({ name, command: 'sleep 60' })).id);
      const user = { user: ctx.actor() };
      const first = await ctx.runtime().jobs.list({ jobIds: ids, limit: 2 }, user);
      expect(first.total).toBe(3);
      expect(first.jobs).toHaveLength(2);
      const second = await ctx.runtime().jobs.list({ jobIds: ids, limit: 2, offset: 2 }, user);
      expect(second.total).toBe(3);
      expect(second.jobs).toHaveLength(1);
      const seen = [...first.jobs, ...second.jobs].map((j) => j.id);
      expect(new Set(seen)).toEqual(new Set(ids));
    },
  },
  {
    title: 'jobs-list: a projection returns only the asked fields plus cluster, id and state',
    async run(ctx) {
      const job = await ctx.submit({ command: 'sleep 60' });
      const page = await ctx
        .runtime()
        .jobs.list({ jobIds: [job.id], fields: ['name', 'account'] }, { user: ctx.actor() });
      expect(page.jobs).toHaveLength(1);
      const listed = page.jobs[0]!;
      expect(listed.name).toBe(job.name);
      expect(listed.account).toBe(job.account);
      expect(listed.state.phase).toBeDefined();
      const allowed = new Set(['cluster', 'id', 'state', 'name', 'account']);
      const extra = Object.entries(listed).filter(([k, v]) => v !== undefined && !allowed.has(k));
      expect(extra.map(([k]) => k)).toEqual([]);
    },
  },
  {
    title: 'jobs-list: a job id filter finds jobs that have ended',
    needs: ['accounting.history'],
    async run(ctx) {
      const job = await ctx.submit({ command: 'sleep 1' });
      await ctx.settle(job.id, (j) => j.state.phase === 'ended');
      const page = await ctx.runtime().jobs.list({ jobIds: [job.id] }, { user: ctx.actor() });
      expect(page.jobs).toHaveLength(1);
      expect(page.jobs[0]!.state.outcome).toBe('completed');
    },
  },
]);
