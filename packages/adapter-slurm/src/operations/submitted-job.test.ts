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
    for (const field of ['account', 'partition', 'qos', 'timeLimitSeconds'] as const)
      expect(job[field]).toBeUndefined();
    expect(job.requested.memoryMiB).toBeUndefined();
  });

  it('reports output files as squeue does for a new job: patterns unexpanded, joined to the working directory', () => {
    const paths = (input: Partial<JobSpecInput>) => {
      const job = describeJob({ command: 'true', name: 'n', ...input });
      return [job.stdoutPath, job.stderrPath];
    };
    expect(paths({})).toEqual(['/home/alice/w/slurm-83.out', '/home/alice/w/slurm-83.out']);
    expect(paths({ array: '0-3' })).toEqual(['/home/alice/w/slurm-83.out', '/home/alice/w/slurm-83.out']);
    expect(paths({ stdout: 'o-%x-%j.txt' })).toEqual([
      '/home/alice/w/o-%x-%j.txt',
      '/home/alice/w/o-%x-%j.txt',
    ]);
    expect(paths({ stdout: '../o.txt', stderr: '/tmp/e-%j' })).toEqual([
      '/home/alice/w/../o.txt',
      '/tmp/e-%j',
    ]);
  });

  it('rounds the time limit up to whole minutes, as sbatch does', () => {
    expect(describeJob({ command: 'true', timeLimit: '61s' }).timeLimitSeconds).toBe(120);
    expect(describeJob({ command: 'true', timeLimit: '2h' }).timeLimitSeconds).toBe(7200);
  });
});
