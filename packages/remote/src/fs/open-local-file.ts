import type { Stats } from 'node:fs';
import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { isHpckitError } from '@hpckit/core';
import { type FileOperation, fromErrno, pathProblem } from '../errors/file-errors.js';
import { assertRegularFile } from './regular-file.js';

// O_NONBLOCK: opening a FIFO with no writer would otherwise block one of libuv's four threads until
// a writer comes (forever, for a FIFO a user left in their home), stalling every fs call of the
// process. It changes nothing for regular files. O_NOCTTY: opening a terminal never makes it ours.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * Opens a file of this machine for reading, refusing anything but a regular file (typed errors),
 * judged on the opened handle so a symlink swapped in after a check cannot slip a FIFO or a device
 * through. The caller closes the handle (a stream made from it closes it when it ends).
 */
export async function openLocalFile(
  path: string,
  operation: FileOperation,
  user: string,
): Promise<{ handle: FileHandle; stats: Stats }> {
  const handle = await open(path, READ_FLAGS).catch((err) => {
    throw fromErrno(err, operation, path, user);
  });
  try {
    const stats = await handle.stat();
    assertRegularFile(stats.mode, path, operation);
    return { handle, stats };
  } catch (err) {
    await handle.close();
    throw isHpckitError(err) ? err : fromErrno(err, operation, path, user);
  }
}

// No O_TRUNC at open: a file is only emptied once the handle shows it is a regular file, so a FIFO,
// a device or a directory is never truncated or blocked on. O_NONBLOCK makes opening a FIFO with
// no reader fail at once (ENXIO) instead of blocking a libuv thread until one comes.
const WRITE_FLAGS =
  constants.O_WRONLY | constants.O_CREAT | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * Opens a file of this machine for writing (created with `mode` if missing; `exclusive`: refused
 * if it exists), refusing anything but a regular file on the opened handle, then empties it. A
 * FIFO or device a user left where the portal writes neither hangs the process nor is written.
 */
export async function openLocalFileForWrite(
  path: string,
  operation: FileOperation,
  user: string,
  options: { exclusive?: boolean; mode?: number } = {},
): Promise<FileHandle> {
  const flags = WRITE_FLAGS | (options.exclusive ? constants.O_EXCL : 0);
  const handle = await open(path, flags, options.mode).catch((err: NodeJS.ErrnoException) => {
    // What a non-blocking open of a FIFO nobody reads (or of a device without a driver) returns.
    if (err.code === 'ENXIO')
      throw pathProblem(path, operation, 'not_a_regular_file', { fileType: 'a FIFO or device' });
    throw fromErrno(err, operation, path, user);
  });
  try {
    assertRegularFile((await handle.stat()).mode, path, operation);
    await handle.truncate(0);
    return handle;
  } catch (err) {
    await handle.close();
    throw isHpckitError(err) ? err : fromErrno(err, operation, path, user);
  }
}
