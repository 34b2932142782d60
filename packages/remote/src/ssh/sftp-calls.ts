import type { Attributes, FileEntryWithStats, OpenMode, SFTPWrapper } from 'ssh2';
import { SftpChannelAbandoned, SftpTimeout, type SftpTimeouts } from './sftp-timeouts.js';

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
  /** Opens a file; fails with `SftpTimeout` (and gives the channel up) past `openTimeoutMs`. */
  open(path: string, flags: OpenMode, mode?: number): Promise<Buffer>;
  /** What an open handle is (not what its path names now); bounded by `openTimeoutMs`. */
  fstat(handle: Buffer): Promise<Attributes>;
  /** At most `length` bytes from `position`, empty at end of file; bounded by `readTimeoutMs`. */
  read(handle: Buffer, length: number, position: number): Promise<Buffer>;
  closeHandle(handle: Buffer): Promise<void>;
  /** Gives the channel up: it is ended, and every waiting and later call fails at once. */
  abandon(reason: string): void;
}

/** Timeouts of {@link sftpCalls}, and who to tell when the channel is given up. */
export interface SftpCallsOptions extends SftpTimeouts {
  /** Called once when the channel is given up (after a timeout, or when it closed). */
  onAbandon?: () => void;
}

type Callback<T> = (err: Error | null | undefined, value?: T) => void;

const NO_TIMEOUTS: SftpCallsOptions = { openTimeoutMs: 2 ** 31 - 1, readTimeoutMs: 2 ** 31 - 1 };

/**
 * Wraps an ssh2 SFTP channel in promises. ssh2 has no request timeouts, and once its channel is
 * closed a new request is silently dropped and never answered: so opens and reads are timed, and a
 * given-up channel fails every call at once instead of leaving it waiting forever.
 */
export function sftpCalls(sftp: SFTPWrapper, options: SftpCallsOptions = NO_TIMEOUTS): SftpCalls {
  let abandoned: SftpChannelAbandoned | undefined;
  const waiting = new Set<(err: Error) => void>();

  function abandon(reason: string, end: boolean): void {
    if (abandoned) return;
    abandoned = new SftpChannelAbandoned(reason);
    for (const fail of [...waiting]) fail(abandoned);
    // sftp-server serves one request at a time: behind a stuck open or read nothing is answered,
    // not even the close of the handle, so the channel itself has to go.
    if (end) sftp.end();
    options.onAbandon?.();
  }
  sftp.once('close', () => abandon('the channel closed', false));

  function call<T>(run: (done: Callback<T>) => void, timeout?: { step: 'open' | 'read'; ms: number }) {
    if (abandoned) return Promise.reject(abandoned);
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const fail = (err: Error) => settle(() => reject(err));
      const settle = (then: () => void) => {
        if (!waiting.delete(fail)) return; // settled already (timed out, abandoned)
        clearTimeout(timer);
        then();
      };
      waiting.add(fail);
      if (timeout) {
        timer = setTimeout(() => {
          fail(new SftpTimeout(timeout.step, timeout.ms));
          abandon(`an SFTP ${timeout.step} went unanswered for ${timeout.ms} ms`, true);
        }, timeout.ms);
      }
      try {
        run((err, value) => settle(() => (err ? reject(err) : resolve(value as T))));
      } catch (err) {
        fail(err as Error);
      }
    });
  }
  const opening = { step: 'open' as const, ms: options.openTimeoutMs };
  const reading = { step: 'read' as const, ms: options.readTimeoutMs };

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
      call((done) => sftp.open(path, flags, mode === undefined ? {} : { mode }, done), opening),
    fstat: (handle) => call((done) => sftp.fstat(handle, done), opening),
    read: (handle, length, position) =>
      call<Buffer>((done) => {
        const buffer = Buffer.alloc(length);
        sftp.read(handle, buffer, 0, length, position, (err, bytesRead) => {
          // Some servers report end of file as an error with code 1 (SSH_FX_EOF) rather than 0 bytes.
          if (err && (err as { code?: number }).code === 1) return done(undefined, buffer.subarray(0, 0));
          done(err, buffer.subarray(0, bytesRead ?? 0));
        });
      }, reading),
    closeHandle: (handle) => call((done) => sftp.close(handle, done)),
    abandon: (reason) => abandon(reason, true),
  };
}
