import { describe, expect, it } from 'vitest';
import { outputPathsOf, workingDirectoryOf } from './job-paths.js';

const tokens = { jobId: '1007', arrayJobId: '1007', taskId: undefined, name: 'relax', user: 'alice' };

describe('job paths', () => {
  it('resolves relative working directories against the home and keeps absolute ones', () => {
    expect(workingDirectoryOf({}, 'alice')).toBe('/home/alice');
    expect(workingDirectoryOf({ workingDirectory: 'runs/a' }, 'alice')).toBe('/home/alice/runs/a');
    expect(workingDirectoryOf({ workingDirectory: '/scratch/x/' }, 'alice')).toBe('/scratch/x');
    expect(workingDirectoryOf({ workingDirectory: '../bob' }, 'alice')).toBe('/home/bob');
  });

  it("uses Slurm's default output name, and stderr follows stdout", () => {
    expect(outputPathsOf({}, '/home/alice/run', tokens)).toEqual({
      stdout: '/home/alice/run/slurm-1007.out',
      stderr: '/home/alice/run/slurm-1007.out',
    });
    expect(outputPathsOf({}, '/', tokens).stdout).toBe('/slurm-1007.out');
    const task = { ...tokens, jobId: '1009', taskId: 2 };
    expect(outputPathsOf({}, '/w', task).stdout).toBe('/w/slurm-1007_2.out');
  });

  it('expands %j %A %a %x %u %% in given names, relative to the working directory', () => {
    const paths = outputPathsOf({ stdout: 'logs/%x-%j.out', stderr: '/tmp/%u/%A_%a.err%%' }, '/w', {
      ...tokens,
      taskId: 3,
    });
    expect(paths).toEqual({ stdout: '/w/logs/relax-1007.out', stderr: '/tmp/alice/1007_3.err%' });
  });
});
