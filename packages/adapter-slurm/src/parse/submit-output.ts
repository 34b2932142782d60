import { fail } from '../errors/slurm-errors.js';

/**
 * Reads the job id from `sbatch --parsable` output: the last line that looks like `<id>` or
 * `<id>;<cluster>`, so warnings or site banners printed before it do no harm.
 *
 * @throws {@link ParseError} when no line holds a job id.
 */
export function parseSubmitOutput(stdout: string, command: string[]): string {
  const lines = stdout
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /^(\d+)(?:;\S+)?$/.exec(lines[i]!) ?? /^Submitted batch job (\d+)/.exec(lines[i]!);
    if (m) return m[1]!;
  }
  throw fail.parse({
    details: {
      raw: stdout,
      what: 'sbatch --parsable output',
      command,
      reason: 'no_job_id',
      program: 'sbatch',
    },
  });
}
