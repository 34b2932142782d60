import type { SessionFiles } from './session-files.js';

/** The part of `@hpckit/remote`'s `FileSystem` (SFTP or local) that sessions use. */
export interface FileSystemLike {
  /** Absolute path of the home directory. */
  home(): Promise<string>;
  /** The whole file. */
  readFile(path: string): Promise<Uint8Array | string>;
  /** Writes a whole file with the given mode. */
  writeFile(path: string, data: string, options?: { mode?: number }): Promise<void>;
  /** Creates a directory (and parents when `recursive`). */
  mkdir(path: string, options?: { recursive?: boolean; mode?: number }): Promise<void>;
  /** Whether anything exists at the path. */
  exists(path: string): Promise<boolean>;
}

/**
 * {@link SessionFiles} over `@hpckit/remote`'s file system (SFTP to a login node, or local):
 * directories 0700 and files 0600.
 *
 * @example
 * ```ts
 * const files = fileSystemSessionFiles(sftpFileSystem({ transport, user: 'alice' }));
 * ```
 */
export function fileSystemSessionFiles(fs: FileSystemLike): SessionFiles {
  return {
    home: () => fs.home(),
    async readFile(path) {
      const data = await fs.readFile(path);
      return typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
    },
    writeFile: (path, text) => fs.writeFile(path, text, { mode: 0o600 }),
    mkdir: (path) => fs.mkdir(path, { recursive: true, mode: 0o700 }),
    exists: (path) => fs.exists(path),
  };
}
