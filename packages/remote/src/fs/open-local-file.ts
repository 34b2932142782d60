import type { Stats } from 'node:fs';
import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { isHpckitError } from '@hpckit/core';
import { type FileOperation, fromErrno } from '../errors/file-errors.js';
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
