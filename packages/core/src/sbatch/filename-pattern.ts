/** What Slurm's filename patterns stand for, for one job or array task. */
export interface FilenamePatternValues {
  /** `%j`: the job id. */
  jobId: string;
  /** `%A`: the array job id; for a job outside an array `%A` is its own id. */
  arrayJobId?: string;
  /** `%a`: the task index; outside an array Slurm prints `4294967294` (NO_VAL - 1). */
  arrayTaskId?: number;
  /** `%x`: the job name. */
  name: string;
  /** `%u`: the user's login name. */
  user: string;
  /** `%N`: the first node of the job; empty while it is unknown (before the job starts). */
  node?: string;
}

// Slurm prints this for %a of a job that is not an array task (NO_VAL - 1).
const NO_ARRAY_TASK = '4294967294';

/**
 * Expands Slurm's filename patterns (`%j` job id, `%x` name, `%u` user, `%A` array job id, `%a`
 * task index, `%N` first node, `%%` a percent sign; a width such as `%4a` zero-pads numbers) the
 * way sbatch's `--output`/`--error` and slurmstepd do. A pattern holding a backslash is taken
 * literally with the backslashes removed, as Slurm does. Other `%` sequences stay as written.
 * The mock scheduler and `jobFiles` of `@hpckit/remote` both expand with this one function, so a
 * portal tested on the mock reads the file the real job writes.
 *
 * @example
 * ```ts
 * expandFilenamePattern('logs/%x-%j.out', { jobId: '1234', name: 'relax', user: 'alice' });
 * // "logs/relax-1234.out"
 * ```
 */
export function expandFilenamePattern(pattern: string, values: FilenamePatternValues): string {
  if (pattern.includes('\\')) return pattern.replace(/\\/g, '');
  const isTask = values.arrayTaskId !== undefined;
  return pattern.replace(/%(\d*)([jxuAaN%])/g, (_match, width: string, key: string) => {
    // Slurm pads only numbers; a width before %x or %u is dropped.
    const pad = (value: string) =>
      width && /^\d+$/.test(value) ? value.padStart(Number(width), '0') : value;
    switch (key) {
      case 'j':
        return pad(values.jobId);
      case 'x':
        return values.name;
      case 'u':
        return values.user;
      case 'A':
        return pad(isTask ? (values.arrayJobId ?? values.jobId) : values.jobId);
      case 'a':
        return pad(isTask ? String(values.arrayTaskId) : NO_ARRAY_TASK);
      case 'N':
        return values.node ?? '';
      default:
        return '%';
    }
  });
}
