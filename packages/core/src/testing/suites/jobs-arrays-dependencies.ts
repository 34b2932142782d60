import { expect } from 'vitest';
import { JobSchema } from '../../model/job.js';
import { defineSuite } from '../define-suite.js';

export const jobsArraysDependencies = defineSuite('jobs-arrays', [
  {
    title: 'jobs-arrays: an array lists as its tasks and gets as one aggregated job',
    needs: ['jobs.arrays'],
    async run(ctx) {
      const user = { user: ctx.actor() };
      const job = await ctx.submit({ array: '0-3%2', command: 'sleep 1' });
      const page = await ctx.runtime().jobs.list({ jobIds: [job.id] }, user);
      expect(page.jobs).toHaveLength(4);
      for (const task of page.jobs) {
        JobSchema.parse(task);
        expect(task.arrayJobId).toBe(job.id);
      }
      expect(page.jobs.map((t) => t.arrayTaskId).sort()).toEqual([0, 1, 2, 3]);
      const ended = await ctx.settle(job.id, (j) => j.state.phase === 'ended');
      expect(ended.id).toBe(job.id);
      expect(ended.state.outcome).toBe('completed');
    },
  },
  {
    title: 'jobs-dependencies: afterok waits for success and runs after it',
    needs: ['jobs.dependencies'],
    async run(ctx) {
      const first = await ctx.submit({ command: 'sleep 2' });
      const second = await ctx.submit({
        command: 'sleep 1',
        dependencies: [{ type: 'afterok', jobIds: [first.id] }],
      });
      expect(second.state.phase).toBe('queued');
      const ended = await ctx.settle(second.id, (j) => j.state.phase === 'ended');
      const firstEnded = await ctx.runtime().jobs.get(first.id, { user: ctx.actor() });
      expect(ended.state.outcome).toBe('completed');
      expect(ended.startTime!.getTime()).toBeGreaterThanOrEqual(firstEnded.endTime!.getTime());
    },
  },
  {
    title: 'jobs-dependencies: afterok on a failed job never runs',
    needs: ['jobs.dependencies'],
    async run(ctx) {
      const first = await ctx.submit({ command: 'exit 1' });
      const second = await ctx.submit({
        command: 'sleep 1',
        dependencies: [{ type: 'afterok', jobIds: [first.id] }],
      });
      await ctx.settle(first.id, (j) => j.state.phase === 'ended');
      await ctx.target().advance(ctx.step * 3);
      const waiting = await ctx.runtime().jobs.get(second.id, { user: ctx.actor() });
      expect(waiting.state.phase).toBe('queued');
      expect(waiting.state.reason).toMatch(/Dependency/);
      await ctx.runtime().jobs.cancel(second.id, { user: ctx.actor() });
    },
  },
]);
