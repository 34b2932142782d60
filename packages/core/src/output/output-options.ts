import { z } from 'zod';
import { parseInput, ruleError } from '../errors/validation.js';
import type { JobOutputSource, OutputStreamName } from './job-output-source.js';

/** Largest `maxBytes` of an output read: 256 MiB (a job's output is a file, not a data set). */
export const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

/** Options of {@link JobHandle.output}. */
export interface OutputOptions {
  /** @defaultValue `'stdout'` */
  stream?: OutputStreamName;
  /**
   * Bytes read at most; past them the output is `truncated`. At most {@link MAX_OUTPUT_BYTES}.
   *
   * @defaultValue 1 MiB
   */
  maxBytes?: number;
  /** Where to read it from, overriding the cluster's `jobOutput` option. */
  source?: JobOutputSource;
  signal?: AbortSignal;
}

/** Options of {@link JobHandle.followOutput}. */
export interface FollowOutputOptions extends OutputOptions {
  /**
   * Milliseconds between two looks at the file while the job runs (file reads, never scheduler
   * calls: the job's end comes from the cluster's poller).
   *
   * @defaultValue 1000
   */
  intervalMs?: number;
}

/** A {@link JobOutputSource}: an object with a `read` function. */
export const JobOutputSourceSchema = z.custom<JobOutputSource>(
  (s) => typeof s === 'object' && s !== null && typeof (s as JobOutputSource).read === 'function',
  { error: ruleError('not_a_job_output_source') },
);

const FollowOutputOptionsSchema = z.strictObject({
  stream: z.enum(['stdout', 'stderr']).default('stdout'),
  maxBytes: z
    .number()
    .int()
    .positive()
    .max(MAX_OUTPUT_BYTES)
    .default(1024 * 1024),
  source: JobOutputSourceSchema.optional(),
  signal: z.custom<AbortSignal>((s) => s instanceof AbortSignal).optional(),
  intervalMs: z.number().int().positive().default(1000),
});

/** The options of an output read or follow, validated, defaults filled in. */
export function parseOutputOptions(
  options: FollowOutputOptions | undefined,
  subject: string,
): z.output<typeof FollowOutputOptionsSchema> {
  return parseInput(FollowOutputOptionsSchema, options ?? {}, subject, ['options']);
}
