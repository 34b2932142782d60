import * as fs from 'node:fs/promises';
import { posix } from 'node:path';
import { type FileOperation, fromErrno, pathProblem } from '../errors/file-errors.js';
import { isWithin } from '../path/resolve-path.js';

/** Whether an operation acts through the path's last component (read, write) or on it (delete). */
export type LastComponent = 'follow' | 'own';

const MAX_LINKS = 40;

/**
 * Where `path` really leads on this machine, symbolic links followed: `realpath` for what exists;
 * for what does not (a file about to be written), the real location of its nearest existing
 * directory, and a dangling link's target, which a write would create.
 */
async function realLocation(path: string, last: LastComponent, hops = 0): Promise<string> {
  const parent = posix.dirname(path);
  if (last === 'own') {
    if (parent === path) return path;
    return posix.join(await realLocation(parent, 'follow', hops), posix.basename(path));
  }
  try {
    return await fs.realpath(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
  }
  // ELOOP comes from the open itself; stop following here.
  if (hops > MAX_LINKS) return path;
  const target = await fs.readlink(path).catch(() => undefined);
  if (target !== undefined) return realLocation(posix.resolve(parent, target), 'follow', hops + 1);
  if (parent === path) return path;
  return posix.join(await realLocation(parent, 'follow', hops + 1), posix.basename(path));
}

/**
 * A check that paths stay inside `root` once symbolic links are followed. The lexical check
 * (`resolveWithin`) cannot see a link a user planted in their home; where the OS does not stop the
 * process from following it (one OS user serving several users' homes), this does.
 *
 * The check runs before the operation, so a file swapped for a link in between is not caught: a
 * process that needs that guarantee must act as the user (SFTP as the user, sudo).
 */
export function confinement(root: string, user: string) {
  let realRoot: Promise<string> | undefined;
  return async (path: string, operation: FileOperation, last: LastComponent = 'follow'): Promise<void> => {
    realRoot ??= fs.realpath(root).catch(() => root);
    const real = await realLocation(path, last).catch((err: unknown) => {
      throw fromErrno(err, operation, path, user);
    });
    if (!isWithin(await realRoot, real)) throw pathProblem(path, operation, 'leads_outside');
  };
}
