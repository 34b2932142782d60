import { posix } from 'node:path';
import type { Job } from '@hpckit/core';
import { expandFilenamePattern } from '@hpckit/core/sbatch';

/** Where a job's files are. */
export interface JobFiles {
  /** The job's working directory, when the scheduler reported it. */
  workingDirectory: string | undefined;
  /** Absolute path of standard output, patterns expanded; undefined when it cannot be known. */
  stdout: string | undefined;
  /** Absolute path of standard error (the stdout file when not split). */
  stderr: string | undefined;
}

/** The job fields {@link jobFiles} reads. */
export type JobFileFields = Pick<Job, 'id' | 'name' | 'user'> &
  Partial<
    Pick<Job, 'arrayJobId' | 'arrayTaskId' | 'workingDirectory' | 'stdoutPath' | 'stderrPath' | 'nodeList'>
  >;

/**
 * Expands Slurm's filename patterns of a job (`%j` id, `%x` name, `%u` user, `%A` array job id,
 * `%a` array task index, `%N` first node, `%%`; a width such as `%4a` zero-pads numbers). A path
 * containing a backslash is taken literally, as Slurm does. The rules are core's
 * `expandFilenamePattern` (`@hpckit/core/sbatch`), which the mock scheduler uses too.
 *
 * @example
 * ```ts
 * expandJobPattern('out-%x-%j.txt', job); // "out-train-1234.txt"
 * ```
 */
export function expandJobPattern(pattern: string, job: JobFileFields): string {
  return expandFilenamePattern(pattern, {
    jobId: job.id,
    arrayJobId: job.arrayJobId ?? job.id.split('_')[0] ?? job.id,
    arrayTaskId: job.arrayTaskId,
    name: job.name,
    user: job.user,
    node: job.nodeList?.[0],
  });
}

/**
 * A job's working directory and its stdout/stderr paths, patterns expanded and relative names
 * resolved against the working directory. Without a reported stdout path, Slurm's default applies
 * (`slurm-%j.out`, or `slurm-%A_%a.out` for an array task).
 *
 * @example
 * ```ts
 * const { workingDirectory, stdout } = jobFiles(await client.jobs.get('1234'));
 * const head = await files.preview(stdout!);
 * ```
 */
export function jobFiles(job: JobFileFields): JobFiles {
  const cwd = job.workingDirectory;
  const place = (pattern: string | undefined) => {
    if (pattern === undefined || pattern === '') return undefined;
    const path = expandJobPattern(pattern, job);
    if (path.startsWith('/')) return posix.normalize(path);
    return cwd === undefined ? undefined : posix.join(cwd, path);
  };
  const fallback = job.arrayTaskId !== undefined ? 'slurm-%A_%a.out' : 'slurm-%j.out';
  const stdout = place(job.stdoutPath || fallback);
  return { workingDirectory: cwd, stdout, stderr: place(job.stderrPath) ?? stdout };
}
