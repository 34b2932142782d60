import { expect } from 'vitest';
import { defineSuite } from '../define-suite.js';

export const jobsCancel = defineSuite('jobs-cancel', [
  {
    title: 'jobs-cancel: cancelling a running job ends it as cancelled',
    async run(ctx) {
      const job = await ctx.submit({ command: 'sleep 300' });
      await ctx.settle(job.id, (j) => j.state.phase === 'running');
      const result = await ctx.runtime().jobs.cancel(job.id, { user: ctx.actor() });
      expect(result.status).toBe('cancelled');
      const ended = await ctx.settle(job.id, (j) => j.state.phase === 'ended');
      expect(ended.state.outcome).toBe('cancelled');
    },
  },
  {
    title: 'jobs-cancel: cancelling a job that has ended reports already_ended',
    async run(ctx) {
      const job = await ctx.submit({ command: 'sleep 1' });
      await ctx.settle(job.id, (j) => j.state.phase === 'ended');
      const result = await ctx.runtime().jobs.cancel(job.id, { user: ctx.actor() });
      expect(result.status).toBe('already_ended');
    },
  },
  {
    title: 'jobs-cancel: cancelling an unknown job is NOT_FOUND',
    async run(ctx) {
      await ctx.rejects(ctx.runtime().jobs.cancel('987654321', { user: ctx.actor() }), 'NOT_FOUND');
    },
  },
  {
    title: "jobs-cancel: cancelling another user's job is PERMISSION_DENIED",
    needs: ['actAsUser'],
    async run(ctx) {
      const job = await ctx.submit({ command: 'sleep 300', account: ctx.fixtures.accounts.secondary });
      await ctx.rejects(
        ctx.runtime().jobs.cancel(job.id, { user: ctx.fixtures.users.outsider }),
        'PERMISSION_DENIED',
      );
      const still = await ctx.runtime().jobs.get(job.id, { user: ctx.actor() });
      expect(still.state.phase).not.toBe('ended');
      await ctx.runtime().jobs.cancel(job.id, { user: ctx.actor() });
    },
  },
  {
    title: 'jobs-cancel: getting an unknown job is NOT_FOUND',
    async run(ctx) {
      const err = await ctx.rejects(ctx.runtime().jobs.get('987654321', { user: ctx.actor() }), 'NOT_FOUND');
      expect(err.details.id).toBe('987654321');
    },
  },
]);
