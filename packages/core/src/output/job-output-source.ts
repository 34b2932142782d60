import type { Job } from '../model/job.js';

/** Which of a job's output files: standard output or standard error. */
export type OutputStreamName = 'stdout' | 'stderr';

/** What a {@link JobOutputSource} is asked to read. */
export interface JobOutputRange {
  /** First byte to read. */
  start: number;
  /** Bytes to read at most (a positive integer). */
  maxBytes: number;
  /** The user the reading client acts for; undefined for a root client (read as the job's owner). */
  user: string | undefined;
  signal?: AbortSignal;
}

/** Bytes of a job's output file, as a {@link JobOutputSource} read them. */
export interface JobOutputChunk {
  /** Where the file is, when the source could tell (`/home/alice/run/slurm-1234.out`). */
  path?: string;
  /** Whether the file exists (a job that has not started has none yet). */
  exists: boolean;
  /** The bytes from `start`, at most `maxBytes`. */
  content: Uint8Array;
  /** Whether the file holds bytes past `content`. */
  more: boolean;
}

/**
 * Reads jobs' output files. Core defines it and never reads a file itself: `jobOutputSource` of
 * `@hpckit/remote` implements it over SFTP or the local disk, and a cluster is given one with its
 * `jobOutput` option, which `handle.output()` and `handle.followOutput()` use.
 */
export interface JobOutputSource {
  /** Reads up to `range.maxBytes` bytes of a job's stdout or stderr from `range.start`. */
  read(job: Job, stream: OutputStreamName, range: JobOutputRange): Promise<JobOutputChunk>;
}

/** A job's output as {@link JobHandle.output} read it. */
export interface JobOutput {
  stream: OutputStreamName;
  path?: string;
  /** Whether the file exists yet. */
  exists: boolean;
  /** The output decoded as UTF-8 (at most `maxBytes` bytes of it). */
  text: string;
  /** Bytes read. */
  bytes: number;
  /** Whether the file holds more than was read (`maxBytes` reached). */
  truncated: boolean;
}
