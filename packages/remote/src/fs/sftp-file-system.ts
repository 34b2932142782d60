import { createWriteStream as createLocalWriteStream } from 'node:fs';
import { posix, resolve as resolveLocal } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { type HpckitError, parseInput, UserNameSchema } from '@hpckit/core';
import type { Attributes, Client, SFTPWrapper } from 'ssh2';
import { z } from 'zod';
import { remoteRules } from '../errors/remote-rules.js';
import {
  type FileOperation,
  fileAlreadyExists,
  fromErrno,
  fromSftp,
  pathProblem,
  sftpErrorOf,
} from '../errors/file-errors.js';
import { resolvePath } from '../path/resolve-path.js';
import { openSessionAs } from '../ssh/open-session.js';
import { type SftpCalls, sftpCalls } from '../ssh/sftp-calls.js';
import { sftpReadStream, sftpWriteStream } from '../ssh/sftp-streams.js';
import { SftpTimeoutsSchema } from '../ssh/sftp-timeouts.js';
import type { SessionSource } from '../ssh/session-source.js';
import { pipeTransfer } from '../transfer/pipe-transfer.js';
import { progressMeter } from '../transfer/progress-meter.js';
import { copyTree } from './copy-tree.js';
import type { FileEntry, FileSystem, FileType, TransferOptions } from './file-system.js';
import { FileSystemLimitsSchema } from './file-system-options.js';
import { openLocalFile } from './open-local-file.js';
import { readAtMost } from './read-at-most.js';
import { readLimitOf, readStartOf } from './read-options.js';
import { assertRegularFile } from './regular-file.js';

/** Options of {@link sftpFileSystem}. */
export const SftpFileSystemOptionsSchema = FileSystemLimitsSchema.extend(SftpTimeoutsSchema.shape).extend({
  /** Where connections come from: `sshTransport(...)` of `@hpckit/transport`. */
  transport: z.custom<SessionSource>((v) => typeof (v as SessionSource | undefined)?.session === 'function', {
    error: remoteRules.error('not_a_session_source'),
  }),
  /** The user whose files these are (a login name); omit for the transport's own login. */
  user: UserNameSchema.optional(),
});

/** What callers may pass to {@link sftpFileSystem}. */
export type SftpFileSystemOptions = z.input<typeof SftpFileSystemOptionsSchema>;

/**
 * One user's files over SFTP, on the pooled SSH connection of `@hpckit/transport`'s `sshTransport`:
 * no shell is involved, so no path is ever parsed by one. Needs a connection logged in as the user
 * (`actAs: { mode: 'credentials' }`, or no `user` for the transport's own login).
 *
 * @example
 * ```ts
 * const files = sftpFileSystem({ transport, user: 'alice' });
 * await files.writeFile('runs/input.txt', 'hello\n');
 * const head = await files.preview('runs/slurm-42.out', { maxBytes: 64 * 1024 });
 * ```
 */
export function sftpFileSystem(options: SftpFileSystemOptions): FileSystem {
  const opts = parseInput(
    SftpFileSystemOptionsSchema,
    options,
    remoteRules.subject('sftp_file_system_options'),
  );
  const user = opts.user ?? '';
  let channel:
    | { client: Client; sftp: SFTPWrapper; calls: SftpCalls; home: string; login: string }
    | undefined;
  let opening: Promise<NonNullable<typeof channel>> | undefined;

  async function open(): Promise<NonNullable<typeof channel>> {
    const session = await openSessionAs(opts.transport, opts.user, 'SFTP');
    if (channel && channel.client === session.client) return channel;
    opening ??= (async () => {
      const sftp = await new Promise<SFTPWrapper>((resolve, reject) =>
        session.client.sftp((err, s) => (err ? reject(err) : resolve(s))),
      ).catch(async (err) => {
        throw await fromSftp(err, 'stat', '~', session.login);
      });
      let opened: NonNullable<typeof channel> | undefined;
      // A channel given up after a timeout is never reused: the next call opens a new one.
      const drop = () => {
        if (opened && channel === opened) channel = undefined;
      };
      const { openTimeoutMs, readTimeoutMs } = opts;
      const calls = sftpCalls(sftp, { openTimeoutMs, readTimeoutMs, onAbandon: drop });
      // internal-sftp and sftp-server start in the login's home directory.
      const home = await calls.realpath('.');
      opened = { client: session.client, sftp, calls, home, login: session.login };
      sftp.on('close', drop);
      channel = opened;
      return opened;
    })().finally(() => {
      opening = undefined;
    });
    return opening;
  }

  async function ready(path: string) {
    const c = await open();
    return { ...c, p: resolvePath(c.home, path) };
  }

  /** Names FAILURE/NO_SUCH_FILE precisely by looking at the path and its nearest existing parent. */
  async function diagnose(
    calls: SftpCalls,
    path: string,
    operation: FileOperation,
    kind: 'create' | 'directory' | 'remove-dir' | 'any',
  ): Promise<HpckitError | undefined> {
    const here = await calls.lstat(path).catch(() => undefined);
    if (here) {
      if (kind === 'create') return fileAlreadyExists(path, operation);
      if (kind === 'directory' && typeOf(here) !== 'directory')
        return pathProblem(path, operation, 'not_a_directory');
      if (kind === 'remove-dir' && typeOf(here) === 'directory' && (await calls.readdir(path)).length > 0) {
        return pathProblem(path, operation, 'directory_not_empty');
      }
      return undefined;
    }
    for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
      const parent = await calls.lstat(dir).catch(() => undefined);
      if (parent)
        return typeOf(parent) === 'directory' ? undefined : pathProblem(dir, operation, 'not_a_directory');
      if (dir === '/') return undefined;
    }
  }

  const failWith =
    (
      calls: SftpCalls,
      path: string,
      operation: FileOperation,
      kind: Parameters<typeof diagnose>[3] = 'any',
    ) =>
    async (err: unknown): Promise<never> => {
      throw await fromSftp(err, operation, path, user || '(login)', () =>
        diagnose(calls, path, operation, kind),
      );
    };

  async function statEntry(calls: SftpCalls, p: string, operation: FileOperation): Promise<FileEntry> {
    return toEntry(p, await calls.lstat(p).catch(failWith(calls, p, operation)));
  }

  /**
   * Opens `p` for reading, refusing anything but a regular file. What counts is the fstat of the
   * opened handle, so a symlink swapped in after a check cannot slip a FIFO or a device through.
   * The stat before it spares the server an open() that would block: sftp-server opens without
   * O_NONBLOCK, so opening a FIFO would hang it until a writer comes. Only a swap in between can
   * still do that, and then the open timeout gives the channel up.
   */
  async function openRead(calls: SftpCalls, p: string, operation: FileOperation) {
    const named = await calls.stat(p).catch(failWith(calls, p, operation));
    assertRegularFile(named.mode, p, operation);
    const handle = await calls.open(p, 'r').catch(failWith(calls, p, operation));
    try {
      const attrs = await calls.fstat(handle);
      assertRegularFile(attrs.mode, p, operation);
      return { handle, attrs };
    } catch (err) {
      await calls.closeHandle(handle).catch(() => undefined);
      throw sftpErrorOf(err, operation, p, user || '(login)');
    }
  }

  /** A stream of an opened file whose failures are typed errors naming `p`. */
  function readStream(
    calls: SftpCalls,
    opened: { handle: Buffer; attrs: Attributes },
    p: string,
    range: { start?: number; end?: number; operation?: FileOperation } = {},
  ): Readable {
    return sftpReadStream(calls, opened.handle, {
      size: opened.attrs.size,
      start: range.start,
      end: range.end,
      fail: (err) => sftpErrorOf(err, range.operation ?? 'read', p, user || '(login)'),
    });
  }

  async function removeTree(calls: SftpCalls, dir: string): Promise<void> {
    for (const entry of await calls.readdir(dir).catch(failWith(calls, dir, 'delete'))) {
      const child = posix.join(dir, entry.filename);
      if (typeOf(entry.attrs) === 'directory') await removeTree(calls, child);
      else await calls.unlink(child).catch(failWith(calls, child, 'delete'));
    }
    await calls.rmdir(dir).catch(failWith(calls, dir, 'delete', 'remove-dir'));
  }

  async function openWrite(
    calls: SftpCalls,
    sftp: SFTPWrapper,
    p: string,
    options: { mode?: number; exclusive?: boolean },
  ): Promise<Writable> {
    const handle = await calls
      .open(p, options.exclusive ? 'wx' : 'w', options.mode)
      .catch(failWith(calls, p, 'write', options.exclusive ? 'create' : 'any'));
    return sftpWriteStream(sftp, handle);
  }

  const self: FileSystem = {
    kind: 'sftp',
    get user() {
      return user || (channel?.login ?? '');
    },
    home: async () => (await open()).home,
    resolve: async (path) => (await ready(path)).p,
    async list(path) {
      const { calls, p } = await ready(path);
      const items = await calls.readdir(p).catch(failWith(calls, p, 'list', 'directory'));
      return items
        .filter((i) => i.filename !== '.' && i.filename !== '..')
        .map((i) => toEntry(posix.join(p, i.filename), i.attrs))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
    async stat(path) {
      const { calls, p } = await ready(path);
      return statEntry(calls, p, 'stat');
    },
    async exists(path) {
      const { calls, p } = await ready(path);
      return calls.lstat(p).then(
        () => true,
        async (err: { code?: number }) => {
          if (err.code === 2) return false;
          return failWith(calls, p, 'stat')(err);
        },
      );
    },
    async mkdir(path, options = {}) {
      const { calls, p } = await ready(path);
      if (!options.recursive) {
        await calls.mkdir(p, options.mode).catch(failWith(calls, p, 'mkdir', 'create'));
        return;
      }
      const missing: string[] = [];
      for (let dir = p; ; dir = posix.dirname(dir)) {
        const found = await calls.lstat(dir).catch(() => undefined);
        if (found) {
          if (typeOf(found) !== 'directory') throw pathProblem(dir, 'mkdir', 'not_a_directory');
          break;
        }
        missing.unshift(dir);
        if (dir === '/') break;
      }
      for (const dir of missing) {
        await calls.mkdir(dir, options.mode).catch(async (err) => {
          // Created meanwhile by someone else: fine for mkdir -p.
          const now = await calls.lstat(dir).catch(() => undefined);
          if (!now || typeOf(now) !== 'directory') await failWith(calls, dir, 'mkdir', 'create')(err);
        });
      }
    },
    async delete(path, options = {}) {
      const { calls, p } = await ready(path);
      const entry = await statEntry(calls, p, 'delete');
      if (entry.type !== 'directory') {
        await calls.unlink(p).catch(failWith(calls, p, 'delete'));
      } else if (options.recursive) {
        await removeTree(calls, p);
      } else {
        await calls.rmdir(p).catch(failWith(calls, p, 'delete', 'remove-dir'));
      }
    },
    async rename(from, to, options = {}) {
      const { calls, p: src } = await ready(from);
      const dest = resolvePath((await open()).home, to);
      await statEntry(calls, src, 'rename');
      if (!options.overwrite) {
        // SFTP v3 rename never replaces (it links then unlinks); FAILURE then means "exists".
        await calls.rename(src, dest).catch(failWith(calls, dest, 'rename', 'create'));
        return;
      }
      await calls.posixRename(src, dest).catch(failWith(calls, dest, 'rename'));
    },
    copy: (from, to, options = {}) =>
      copyTree(self, from, to, { ...options, intervalBytes: opts.progressIntervalBytes }),
    async chmod(path, mode) {
      const { calls, p } = await ready(path);
      await calls.chmod(p, mode).catch(failWith(calls, p, 'chmod'));
    },
    async readFile(path, options = {}) {
      const limit = readLimitOf(options, opts.maxReadBytes, remoteRules.subject('readfile_options'));
      const { calls, p } = await ready(path);
      const opened = await openRead(calls, p, 'read');
      if (opened.attrs.size > limit) {
        await calls.closeHandle(opened.handle).catch(() => undefined);
        throw pathProblem(p, 'read', 'too_big', { size: opened.attrs.size, limit });
      }
      const { content, more } = await readAtMost(readStream(calls, opened, p, { end: limit + 1 }), limit);
      if (more) throw pathProblem(p, 'read', 'too_big', { limit });
      return content;
    },
    async preview(path, options = {}) {
      const limit = readLimitOf(options, opts.previewBytes, remoteRules.subject('preview_options'));
      const { calls, p } = await ready(path);
      const opened = await openRead(calls, p, 'read');
      const { content, more, seen } = await readAtMost(
        readStream(calls, opened, p, { end: limit + 1 }),
        limit,
      );
      return { content, truncated: more, size: more ? Math.max(opened.attrs.size, seen) : content.length };
    },
    async writeFile(path, data, options = {}) {
      const { calls, sftp, p } = await ready(path);
      const sink = await openWrite(calls, sftp, p, options);
      await new Promise<void>((resolve, reject) => {
        sink.once('error', reject);
        sink.once('finish', resolve);
        sink.end(typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data));
      }).catch(failWith(calls, p, 'write'));
    },
    async createReadStream(path, options = {}) {
      const start = readStartOf(options);
      const { calls, p } = await ready(path);
      const opened = await openRead(calls, p, 'read');
      const stream = readStream(calls, opened, p, { start });
      if (!options.onProgress) return stream;
      const meter = progressMeter(opened.attrs.size, opts.progressIntervalBytes, options.onProgress);
      stream.on('error', (err) => meter.destroy(err));
      return stream.pipe(meter);
    },
    async createWriteStream(path, options = {}) {
      const { calls, sftp, p } = await ready(path);
      const sink = await openWrite(calls, sftp, p, options);
      if (!options.onProgress) return sink;
      const meter = progressMeter(undefined, opts.progressIntervalBytes, options.onProgress);
      meter.pipe(sink);
      sink.on('error', (err) => meter.destroy(err));
      return meter;
    },
    async upload(localPath, remotePath, options = {}) {
      const { calls, sftp, p } = await ready(remotePath);
      const local = resolveLocal(localPath);
      const source = await openLocalFile(local, 'upload', user);
      const sink = await openWrite(calls, sftp, p, {
        mode: options.mode,
        exclusive: !options.overwrite,
      }).catch(async (err) => {
        await source.handle.close();
        throw err;
      });
      return pipeTransfer(
        source.handle.createReadStream({ highWaterMark: 256 * 1024 }),
        sink,
        transferOptions(source.stats.size, options),
      );
    },
    async download(remotePath, localPath, options = {}) {
      const { calls, p } = await ready(remotePath);
      const local = resolveLocal(localPath);
      const opened = await openRead(calls, p, 'download');
      const source = readStream(calls, opened, p, { operation: 'download' });
      const sink = createLocalWriteStream(local, {
        flags: options.overwrite ? 'w' : 'wx',
        mode: options.mode,
      });
      await new Promise<void>((resolve, reject) => {
        sink.once('open', () => resolve());
        sink.once('error', reject);
      }).catch((err) => {
        source.destroy();
        throw fromErrno(err, 'download', local, user);
      });
      return pipeTransfer(source, sink, transferOptions(opened.attrs.size, options));
    },
    async close() {
      const c = channel;
      channel = undefined;
      c?.sftp.end();
    },
  };

  function transferOptions(total: number, options: TransferOptions) {
    return {
      total,
      intervalBytes: opts.progressIntervalBytes,
      onProgress: options.onProgress,
      signal: options.signal,
    };
  }

  return self;
}

function typeOf(attrs: Attributes): FileType {
  switch (attrs.mode & 0o170000) {
    case 0o040000:
      return 'directory';
    case 0o100000:
      return 'file';
    case 0o120000:
      return 'symlink';
    default:
      return 'other';
  }
}

function toEntry(path: string, attrs: Attributes): FileEntry {
  return {
    name: path === '/' ? '/' : posix.basename(path),
    path,
    type: typeOf(attrs),
    size: attrs.size,
    mode: attrs.mode & 0o7777,
    mtime: new Date(attrs.mtime * 1000),
  };
}
