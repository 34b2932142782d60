import { posix } from 'node:path';
import type { JobSpec } from '@hpckit/core';
import { expandFilenamePattern, type FilenamePatternValues, sbatchCommandLine } from '@hpckit/core/sbatch';

/** The job's working directory: absolute as given, or relative to the user's home, normalised. */
export function workingDirectoryOf(
  spec: Pick<JobSpec, 'workingDirectory'>,
  user: string,
  homeOf: (user: string) => string = (u) => `/home/${u}`,
): string {
  return posix.resolve(homeOf(user), spec.workingDirectory ?? '.');
}

/** The output file patterns of a job as sbatch receives them, Slurm's defaults where it names none. */
export interface OutputPatterns {
  stdout: string;
  stderr: string | undefined;
}

/**
 * The `--output` and `--error` a submission of `spec` passes to sbatch, read from the options the
 * Slurm adapter compiles (core's `sbatchCommandLine`), so the mock runs the job the same model
 * describes: fields, a script's `#SBATCH` lines and raw `directives` alike.
 */
export function outputPatternsOf(spec: JobSpec, workingDirectory: string, isArray: boolean): OutputPatterns {
  const options = sbatchCommandLine(spec, { workingDirectory });
  const output = options.get('output');
  const error = options.get('error');
  return {
    stdout: typeof output === 'string' ? output : isArray ? 'slurm-%A_%a.out' : 'slurm-%j.out',
    stderr: typeof error === 'string' ? error : undefined,
  };
}

/**
 * Standard output and error paths as Slurm resolves them: the patterns expanded with core's
 * `expandFilenamePattern`, relative to the working directory; standard error goes with standard
 * output unless named.
 */
export function outputPathsOf(
  patterns: OutputPatterns,
  workingDirectory: string,
  values: FilenamePatternValues,
): { stdout: string; stderr: string } {
  const stdout = resolvePattern(patterns.stdout, workingDirectory, values);
  const stderr =
    patterns.stderr === undefined ? stdout : resolvePattern(patterns.stderr, workingDirectory, values);
  return { stdout, stderr };
}

function resolvePattern(pattern: string, workingDirectory: string, values: FilenamePatternValues): string {
  // The usual case (Slurm's default name in the working directory) needs no path arithmetic.
  if (pattern === 'slurm-%j.out')
    return `${workingDirectory === '/' ? '' : workingDirectory}/slurm-${values.jobId}.out`;
  return posix.resolve(workingDirectory, expandFilenamePattern(pattern, values));
}
