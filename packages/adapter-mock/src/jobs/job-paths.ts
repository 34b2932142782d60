import { posix } from 'node:path';
import type { JobSpec } from '@hpckit/core';

/** The job's working directory: absolute as given, or relative to `/home/<user>`, normalised. */
export function workingDirectoryOf(spec: Pick<JobSpec, 'workingDirectory'>, user: string): string {
  return posix.resolve(`/home/${user}`, spec.workingDirectory ?? '.');
}

/** What output file patterns expand to for one job. */
export interface PathTokens {
  /** `%j`: the job's numeric id. */
  jobId: string;
  /** `%A`: the array job id (the job id outside arrays). */
  arrayJobId: string;
  /** `%a`: the task index (`4294967294` outside arrays, as in Slurm). */
  taskId: number | undefined;
  /** `%x`. */
  name: string;
  /** `%u`. */
  user: string;
}

/**
 * Standard output and error paths as Slurm resolves them: the spec's patterns (or `slurm-%j.out`,
 * `slurm-%A_%a.out` for arrays) with `%j %A %a %x %u %%` expanded, relative to the working
 * directory; standard error goes with standard output unless named.
 */
export function outputPathsOf(
  spec: Pick<JobSpec, 'stdout' | 'stderr'>,
  workingDirectory: string,
  tokens: PathTokens,
): { stdout: string; stderr: string } {
  const fallback = tokens.taskId === undefined ? 'slurm-%j.out' : 'slurm-%A_%a.out';
  const stdout = resolvePattern(spec.stdout ?? fallback, workingDirectory, tokens);
  const stderr = spec.stderr === undefined ? stdout : resolvePattern(spec.stderr, workingDirectory, tokens);
  return { stdout, stderr };
}

function resolvePattern(pattern: string, workingDirectory: string, t: PathTokens): string {
  // The usual case (Slurm's default name in the working directory) needs no path arithmetic.
  if (pattern === 'slurm-%j.out')
    return `${workingDirectory === '/' ? '' : workingDirectory}/slurm-${t.jobId}.out`;
  const expanded = pattern.replace(/%([%jAaxu])/g, (_, c: string) => {
    if (c === '%') return '%';
    if (c === 'j') return t.jobId;
    if (c === 'A') return t.arrayJobId;
    if (c === 'a') return String(t.taskId ?? 4_294_967_294);
    if (c === 'x') return t.name;
    return t.user;
  });
  return posix.resolve(workingDirectory, expanded);
}
