import { isHpckitError, type JobOutputSource, parseInput } from '@hpckit/core';
import { z } from 'zod';
import { remoteRules } from '../errors/remote-rules.js';
import type { FileSystem } from '../fs/file-system.js';
import { readAtMost } from '../fs/read-at-most.js';
import { jobFiles } from './job-files.js';

/** Options of {@link jobOutputSource}. */
export interface JobOutputSourceOptions {
  /**
   * Whose files: one file system (a single user's notebook), or a function giving the file system
   * of a user (a portal: `(user) => sftpFileSystem({ transport, user })`), called once per user
   * and kept until {@link ClosableJobOutputSource.close}. A user view's handle reads as its user;
   * the root client's as the job's owner.
   */
  files: FileSystem | ((user: string) => FileSystem);
}

/** A {@link JobOutputSource} that holds file systems, closed with `close()`. */
export interface ClosableJobOutputSource extends JobOutputSource {
  /** Closes the file systems the `files` function made (not one given directly). */
  close(): Promise<void>;
}

const OptionsSchema = z.strictObject({
  files: z.custom<JobOutputSourceOptions['files']>(
    (f) =>
      typeof f === 'function' ||
      (typeof f === 'object' && f !== null && typeof (f as FileSystem).createReadStream === 'function'),
    { error: remoteRules.error('not_job_output_files') },
  ),
});

/**
 * Reads jobs' stdout and stderr over a {@link FileSystem} (SFTP or local disk), for core's
 * `handle.output()` and `handle.followOutput()`: give it to a cluster as its `jobOutput` option.
 * Paths come from the job ({@link jobFiles}: Slurm's patterns expanded, relative ones against the
 * working directory); reads count the bytes that arrive and stop past the limit. A file not there
 * yet (a job that has not started) reads as `exists: false`; other failures are the file system's
 * typed errors.
 *
 * @throws `VALIDATION` when `files` is neither a file system nor a function.
 * @example
 * ```ts
 * const output = jobOutputSource({ files: (user) => sftpFileSystem({ transport, user }) });
 * const client = createClient({ clusters: { hpc: { adapter, jobOutput: output } } });
 * const handle = await client.as('alice').jobs.submit({ command: 'echo hi', timeLimit: '5m' });
 * await handle.wait();
 * console.log((await handle.output()).text); // "hi\n"
 * ```
 */
export function jobOutputSource(options: JobOutputSourceOptions): ClosableJobOutputSource {
  const { files } = parseInput(OptionsSchema, options, remoteRules.subject('job_output_source_options'), [
    'options',
  ]);
  const made = new Map<string, FileSystem>();
  const filesOf = (user: string): FileSystem => {
    if (typeof files !== 'function') return files;
    let fs = made.get(user);
    if (!fs) {
      fs = files(user);
      made.set(user, fs);
    }
    return fs;
  };
  return {
    async read(job, stream, range) {
      const where = jobFiles(job);
      const path = stream === 'stdout' ? where.stdout : where.stderr;
      if (path === undefined) return { exists: false, content: new Uint8Array(), more: false };
      const fs = filesOf(range.user ?? job.user);
      range.signal?.throwIfAborted();
      let source: Awaited<ReturnType<FileSystem['createReadStream']>>;
      try {
        source = await fs.createReadStream(path, { start: range.start });
      } catch (err) {
        if (isHpckitError(err, 'NOT_FOUND'))
          return { path, exists: false, content: new Uint8Array(), more: false };
        throw err;
      }
      const { content, more } = await readAtMost(source, range.maxBytes);
      return { path, exists: true, content, more };
    },
    async close() {
      const all = [...made.values()];
      made.clear();
      await Promise.all(all.map((fs) => fs.close()));
    },
  };
}
