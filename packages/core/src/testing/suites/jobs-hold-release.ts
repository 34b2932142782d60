import { expect } from 'vitest';
import { defineSuite } from '../define-suite.js';

export const jobsHoldRelease = defineSuite('jobs-hold-release', [
  {
    title: 'jobs-hold-release: a job submitted held stays held until released, then runs',
    needs: ['jobs.hold'],
    async run(ctx) {
      const job = await ctx.submit({ hold: true, command: 'sleep 1' });
      expect(job.state.phase).toBe('held');
      await ctx.target().advance(ctx.step * 2);
      const still = await ctx.runtime().jobs.get(job.id, { user: ctx.actor() });
      expect(still.state.phase).toBe('held');
      await ctx.runtime().jobs.release(job.id, { user: ctx.actor() });
      const ended = await ctx.settle(job.id, (j) => j.state.phase === 'ended');
      expect(ended.state.outcome).toBe('completed');
    },
  },
  {
    title: 'jobs-hold-release: a pending job can be held and released',
    needs: ['jobs.hold', 'jobs.dependencies'],
    async run(ctx) {
      const user = { user: ctx.actor() };
      // A job waiting on a held job stays pending (not held) for as long as the test needs.
      const blocker = await ctx.submit({ hold: true, command: 'sleep 1' });
      const job = await ctx.submit({ dependencies: [{ type: 'afterok', jobIds: [blocker.id] }] });
      expect(job.state.phase).toBe('queued');
      await ctx.runtime().jobs.hold(job.id, user);
      expect((await ctx.runtime().jobs.get(job.id, user)).state.phase).toBe('held');
      await ctx.runtime().jobs.release(job.id, user);
      expect((await ctx.runtime().jobs.get(job.id, user)).state.phase).toBe('queued');
      await ctx.runtime().jobs.cancel(job.id, user);
      await ctx.runtime().jobs.cancel(blocker.id, user);
    },
  },
  {
    title: 'jobs-hold-release: holding an unknown job is NOT_FOUND',
    needs: ['jobs.hold'],
    async run(ctx) {
      await ctx.rejects(ctx.runtime().jobs.hold('987654321', { user: ctx.actor() }), 'NOT_FOUND');
    },
  },
]);
