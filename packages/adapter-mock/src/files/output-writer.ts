import { posix } from 'node:path';
import type { SimJob } from '../jobs/sim-job.js';
import type { MockFileSink } from './job-files-sink.js';

/** Writes jobs' directories and output files in order, and reports when all are written. */
export interface OutputWriter {
  /** Creates a job's working directory before it is queued (`createWorkingDirectory`). */
  createDirectory(path: string): void;
  /** A job started: Slurm creates (truncates) its output files now. */
  started(job: SimJob): void;
  /** A job ended: its output files get what it printed. */
  ended(job: SimJob): void;
  /**
   * Resolves once everything asked so far is written; rejects with the first failure since the
   * last call (a sink's typed error), so a write that failed is reported, not lost.
   */
  settled(): Promise<void>;
}

/**
 * An {@link OutputWriter} over a sink, or one that writes nothing without a sink. Writes run one
 * after another, so a job's files are created before they are filled, whatever the sink's speed.
 */
export function createOutputWriter(sink: MockFileSink | undefined): OutputWriter {
  if (!sink) {
    return { createDirectory() {}, started() {}, ended() {}, settled: async () => {} };
  }
  let chain: Promise<void> = Promise.resolve();
  let failure: unknown;
  const enqueue = (write: () => Promise<void>) => {
    chain = chain.then(write).catch((err: unknown) => {
      failure ??= err;
    });
  };
  const files = (job: SimJob, out: string, err: string) => {
    if (job.stderrPath === job.stdoutPath) return [[job.stdoutPath, out + err] as const];
    return [[job.stdoutPath, out] as const, [job.stderrPath, err] as const];
  };
  const writeAll = (job: SimJob, full: boolean) => {
    const { stdout = '', stderr = '' } = full ? job.behavior : {};
    for (const [path, text] of files(job, stdout, stderr)) {
      // /dev/null and other devices are not the sink's to write.
      if (path.startsWith('/dev/')) continue;
      enqueue(async () => {
        await sink.mkdir(posix.dirname(path), { recursive: true });
        await sink.writeFile(path, text);
      });
    }
  };
  return {
    createDirectory: (path) => enqueue(() => sink.mkdir(path, { recursive: true })),
    started: (job) => writeAll(job, false),
    // A job cancelled before it started never opened its files, as on Slurm.
    ended: (job) => {
      if (job.startTime !== undefined) writeAll(job, true);
    },
    async settled() {
      await chain;
      if (failure === undefined) return;
      const err = failure;
      failure = undefined;
      throw err;
    },
  };
}
