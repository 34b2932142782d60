import { JobSchema, type JobSpecInput, JobSpecSchema } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { submittedJob } from './submitted-job.js';

const at = new Date('2026-03-01T10:00:00.750Z');
const describeJob = (input: JobSpecInput) =>
  submittedJob(JobSpecSchema.parse(input), {
    id: '83',
    cluster: 'local',
    user: 'alice',
    workingDirectory: '/home/alice/w',
    at,
  });

describe('submittedJob', () => {
  it('describes a job from the spec alone, leaving what slurmctld chooses absent', () => {
    const job = describeJob({ command: 'true' });
    expect(JobSchema.parse(job)).toEqual(job);
    expect(job).toMatchObject({
      name: 'sbatch',
      state: { phase: 'queued', raw: 'PENDING' },
      requested: { nodes: 1, cores: 1, gpus: 0 },
      submitTime: new Date('2026-03-01T10:00:00Z'),
    });
    for (const field of [
      'account',
      'partition',
      'qos',
      'timeLimitSeconds',
      'stdoutPath',
      'stderrPath',
    ] as const)
      expect(job[field]).toBeUndefined();
    expect(job.requested.memoryMiB).toBeUndefined();
  });

  it('expands output patterns known at submission and leaves the others for a read', () => {
    const paths = (input: Partial<JobSpecInput>) => {
      const job = describeJob({ command: 'true', name: 'n', ...input });
      return [job.stdoutPath, job.stderrPath];
    };
    expect(paths({ stdout: 'o-%x-%u-%j-%A-%a-%%.txt' })).toEqual([
      '/home/alice/w/o-n-alice-83-83-4294967294-%.txt',
      '/home/alice/w/o-n-alice-83-83-4294967294-%.txt',
    ]);
    expect(paths({ stdout: '../o.txt', stderr: '/tmp/e-%j' })).toEqual(['/home/alice/o.txt', '/tmp/e-83']);
    expect(paths({ stdout: 'o-%N.txt' })).toEqual(['o-%N.txt', 'o-%N.txt']);
    expect(paths({ stdout: 'o-%4j.txt' })).toEqual(['o-%4j.txt', 'o-%4j.txt']);
    // An array's %j and %a are each task's own.
    expect(paths({ stdout: 'o-%A.txt', array: '0-3' })).toEqual([
      '/home/alice/w/o-83.txt',
      '/home/alice/w/o-83.txt',
    ]);
    expect(paths({ stdout: 'o-%A_%a.txt', array: '0-3' })).toEqual(['o-%A_%a.txt', 'o-%A_%a.txt']);
  });

  it('rounds the time limit up to whole minutes, as sbatch does', () => {
    expect(describeJob({ command: 'true', timeLimit: 61 }).timeLimitSeconds).toBe(120);
    expect(describeJob({ command: 'true', timeLimit: '2h' }).timeLimitSeconds).toBe(7200);
  });
});
