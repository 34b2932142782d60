import type { Readable, Writable } from 'node:stream';

/** What a directory entry is. */
export type FileType = 'file' | 'directory' | 'symlink' | 'other';

/** One file or directory as listed or stat'ed. */
export interface FileEntry {
  /** Last path segment (as stored: spaces, quotes, newlines and non-ASCII kept byte for byte). */
  name: string;
  /** Absolute, normalised path. */
  path: string;
  type: FileType;
  /** Size in bytes (0 for directories on some servers). */
  size: number;
  /** Permission bits only (`0o644`), without the file-type bits. */
  mode: number;
  /** Last modification time (second precision over SFTP). */
  mtime: Date;
}

/** Bytes moved so far by a transfer; emitted at most every `progressIntervalBytes`. */
export interface TransferProgress {
  /** Bytes transferred so far. */
  bytes: number;
  /** Total bytes when known (the source size), else undefined. */
  total: number | undefined;
}

/** What a finished upload, download or copy moved. */
export interface TransferResult {
  /** Bytes transferred. */
  bytes: number;
  /** Wall time of the transfer, in ms. */
  elapsedMs: number;
}

/** Options of transfers (copy, upload, download, streams). */
export interface TransferOptions {
  /** Called as bytes move; never called after the promise settles. */
  onProgress?: (progress: TransferProgress) => void;
  /** Replace an existing destination. @default false */
  overwrite?: boolean;
  /** Permission bits of a created destination file. @default 0o644 (before the umask) */
  mode?: number;
  signal?: AbortSignal;
}

/** Options of {@link FileSystem.mkdir}. */
export interface MkdirOptions {
  /** Create missing parents, and succeed if the directory exists. @default false */
  recursive?: boolean;
  /** Permission bits of created directories. @default 0o755 (before the umask) */
  mode?: number;
}

/** Options of {@link FileSystem.delete}. */
export interface DeleteOptions {
  /** Delete a directory with everything in it; without it only empty directories go. @default false */
  recursive?: boolean;
}

/** Options of {@link FileSystem.writeFile}. */
export interface WriteFileOptions {
  /** Permission bits of a created file (use `0o600` for secrets). @default 0o644 (before the umask) */
  mode?: number;
  /** Fail with `AlreadyExistsError` when the file exists, instead of replacing it. @default false */
  exclusive?: boolean;
}

/** Options of {@link FileSystem.readFile}. */
export interface ReadFileOptions {
  /**
   * Refuse (ValidationError `too_big`) files holding more bytes than this, counted as they are
   * read. A positive integer. @default the file system's `maxReadBytes`
   */
  maxBytes?: number;
}

/** The head of a file, for a portal's preview pane. */
export interface FilePreview {
  /** The first bytes of the file, at most the preview limit. */
  content: Buffer;
  /** Whether the file holds more than `content` (seen by reading past the limit, not from stat). */
  truncated: boolean;
  /**
   * Size of the file in bytes: `content.length` when it was read whole; when truncated, its stat
   * size or the bytes seen if more (a file still growing, a /proc file whose size says 0).
   */
  size: number;
}

/** Options of a read stream. */
export interface ReadStreamOptions {
  /** First byte to read (a whole number, 0 or more). @default 0 */
  start?: number;
  /** Called as bytes are read. */
  onProgress?: (progress: TransferProgress) => void;
}

/** Options of a write stream. */
export interface WriteStreamOptions {
  /** Permission bits of a created file. @default 0o644 (before the umask) */
  mode?: number;
  /** Fail when the file exists. @default false */
  exclusive?: boolean;
  /** Called as bytes are written. */
  onProgress?: (progress: TransferProgress) => void;
}

/**
 * One user's files, over SFTP or on this machine. Paths are strings: absolute paths are used as
 * given (normalised), relative ones (and `~`, `~/…`) resolve against the user's home. No path ever
 * reaches a shell. Failures are core's typed errors carrying the path: `NotFoundError` (kind
 * `file`, id = path), `PermissionError` (`details.action` = "<operation> <path>"),
 * `AlreadyExistsError` (kind `file`), and `ValidationError` for "not a directory", "is a
 * directory", "directory not empty", "not a regular file" and size limits (issue code
 * `not_a_directory`, `is_a_directory`, `directory_not_empty`, `not_a_regular_file`, `too_big`;
 * issue path `[path]`).
 *
 * Reading (`readFile`, `preview`, `createReadStream`, `download`, `copy`) follows symlinks but
 * reads only regular files, judged on the opened file (so a symlink swapped in after a check
 * cannot slip through): a FIFO, socket or device is `not_a_regular_file`, since it can block a
 * read forever or never end (`/dev/zero`). Limits count the bytes actually read, never a size from
 * stat. Over SFTP, opens and reads time out (`TimeoutError`; see `openTimeoutMs`).
 */
export interface FileSystem {
  /** `sftp` or `local`. */
  readonly kind: 'sftp' | 'local';
  /** The user these files are accessed as (the login name; the process owner locally). */
  readonly user: string;
  /** Absolute path of the user's home directory. */
  home(): Promise<string>;
  /** The absolute, normalised path `path` names (lexical: symlinks are not followed). */
  resolve(path: string): Promise<string>;
  /** Entries of a directory (without `.` and `..`), sorted by name. */
  list(path: string): Promise<FileEntry[]>;
  /** One entry; a symlink is reported as itself (`type: 'symlink'`). */
  stat(path: string): Promise<FileEntry>;
  /** Whether anything exists at `path` (a dangling symlink counts). */
  exists(path: string): Promise<boolean>;
  /** Creates a directory (`AlreadyExistsError` if it exists, unless `recursive`). */
  mkdir(path: string, options?: MkdirOptions): Promise<void>;
  /** Deletes a file, a symlink, or a directory (empty unless `recursive`). */
  delete(path: string, options?: DeleteOptions): Promise<void>;
  /** Renames or moves; fails with `AlreadyExistsError` when `to` exists unless `overwrite`. */
  rename(from: string, to: string, options?: { overwrite?: boolean }): Promise<void>;
  /** Copies a file (streamed, never through a shell); directories need `recursive`. */
  copy(
    from: string,
    to: string,
    options?: TransferOptions & { recursive?: boolean },
  ): Promise<TransferResult>;
  /** Changes permission bits. */
  chmod(path: string, mode: number): Promise<void>;
  /**
   * The whole file; refuses (`too_big`) a file holding more than the read limit, even one that
   * grows past it while being read, having read at most one byte past it (use a stream or
   * `download` for big files).
   */
  readFile(path: string, options?: ReadFileOptions): Promise<Buffer>;
  /**
   * The first `maxBytes` of a file (a positive integer; default: the file system's
   * `previewBytes`), reading at most one byte more to tell whether it is truncated.
   */
  preview(path: string, options?: { maxBytes?: number }): Promise<FilePreview>;
  /** Writes a whole file, replacing it unless `exclusive`. */
  writeFile(path: string, data: string | Uint8Array, options?: WriteFileOptions): Promise<void>;
  /**
   * A stream of the file's bytes to its end (a file still growing is followed); opening fails
   * (typed error) before the stream is returned.
   */
  createReadStream(path: string, options?: ReadStreamOptions): Promise<Readable>;
  /** A stream writing the file; `finish` fires when the bytes are stored. */
  createWriteStream(path: string, options?: WriteStreamOptions): Promise<Writable>;
  /** Copies a file of this machine to `remotePath`. */
  upload(localPath: string, remotePath: string, options?: TransferOptions): Promise<TransferResult>;
  /** Copies `remotePath` to a file of this machine. */
  download(remotePath: string, localPath: string, options?: TransferOptions): Promise<TransferResult>;
  /** Releases the SFTP channel (the pooled SSH connection stays); a no-op locally. */
  close(): Promise<void>;
}
