import { posix } from 'node:path';
import { fileAlreadyExists, pathProblem } from '../errors/file-errors.js';
import { pipeTransfer } from '../transfer/pipe-transfer.js';
import type { FileSystem, TransferOptions, TransferResult } from './file-system.js';

/**
 * Copies a file, or a directory tree with `recursive`, within one file system by streaming each
 * file read -> write: no shell, no `cp`, so odd names need no quoting. Symlinks are copied as the
 * files they point to only at the top level; inside a tree they are skipped (never followed, so a
 * link cannot pull in files from outside the tree).
 */
export async function copyTree(
  fsys: FileSystem,
  from: string,
  to: string,
  options: TransferOptions & { recursive?: boolean; intervalBytes: number },
): Promise<TransferResult> {
  const started = performance.now();
  const source = await fsys.stat(from);
  const target = await fsys.resolve(to);
  if (source.type === 'directory') {
    if (!options.recursive) throw pathProblem(source.path, 'copy', 'is_a_directory');
    if (target === source.path || target.startsWith(`${source.path}/`)) {
      throw pathProblem(target, 'copy', 'is_a_directory', { within: source.path });
    }
    if (!options.overwrite && (await fsys.exists(target))) throw fileAlreadyExists(target, 'copy');
    let bytes = 0;
    const walk = async (dir: string, into: string): Promise<void> => {
      await fsys.mkdir(into, { recursive: true });
      for (const entry of await fsys.list(dir)) {
        const dest = posix.join(into, entry.name);
        if (entry.type === 'directory') await walk(entry.path, dest);
        else if (entry.type === 'file') {
          bytes += (await copyFile(fsys, entry.path, dest, entry.size, { ...options, overwrite: true }))
            .bytes;
        }
      }
    };
    await walk(source.path, target);
    return { bytes, elapsedMs: performance.now() - started };
  }
  if (!options.overwrite && (await fsys.exists(target))) throw fileAlreadyExists(target, 'copy');
  return copyFile(fsys, source.path, target, source.size, options);
}

async function copyFile(
  fsys: FileSystem,
  from: string,
  to: string,
  size: number,
  options: TransferOptions & { intervalBytes: number },
): Promise<TransferResult> {
  const source = await fsys.createReadStream(from);
  const sink = await fsys.createWriteStream(to, { mode: options.mode, exclusive: !options.overwrite });
  return pipeTransfer(source, sink, {
    total: size,
    intervalBytes: options.intervalBytes,
    onProgress: options.onProgress,
    signal: options.signal,
  });
}
