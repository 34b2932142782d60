import { expect } from 'vitest';
import { phaseProgress } from '../../model/job-state.js';
import { defineSuite } from '../define-suite.js';

export const stateTransitions = defineSuite('state-transitions', [
  {
    title: 'state-transitions: a job that exits 0 completes, with times and elapsed seconds',
    async run(ctx) {
      const job = await ctx.submit({ command: 'sleep 2' });
      const ended = await ctx.settle(job.id, (j) => j.state.phase === 'ended');
      expect(ended.state.outcome).toBe('completed');
      expect(ended.state.exitCode).toBe(0);
      expect(ended.startTime).toBeDefined();
      expect(ended.endTime).toBeDefined();
      expect(ended.endTime!.getTime()).toBeGreaterThanOrEqual(ended.startTime!.getTime());
      expect(ended.startTime!.getTime()).toBeGreaterThanOrEqual(ended.submitTime.getTime());
      expect(ended.elapsedSeconds).toBeGreaterThanOrEqual(1);
      expect(ended.allocated?.cores).toBeGreaterThanOrEqual(1);
    },
  },
  {
    title: 'state-transitions: a job that exits 3 fails with exit code 3',
    async run(ctx) {
      const job = await ctx.submit({ command: 'exit 3' });
      const ended = await ctx.settle(job.id, (j) => j.state.phase === 'ended');
      expect(ended.state.outcome).toBe('failed');
      expect(ended.state.exitCode).toBe(3);
    },
  },
  {
    title: 'state-transitions: a job that runs past its time limit times out',
    timeoutMs: 240_000,
    async run(ctx) {
      const job = await ctx.submit({ command: 'sleep 600', timeLimit: '1m' });
      const ended = await ctx.settle(job.id, (j) => j.state.phase === 'ended', 200);
      expect(ended.state.outcome).toBe('timeout');
    },
  },
  {
    title: 'state-transitions: phases only move forward',
    async run(ctx) {
      const job = await ctx.submit({ command: 'sleep 2' });
      let last = phaseProgress(job.state.phase);
      await ctx.settle(job.id, (j) => {
        const progress = phaseProgress(j.state.phase);
        expect(progress).toBeGreaterThanOrEqual(last);
        last = progress;
        return j.state.phase === 'ended';
      });
    },
  },
]);
