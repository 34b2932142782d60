/**
 * Where the mock writes what its jobs would write on a cluster: their working directories
 * (`createWorkingDirectory`) and their output files. `FileSystem` of `@hpckit/remote` has this
 * shape, so a portal's test passes the same `localFileSystem(...)` it reads the files back with.
 *
 * @example
 * ```ts
 * import { mockAdapter } from '@hpckit/adapter-mock';
 * import { localFileSystem } from '@hpckit/remote';
 *
 * const files = localFileSystem({ home: '/tmp/portal-test/alice' });
 * mockAdapter({ homes: '/tmp/portal-test', files }); // alice's jobs run in /tmp/portal-test/alice
 * ```
 */
export interface MockFileSink {
  /** Creates a directory; with `recursive`, its parents too and no error if it exists. */
  mkdir(path: string, options?: { recursive?: boolean }): Promise<void>;
  /** Writes a whole file, replacing it. */
  writeFile(path: string, data: string): Promise<void>;
}
