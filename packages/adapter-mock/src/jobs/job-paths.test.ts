import { JobSpecSchema } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { outputPathsOf, outputPatternsOf, workingDirectoryOf } from './job-paths.js';

const values = { jobId: '1007', arrayJobId: '1007', arrayTaskId: undefined, name: 'relax', user: 'alice' };
const patterns = (input: object, isArray = false) =>
  outputPatternsOf(JobSpecSchema.parse({ command: 'true', ...input }), '/w', isArray);

describe('job paths', () => {
  it('resolves relative working directories against the home and keeps absolute ones', () => {
    expect(workingDirectoryOf({}, 'alice')).toBe('/home/alice');
    expect(workingDirectoryOf({ workingDirectory: 'runs/a' }, 'alice')).toBe('/home/alice/runs/a');
    expect(workingDirectoryOf({ workingDirectory: '/scratch/x/' }, 'alice')).toBe('/scratch/x');
    expect(workingDirectoryOf({ workingDirectory: 'runs' }, 'alice', (u) => `/tmp/h/${u}`)).toBe(
      '/tmp/h/alice/runs',
    );
  });

  it("uses Slurm's default output name, and stderr follows stdout", () => {
    expect(outputPathsOf(patterns({}), '/home/alice/run', values)).toEqual({
      stdout: '/home/alice/run/slurm-1007.out',
      stderr: '/home/alice/run/slurm-1007.out',
    });
    expect(outputPathsOf(patterns({}), '/', values).stdout).toBe('/slurm-1007.out');
    const task = { ...values, jobId: '1009', arrayTaskId: 2 };
    expect(outputPathsOf(patterns({}, true), '/w', task).stdout).toBe('/w/slurm-1007_2.out');
  });

  it('expands %j %A %a %x %u %% in given names, relative to the working directory', () => {
    const paths = outputPathsOf(patterns({ stdout: 'logs/%x-%j.out', stderr: '/tmp/%u/%A_%a.err%%' }), '/w', {
      ...values,
      arrayTaskId: 3,
    });
    expect(paths).toEqual({ stdout: '/w/logs/relax-1007.out', stderr: '/tmp/alice/1007_3.err%' });
  });

  it("reads the options the Slurm adapter would pass: a script's #SBATCH lines and raw directives", () => {
    expect(patterns({ command: undefined, script: '#!/bin/sh\n#SBATCH -o from-script.log\ntrue\n' })).toEqual(
      {
        stdout: 'from-script.log',
        stderr: undefined,
      },
    );
    expect(patterns({ directives: { error: 'e-%j.log' } })).toMatchObject({ stderr: 'e-%j.log' });
  });
});
