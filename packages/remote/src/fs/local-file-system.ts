import type { Stats } from 'node:fs';
import * as fs from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { posix, resolve as resolveLocal } from 'node:path';
import type { Readable } from 'node:stream';
import { parseInput } from '@hpckit/core';
import { z } from 'zod';
import { remoteRules } from '../errors/remote-rules.js';
import { type FileOperation, fileAlreadyExists, fromErrno, pathProblem } from '../errors/file-errors.js';
import { resolvePath } from '../path/resolve-path.js';
import { pipeTransfer } from '../transfer/pipe-transfer.js';
import { progressMeter } from '../transfer/progress-meter.js';
import { type LastComponent, confinement } from './confine.js';
import { copyTree } from './copy-tree.js';
import type { FileEntry, FileSystem, FileType } from './file-system.js';
import { FileSystemLimitsSchema } from './file-system-options.js';
import { openLocalFile, openLocalFileForWrite } from './open-local-file.js';
import { readAtMost } from './read-at-most.js';
import { readLimitOf, readStartOf } from './read-options.js';

/** Options of {@link localFileSystem}. */
export const LocalFileSystemOptionsSchema = FileSystemLimitsSchema.extend({
  /** Directory relative paths resolve against. @default the process owner's home (`os.homedir()`) */
  home: z
    .string()
    .startsWith('/', { error: remoteRules.error('home_absolute') })
    .optional(),
  /** Name shown in permission errors. @default the process owner (`os.userInfo().username`) */
  user: z.string().min(1).optional(),
  /**
   * Refuse any path that leads outside `home` once symbolic links are followed (a link the user
   * planted, an absolute path elsewhere). For a process that serves several users' homes as one OS
   * user (an embedded or test portal), where the OS would follow a link into another user's home.
   * Deleting or renaming a link itself stays allowed. @default false
   */
  confine: z.boolean().optional(),
});

/** What callers may pass to {@link localFileSystem}. */
export type LocalFileSystemOptions = z.input<typeof LocalFileSystemOptionsSchema>;

/**
 * Files of this machine, as the process owner (pair it with the local transport). Same contract
 * as the SFTP file system: paths resolve against `home`, errors are core's typed errors.
 *
 * @example
 * ```ts
 * const files = localFileSystem({ home: '/home/alice' });
 * for (const entry of await files.list('.')) console.log(entry.name, entry.size);
 * ```
 */
export function localFileSystem(options: LocalFileSystemOptions = {}): FileSystem {
  const opts = parseInput(
    LocalFileSystemOptionsSchema,
    options,
    remoteRules.subject('local_file_system_options'),
  );
  const home = posix.normalize(opts.home ?? homedir());
  const user = opts.user ?? userInfo().username;
  const confine = opts.confine ? confinement(home, user) : undefined;
  const resolved = (path: string) => resolvePath(home, path);
  // Every path an operation uses, resolved against the home and, when confined, checked.
  const at = async (path: string, operation: FileOperation, last: LastComponent = 'follow') => {
    const p = resolved(path);
    await confine?.(p, operation, last);
    return p;
  };
  const fail = (operation: FileOperation, path: string) => (err: unknown) => {
    throw fromErrno(err, operation, path, user);
  };

  const self: FileSystem = {
    kind: 'local',
    user,
    home: async () => home,
    resolve: async (path) => resolved(path),
    async list(path) {
      const dir = await at(path, 'list');
      const names = await fs.readdir(dir).catch(fail('list', dir));
      const entries = await Promise.all(
        names.map((name) =>
          fs.lstat(posix.join(dir, name)).then(
            (s) => toEntry(posix.join(dir, name), s),
            // Deleted between readdir and lstat: not listed.
            () => undefined,
          ),
        ),
      );
      return entries.filter((e): e is FileEntry => e !== undefined).sort(byName);
    },
    async stat(path) {
      const p = await at(path, 'stat', 'own');
      return toEntry(p, await fs.lstat(p).catch(fail('stat', p)));
    },
    async exists(path) {
      const p = await at(path, 'stat', 'own');
      return fs.lstat(p).then(
        () => true,
        (err: NodeJS.ErrnoException) => {
          if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return false;
          throw fromErrno(err, 'stat', p, user);
        },
      );
    },
    async mkdir(path, options = {}) {
      const p = await at(path, 'mkdir');
      await fs.mkdir(p, { recursive: options.recursive ?? false, mode: options.mode }).catch((err) => {
        // mkdir -p over an existing file reports EEXIST: the real problem is "not a directory".
        if (options.recursive && err.code === 'EEXIST') throw pathProblem(p, 'mkdir', 'not_a_directory');
        fail('mkdir', p)(err);
      });
    },
    async delete(path, options = {}) {
      const p = await at(path, 'delete', 'own');
      const s = await fs.lstat(p).catch(fail('delete', p));
      if (!s.isDirectory()) return fs.unlink(p).catch(fail('delete', p));
      if (options.recursive) return fs.rm(p, { recursive: true }).catch(fail('delete', p));
      await fs.rmdir(p).catch((err) => {
        if (err.code === 'EEXIST') throw pathProblem(p, 'delete', 'directory_not_empty');
        fail('delete', p)(err);
      });
    },
    async rename(from, to, options = {}) {
      const [src, dest] = [await at(from, 'rename', 'own'), await at(to, 'rename')];
      await fs.lstat(src).catch(fail('rename', src));
      if (!options.overwrite && (await self.exists(dest))) throw fileAlreadyExists(dest, 'rename');
      await fs.rename(src, dest).catch(fail('rename', dest));
    },
    copy: (from, to, options = {}) =>
      copyTree(self, from, to, { ...options, intervalBytes: opts.progressIntervalBytes }),
    async chmod(path, mode) {
      const p = await at(path, 'chmod');
      await fs.chmod(p, mode).catch(fail('chmod', p));
    },
    async readFile(path, options = {}) {
      const p = await at(path, 'read');
      const limit = readLimitOf(options, opts.maxReadBytes, remoteRules.subject('readfile_options'));
      const { handle, stats } = await openLocalFile(p, 'read', user);
      if (stats.size > limit) {
        await handle.close();
        throw pathProblem(p, 'read', 'too_big', { size: stats.size, limit });
      }
      const { content, more } = await readAtMost(headOf(handle, limit), limit).catch(fail('read', p));
      if (more) throw pathProblem(p, 'read', 'too_big', { limit });
      return content;
    },
    async preview(path, options = {}) {
      const p = await at(path, 'read');
      const limit = readLimitOf(options, opts.previewBytes, remoteRules.subject('preview_options'));
      const { handle, stats } = await openLocalFile(p, 'read', user);
      const { content, more, seen } = await readAtMost(headOf(handle, limit), limit).catch(fail('read', p));
      return { content, truncated: more, size: more ? Math.max(stats.size, seen) : content.length };
    },
    async writeFile(path, data, options = {}) {
      const p = await at(path, 'write');
      const handle = await openLocalFileForWrite(p, 'write', user, options);
      try {
        await handle.writeFile(data).catch(fail('write', p));
      } finally {
        await handle.close();
      }
    },
    async createReadStream(path, options = {}) {
      const p = await at(path, 'read');
      const start = readStartOf(options);
      const { handle, stats } = await openLocalFile(p, 'read', user);
      const stream = handle.createReadStream({ start });
      if (!options.onProgress) return stream;
      const meter = progressMeter(stats.size, opts.progressIntervalBytes, options.onProgress);
      stream.on('error', (err) => meter.destroy(err));
      return stream.pipe(meter);
    },
    async createWriteStream(path, options = {}) {
      const p = await at(path, 'write');
      const handle = await openLocalFileForWrite(p, 'write', user, options);
      const stream = handle.createWriteStream();
      if (!options.onProgress) return stream;
      const meter = progressMeter(undefined, opts.progressIntervalBytes, options.onProgress);
      meter.pipe(stream);
      stream.on('error', (err) => meter.destroy(err));
      return meter;
    },
    async upload(localPath, remotePath, options = {}) {
      return transferLocal(resolveLocal(localPath), await at(remotePath, 'upload'), 'upload', options);
    },
    async download(remotePath, localPath, options = {}) {
      return transferLocal(await at(remotePath, 'download'), resolveLocal(localPath), 'download', options);
    },
    async close() {},
  };

  async function transferLocal(
    from: string,
    to: string,
    operation: 'upload' | 'download',
    options: Parameters<FileSystem['upload']>[2] = {},
  ) {
    const { handle: source, stats } = await openLocalFile(from, operation, user);
    const sink = await openLocalFileForWrite(to, operation, user, {
      exclusive: !options.overwrite,
      mode: options.mode,
    }).catch(async (err) => {
      await source.close();
      throw err;
    });
    return pipeTransfer(source.createReadStream(), sink.createWriteStream(), {
      total: stats.size,
      intervalBytes: opts.progressIntervalBytes,
      onProgress: options.onProgress,
      signal: options.signal,
    });
  }

  return self;
}

/** A stream of at most `limit + 1` bytes: one past the limit tells "more" from "exactly the limit". */
function headOf(handle: FileHandle, limit: number): Readable {
  return handle.createReadStream({ start: 0, end: limit, highWaterMark: Math.min(limit + 1, 1024 * 1024) });
}

function toEntry(path: string, s: Stats): FileEntry {
  return {
    name: path === '/' ? '/' : posix.basename(path),
    path,
    type: typeOf(s),
    size: s.size,
    mode: s.mode & 0o7777,
    mtime: s.mtime,
  };
}

function typeOf(s: Stats): FileType {
  if (s.isSymbolicLink()) return 'symlink';
  if (s.isDirectory()) return 'directory';
  if (s.isFile()) return 'file';
  return 'other';
}

function byName(a: FileEntry, b: FileEntry): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
