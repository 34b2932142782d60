import type { Attributes, FileEntryWithStats, OpenMode, SFTPWrapper } from 'ssh2';

/** The promise form of the ssh2 SFTP calls the file system uses. */
export interface SftpCalls {
  lstat(path: string): Promise<Attributes>;
  stat(path: string): Promise<Attributes>;
  readdir(path: string): Promise<FileEntryWithStats[]>;
  realpath(path: string): Promise<string>;
  mkdir(path: string, mode?: number): Promise<void>;
  rmdir(path: string): Promise<void>;
  unlink(path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** OpenSSH's `posix-rename@openssh.com`: replaces an existing target atomically. */
  posixRename(from: string, to: string): Promise<void>;
  chmod(path: string, mode: number): Promise<void>;
  open(path: string, flags: OpenMode, mode?: number): Promise<Buffer>;
  read(handle: Buffer, length: number, position: number): Promise<Buffer>;
  closeHandle(handle: Buffer): Promise<void>;
}

type Callback<T> = (err: Error | null | undefined, value?: T) => void;

function call<T>(run: (done: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    try {
      run((err, value) => (err ? reject(err) : resolve(value as T)));
    } catch (err) {
      reject(err);
    }
  });
}

/** Wraps an ssh2 SFTP channel in promises. */
export function sftpCalls(sftp: SFTPWrapper): SftpCalls {
  return {
    lstat: (path) => call((done) => sftp.lstat(path, done)),
    stat: (path) => call((done) => sftp.stat(path, done)),
    readdir: (path) => call((done) => sftp.readdir(path, done)),
    realpath: (path) => call((done) => sftp.realpath(path, done)),
    mkdir: (path, mode) => call((done) => sftp.mkdir(path, mode === undefined ? {} : { mode }, done)),
    rmdir: (path) => call((done) => sftp.rmdir(path, done)),
    unlink: (path) => call((done) => sftp.unlink(path, done)),
    rename: (from, to) => call((done) => sftp.rename(from, to, done)),
    posixRename: (from, to) => call((done) => sftp.ext_openssh_rename(from, to, done)),
    chmod: (path, mode) => call((done) => sftp.chmod(path, mode, done)),
    open: (path, flags, mode) =>
      call((done) => sftp.open(path, flags, mode === undefined ? {} : { mode }, done)),
    read: (handle, length, position) =>
      call<Buffer>((done) => {
        const buffer = Buffer.alloc(length);
        sftp.read(handle, buffer, 0, length, position, (err, bytesRead) =>
          done(err, buffer.subarray(0, bytesRead ?? 0)),
        );
      }),
    closeHandle: (handle) => call((done) => sftp.close(handle, done)),
  };
}
