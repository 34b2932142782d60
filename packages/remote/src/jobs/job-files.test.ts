import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandJobPattern, type JobFileFields, jobFiles } from './job-files.js';

const job: JobFileFields = {
  id: '1234',
  name: 'train',
  user: 'alice',
  workingDirectory: '/home/alice/run 1',
  nodeList: ['cn01', 'cn02'],
};
const task: JobFileFields = { ...job, id: '1234_7', arrayJobId: '1234', arrayTaskId: 7 };

describe('expandJobPattern', () => {
  it('expands %j %x %u %A %a %N and %%', () => {
    expect(expandJobPattern('%x-%j-%u-%N-100%%.out', job)).toBe('train-1234-alice-cn01-100%.out');
    expect(expandJobPattern('%A_%a.out', task)).toBe('1234_7.out');
    expect(expandJobPattern('%A_%a.out', job)).toBe('1234_4294967294.out');
    expect(expandJobPattern('%4a-%6A', task)).toBe('0007-001234');
  });

  it('takes a path with a backslash literally, as Slurm does', () => {
    expect(expandJobPattern('out\\%j.txt', job)).toBe('out%j.txt');
  });

  it('never lets a job name inject anything but its own text', () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        expect(expandJobPattern('a-%x-b', { ...job, name })).toBe(`a-${name}-b`);
      }),
    );
  });
});

describe('jobFiles', () => {
  it('resolves relative outputs against the working directory', () => {
    expect(jobFiles({ ...job, stdoutPath: 'logs/%x-%j.out', stderrPath: '/scratch/%u/%j.err' })).toEqual({
      workingDirectory: '/home/alice/run 1',
      stdout: '/home/alice/run 1/logs/train-1234.out',
      stderr: '/scratch/alice/1234.err',
    });
  });

  it("falls back to Slurm's defaults, and stderr to stdout", () => {
    expect(jobFiles(job)).toMatchObject({
      stdout: '/home/alice/run 1/slurm-1234.out',
      stderr: '/home/alice/run 1/slurm-1234.out',
    });
    expect(jobFiles(task).stdout).toBe('/home/alice/run 1/slurm-1234_7.out');
  });

  it('cannot place a relative file without a working directory', () => {
    expect(jobFiles({ ...job, workingDirectory: undefined })).toEqual({
      workingDirectory: undefined,
      stdout: undefined,
      stderr: undefined,
    });
  });
});
