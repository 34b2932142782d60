import { isHpckitError, JobSchema, type JobSpecInput, JobSpecSchema } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { mockAdapter } from '../mock-adapter.js';

const parse = (input: JobSpecInput) => JobSpecSchema.parse(input);
const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (err) {
    return err as Error & { code?: string; details?: Record<string, unknown> };
  }
  throw new Error('expected a failure');
};

describe('submit', () => {
  it('returns the pending job with its resolved facts, the script and the command', async () => {
    const adapter = mockAdapter();
    const { job, script, command } = await adapter.jobs.submit(
      parse({
        name: 'relax',
        command: 'sleep 60',
        coresPerNode: 8,
        workingDirectory: 'runs/1',
        comment: 'c',
      }),
      { user: 'alice' },
    );
    expect(JobSchema.parse(job)).toEqual(job);
    expect(job).toEqual({
      cluster: 'ikkem',
      id: '1000',
      name: 'relax',
      user: 'alice',
      account: 'electroplating',
      partition: 'cpu',
      qos: 'normal',
      state: { phase: 'queued', raw: 'PENDING', reason: 'None' },
      requested: { nodes: 1, cores: 8, gpus: 0, memoryMiB: 8192 },
      submitTime: new Date('2026-01-01T00:00:00Z'),
      elapsedSeconds: 0,
      timeLimitSeconds: 3600,
      workingDirectory: '/home/alice/runs/1',
      stdoutPath: '/home/alice/runs/1/slurm-1000.out',
      stderrPath: '/home/alice/runs/1/slurm-1000.out',
      nodeList: [],
      comment: 'c',
    });
    expect(script.startsWith('#!/bin/bash\n#SBATCH --job-name=relax\n')).toBe(true);
    expect(command).toEqual(['sbatch', '--parsable']);
    const got = await adapter.jobs.get('1000', {});
    expect([got.state.raw, got.nodeList, got.allocated]).toEqual([
      'RUNNING',
      ['cpu01'],
      { nodes: 1, cores: 8, gpus: 0, memoryMiB: 8192 },
    ]);
  });

  it('renders exactly what submit would, without creating a job', async () => {
    const adapter = mockAdapter();
    const spec = parse({ command: 'hostname', workingDirectory: 'x' });
    const rendered = await adapter.jobs.render!(spec, { user: 'bob' });
    expect((await adapter.jobs.list({ offset: 0 }, {})).total).toBe(0);
    const submitted = await adapter.jobs.submit(spec, { user: 'bob' });
    expect({ script: submitted.script, command: submitted.command }).toEqual(rendered);
    expect(rendered.script).toContain('#SBATCH --chdir=/home/bob/x\n');
  });

  it('returns the first job again for a repeated idempotency key of the same user', async () => {
    const adapter = mockAdapter();
    const spec = parse({ command: 'sleep 10' });
    const first = await adapter.jobs.submit(spec, { idempotencyKey: 'k1' });
    adapter.clock.advance('5s');
    const again = await adapter.jobs.submit(spec, { idempotencyKey: 'k1' });
    expect([again.job.id, again.job.state.raw, again.script]).toEqual([
      first.job.id,
      'RUNNING',
      first.script,
    ]);
    const otherUser = await adapter.jobs.submit(spec, { idempotencyKey: 'k1', user: 'bob' });
    expect(otherUser.job.id).not.toBe(first.job.id);
    expect((await adapter.jobs.list({ offset: 0 }, {})).total).toBe(2);
  });

  it('creates one task per index with Slurm ids, and returns the array as one job', async () => {
    const adapter = mockAdapter();
    const { job } = await adapter.jobs.submit(
      parse({ command: 'sleep 1', array: '1,3,5-7%2', stdout: 'o-%A_%a.txt' }),
      {},
    );
    expect([job.id, job.arrayJobId, job.arrayTaskId, job.state.raw]).toEqual([
      '1000',
      '1000',
      undefined,
      'queued:5',
    ]);
    const tasks = (await adapter.jobs.list({ jobIds: ['1000'], offset: 0 }, {})).jobs;
    expect(tasks.map((t) => [t.id, t.arrayJobId, t.arrayTaskId, t.stdoutPath])).toEqual([
      ['1000_1', '1000', 1, '/home/alice/o-1000_1.txt'],
      ['1000_3', '1000', 3, '/home/alice/o-1000_3.txt'],
      ['1000_5', '1000', 5, '/home/alice/o-1000_5.txt'],
      ['1000_6', '1000', 6, '/home/alice/o-1000_6.txt'],
      ['1000_7', '1000', 7, '/home/alice/o-1000_7.txt'],
    ]);
    expect((await adapter.jobs.submit(parse({ command: 'x' }), {})).job.id).toBe('1005');
  });

  it('refuses arrays with indices at or above MaxArraySize', async () => {
    const adapter = mockAdapter({ maxArraySize: 1001 });
    const err = await failure(adapter.jobs.submit(parse({ command: 'x', array: '0-1001' }), {}));
    expect(err.details).toMatchObject({
      reason: 'other',
      nativeReason: 'ESLURM_INVALID_ARRAY',
      limit: 1000,
      requested: 1001,
    });
    expect(err.message).toContain('MaxArraySize=1001');
    // As in Slurm, MaxArraySize=1001 allows indices up to 1000.
    await expect(adapter.jobs.submit(parse({ command: 'x', array: '0-1000' }), {})).resolves.toBeDefined();
  });

  it('refuses a dependency on an unknown job, naming where it is', async () => {
    const adapter = mockAdapter();
    const err = await failure(
      adapter.jobs.submit(parse({ command: 'x', dependencies: [{ type: 'afterok', jobIds: ['999'] }] }), {}),
    );
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toContain('Job "999", named in dependencies.0.jobIds.0, does not exist.');
    expect((await adapter.jobs.list({ offset: 0 }, {})).total).toBe(0);
  });

  it('honours the begin directive (pending reason BeginTime) and refuses one it cannot read', async () => {
    const adapter = mockAdapter();
    const { job } = await adapter.jobs.submit(
      parse({ command: 'x', directives: { begin: 'now+1hour' } }),
      {},
    );
    adapter.clock.advance('59m');
    expect((await adapter.jobs.get(job.id, {})).state.reason).toBe('BeginTime');
    adapter.clock.advance('1m');
    expect((await adapter.jobs.get(job.id, {})).startTime).toEqual(new Date('2026-01-01T01:00:00Z'));
    const err = await failure(
      adapter.jobs.submit(parse({ command: 'x', directives: { begin: 'whenever' } }), {}),
    );
    expect(err.code).toBe('VALIDATION');
    expect(err.details!.issues).toEqual([expect.objectContaining({ path: ['directives', 'begin'] })]);
  });

  it('asks a custom behaviour about each task, and validates what it answers', async () => {
    const seen: (number | undefined)[] = [];
    const adapter = mockAdapter({
      jobBehavior: (_spec, job) => {
        seen.push(job.arrayTaskId);
        return job.arrayTaskId === 1
          ? { runtime: 30, outcome: 'out_of_memory' }
          : { runtime: 10, exitCode: 0 };
      },
    });
    await adapter.jobs.submit(parse({ command: 'x', array: '0-2' }), {});
    expect(seen).toEqual([0, 1, 2]);
    adapter.clock.runUntilIdle();
    const tasks = (await adapter.jobs.list({ offset: 0 }, {})).jobs;
    expect(tasks.map((t) => [t.state.raw, t.elapsedSeconds])).toEqual([
      ['COMPLETED', 10],
      ['OUT_OF_MEMORY', 30],
      ['COMPLETED', 10],
    ]);
    adapter.jobBehavior = () => ({ runtime: -5 });
    const err = await failure(adapter.jobs.submit(parse({ command: 'x' }), {}));
    expect(err.message).toContain(
      'Invalid jobBehavior result for job 1003: at "runtime": must not be negative.',
    );
    expect(() => {
      adapter.jobBehavior = 'sleep' as never;
    }).toThrow(/must be a function/);
  });

  it('uses the id prefix and first id', async () => {
    const adapter = mockAdapter({ idPrefix: 'm', firstJobId: 7 });
    expect((await adapter.jobs.submit(parse({ command: 'x', array: '0-1' }), {})).job.id).toBe('m7');
    expect((await adapter.jobs.submit(parse({ command: 'x' }), {})).job.id).toBe('m9');
    expect(isHpckitError(await failure(adapter.jobs.get('9', {})), 'NOT_FOUND')).toBe(true);
  });
});
