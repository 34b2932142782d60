import { expect } from 'vitest';
import { defineSuite } from '../define-suite.js';

export const jobsTimeLimit = defineSuite('jobs-time-limit', [
  {
    title: 'jobs-time-limit: a pending job time limit can be set and changed by a delta',
    needs: ['jobs.updateTimeLimit', 'jobs.hold'],
    async run(ctx) {
      const user = { user: ctx.actor() };
      const job = await ctx.submit({ hold: true, timeLimit: '30m' });
      const set = await ctx.runtime().jobs.updateTimeLimit(job.id, { set: '20m' }, user);
      expect(set.timeLimitSeconds).toBe(1_200);
      const lowered = await ctx.runtime().jobs.updateTimeLimit(job.id, { delta: '-5m' }, user);
      expect(lowered.timeLimitSeconds).toBe(900);
      const raised = await ctx.runtime().jobs.updateTimeLimit(job.id, { delta: { minutes: 10 } }, user);
      expect(raised.timeLimitSeconds).toBe(1_500);
      expect((await ctx.runtime().jobs.get(job.id, user)).timeLimitSeconds).toBe(1_500);
      await ctx.runtime().jobs.cancel(job.id, user);
    },
  },
  {
    title: 'jobs-time-limit: a running job time limit can be lowered',
    needs: ['jobs.updateTimeLimit'],
    async run(ctx) {
      const user = { user: ctx.actor() };
      const job = await ctx.submit({ command: 'sleep 300', timeLimit: '30m' });
      await ctx.settle(job.id, (j) => j.state.phase === 'running');
      const lowered = await ctx.runtime().jobs.updateTimeLimit(job.id, { set: '20m' }, user);
      expect(lowered.timeLimitSeconds).toBe(1_200);
      await ctx.runtime().jobs.cancel(job.id, user);
    },
  },
  {
    title: 'jobs-time-limit: a user may not raise the time limit of a running job',
    needs: ['jobs.updateTimeLimit', 'actAsUser'],
    async run(ctx) {
      const user = { user: ctx.actor() };
      const job = await ctx.submit({ command: 'sleep 300', timeLimit: '10m' });
      await ctx.settle(job.id, (j) => j.state.phase === 'running');
      await ctx.rejects(
        ctx.runtime().jobs.updateTimeLimit(job.id, { delta: '+1h' }, user),
        'PERMISSION_DENIED',
      );
      await ctx.runtime().jobs.cancel(job.id, user);
    },
  },
  {
    title: 'jobs-time-limit: changing an unknown job is NOT_FOUND',
    needs: ['jobs.updateTimeLimit'],
    async run(ctx) {
      await ctx.rejects(
        ctx.runtime().jobs.updateTimeLimit('987654321', { set: '1h' }, { user: ctx.actor() }),
        'NOT_FOUND',
      );
    },
  },
]);
