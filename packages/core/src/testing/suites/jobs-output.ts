import { expect } from 'vitest';
import type { Job } from '../../model/job.js';
import { expandFilenamePattern } from '../../sbatch/filename-pattern.js';
import type { ConformanceContext } from '../context.js';
import { defineSuite } from '../define-suite.js';

/** Waits until the ended job is known to accounting only: as the target watches it, else the bound. */
async function leaveQueue(ctx: ConformanceContext, jobId: string): Promise<void> {
  const target = ctx.target();
  if (target.untilPurged) await target.untilPurged([jobId], ctx.queueRetentionSeconds);
  else await target.advance(ctx.queueRetentionSeconds);
}

/** A reported output path with its patterns expanded for the job, as a portal would read it. */
function expanded(path: string | undefined, job: Job): string | undefined {
  if (path === undefined) return undefined;
  return expandFilenamePattern(path, {
    jobId: job.id,
    arrayJobId: job.arrayJobId,
    arrayTaskId: job.arrayTaskId,
    name: job.name,
    user: job.user,
    node: job.nodeList[0],
  });
}

export const jobsOutput = defineSuite('jobs-output', [
  {
    title: 'jobs-output: a job that names its output gets that path back after it has left the queue',
    needs: ['accounting.history'],
    timeoutMs: 240_000,
    async run(ctx) {
      // /tmp: every scheduler's users may write there, and the test leaves nothing in a home.
      const base = `/tmp/${ctx.unique('hpckit-ct-out')}`;
      const job = await ctx.submit({
        command: 'echo out; echo err >&2',
        stdout: `${base}-%j.out`,
        stderr: `${base}-%x.err`,
      });
      const want = { stdout: `${base}-${job.id}.out`, stderr: `${base}-${job.name}.err` };
      expect(expanded(job.stdoutPath, job)).toBe(want.stdout);
      const ended = await ctx.settle(job.id, (j) => j.state.phase === 'ended');
      expect(ended.state.outcome).toBe('completed');
      await leaveQueue(ctx, job.id);
      const later = await ctx.runtime().jobs.get(job.id, { user: ctx.actor() });
      expect(later.state.phase).toBe('ended');
      expect(expanded(later.stdoutPath, later)).toBe(want.stdout);
      expect(expanded(later.stderrPath, later)).toBe(want.stderr);
    },
  },
  {
    title: "jobs-output: a job that names no output reports Slurm's default or nothing, never another path",
    needs: ['accounting.history'],
    timeoutMs: 240_000,
    async run(ctx) {
      const job = await ctx.submit({ command: 'true', stdout: undefined, workingDirectory: '/tmp' });
      await ctx.settle(job.id, (j) => j.state.phase === 'ended');
      await leaveQueue(ctx, job.id);
      const later = await ctx.runtime().jobs.get(job.id, { user: ctx.actor() });
      // Unknown is allowed (a reader falls back to Slurm's default); a wrong name is not.
      for (const path of [later.stdoutPath, later.stderrPath]) {
        if (path !== undefined) expect(expanded(path, later)).toBe(`/tmp/slurm-${later.id}.out`);
      }
    },
  },
  {
    title: 'jobs-output: createWorkingDirectory makes the directory the job runs and writes its output in',
    timeoutMs: 120_000,
    async run(ctx) {
      // Without the directory, Slurm cannot open the output file there and the job fails.
      const dir = `/tmp/${ctx.unique('hpckit-ct-wd')}/a b/c`;
      const job = await ctx.submit({
        command: 'pwd',
        workingDirectory: dir,
        createWorkingDirectory: true,
        stdout: 'out-%j.log',
      });
      expect(job.workingDirectory).toBe(dir);
      const ended = await ctx.settle(job.id, (j) => j.state.phase === 'ended');
      expect(ended.state.outcome).toBe('completed');
      expect(expanded(ended.stdoutPath, ended)).toBe(`${dir}/out-${job.id}.log`);
    },
  },
  {
    title: "jobs-output: a relative working directory that leaves the user's home is refused",
    async run(ctx) {
      const err = await ctx.rejects(
        ctx.runtime().jobs.submit(ctx.spec({ workingDirectory: '../bob', createWorkingDirectory: true }), {
          user: ctx.actor(),
        }),
        'VALIDATION',
      );
      expect(err.message).toContain('workingDirectory');
    },
  },
]);
