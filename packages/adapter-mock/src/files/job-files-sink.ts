/**
 * Where the mock writes what its jobs would write on a cluster: their working directories
 * (`createWorkingDirectory`) and their output files. `FileSystem` of `@hpckit/remote` has this
 * shape, so a portal's test passes the same `localFileSystem(...)` it reads the files back with.
 *
 * @example
 * ```ts
 * const dir = await mkdtemp(join(tmpdir(), 'portal-'));
 * const files = localFileSystem({ home: dir });
 * mockAdapter({ homes: dir, files }); // alice's jobs run in `${dir}/alice` and write there
 * ```
 */
export interface MockFileSink {
  /** Creates a directory; with `recursive`, its parents too and no error if it exists. */
  mkdir(path: string, options?: { recursive?: boolean }): Promise<void>;
  /** Writes a whole file, replacing it. */
  writeFile(path: string, data: string): Promise<void>;
}
