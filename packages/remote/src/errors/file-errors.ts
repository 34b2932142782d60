import {
  AlreadyExistsError,
  type HpckitError,
  InternalError,
  isHpckitError,
  NotFoundError,
  PermissionError,
  TimeoutError,
  TransportError,
  ValidationError,
} from '@hpckit/core';
import { SftpChannelAbandoned, SftpTimeout } from '../ssh/sftp-timeouts.js';

/** What a file-system call was doing, for messages (`"delete /home/alice/x"`). */
export type FileOperation =
  | 'list'
  | 'stat'
  | 'read'
  | 'write'
  | 'mkdir'
  | 'delete'
  | 'rename'
  | 'copy'
  | 'chmod'
  | 'upload'
  | 'download';

/** `NotFoundError` of a file (kind `file`, id = the path). */
export function fileNotFound(path: string, operation: FileOperation): NotFoundError {
  return new NotFoundError({
    details: { kind: 'file', id: path },
    message: `${operation}: no such file or directory: ${path}.`,
    hint: 'Check the path (relative paths start at the home directory) and that it was not moved.',
  });
}

/** `PermissionError` whose action names the operation and the path. */
export function filePermissionDenied(path: string, operation: FileOperation, user: string): PermissionError {
  return new PermissionError({
    details: { action: `${operation} ${path}`, user },
    message: `${user} may not ${operation} ${path} (permission denied).`,
    hint: 'Check the permission bits of the file and of its parent directories.',
  });
}

/** `AlreadyExistsError` of a file (kind `file`, id = the path). */
export function fileAlreadyExists(path: string, operation: FileOperation): AlreadyExistsError {
  return new AlreadyExistsError({
    details: { kind: 'file', id: path },
    message: `${operation}: ${path} already exists.`,
    hint: 'Choose another name, delete it first, or pass { overwrite: true }.',
  });
}

/** Codes of the path problems reported as `ValidationError` issues. */
export type PathProblem =
  | 'not_a_directory'
  | 'is_a_directory'
  | 'directory_not_empty'
  | 'not_a_regular_file'
  | 'too_big';

const PROBLEM_TEXT: Record<PathProblem, [string, string]> = {
  not_a_directory: ['is not a directory (or one of its parents is not)', 'Name a directory.'],
  is_a_directory: ['is a directory', 'Name a file, or use list() or { recursive: true }.'],
  directory_not_empty: ['is a directory that is not empty', 'Pass { recursive: true } to delete it all.'],
  not_a_regular_file: [
    'is not a regular file',
    'Only regular files (or symlinks to them) are read: FIFOs, sockets and devices can block or never end.',
  ],
  too_big: ['is too big', 'Use createReadStream(), download() or preview(), or raise the limit.'],
};

/** A `ValidationError` about `path` with one issue of code `problem` (issue path `["path"]`). */
export function pathProblem(
  path: string,
  operation: FileOperation,
  problem: PathProblem,
  extra = '',
): ValidationError {
  const [what, hint] = PROBLEM_TEXT[problem];
  return new ValidationError({
    details: {
      subject: 'path',
      issues: [{ path: ['path'], message: `${path} ${what}${extra}`, code: problem }],
    },
    message: `${operation}: ${path} ${what}${extra}.`,
    hint,
  });
}

/** Maps a Node.js file-system error (errno code) to core's typed errors. */
export function fromErrno(err: unknown, operation: FileOperation, path: string, user: string): HpckitError {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return fileNotFound(path, operation);
    case 'EACCES':
    case 'EPERM':
      return filePermissionDenied(path, operation, user);
    case 'EEXIST':
      return fileAlreadyExists(path, operation);
    case 'ENOTDIR':
      return pathProblem(path, operation, 'not_a_directory');
    case 'EISDIR':
      return pathProblem(path, operation, 'is_a_directory');
    case 'ENOTEMPTY':
      return pathProblem(path, operation, 'directory_not_empty');
    default:
      return new InternalError({
        details: { operation: `${operation} ${path}` },
        message: `${operation} ${path} failed: ${(err as Error)?.message ?? String(err)}.`,
        cause: err,
      });
  }
}

/** SFTP status codes (draft-ietf-secsh-filexfer-02, the version OpenSSH speaks). */
export const SFTP_STATUS = { NO_SUCH_FILE: 2, PERMISSION_DENIED: 3, FAILURE: 4 } as const;

/**
 * Maps an SFTP error to core's typed errors. Version 3 of the protocol folds "exists" and "not
 * empty" into FAILURE, and OpenSSH sends "not a directory" as NO_SUCH_FILE: callers that can tell
 * them apart pass `onFailure`, which stats the paths involved to name the real problem.
 */
export async function fromSftp(
  err: unknown,
  operation: FileOperation,
  path: string,
  user: string,
  onFailure?: () => Promise<HpckitError | undefined>,
): Promise<HpckitError> {
  const code = (err as { code?: unknown })?.code;
  // OpenSSH reports ENOTDIR as NO_SUCH_FILE, so a missing file may really be a file-as-directory.
  if ((code === SFTP_STATUS.FAILURE || code === SFTP_STATUS.NO_SUCH_FILE) && onFailure) {
    const diagnosed = await onFailure().catch(() => undefined);
    if (diagnosed) return diagnosed;
  }
  return sftpErrorOf(err, operation, path, user);
}

/** {@link fromSftp} without the diagnosis: for failures in the middle of a stream. */
export function sftpErrorOf(err: unknown, operation: FileOperation, path: string, user: string): HpckitError {
  if (isHpckitError(err)) return err;
  if (err instanceof SftpTimeout) {
    return new TimeoutError({
      details: { operation: `${operation} ${path}`, timeoutMs: err.timeoutMs },
      message: `${operation} ${path}: the SFTP server did not answer the ${err.step} within ${err.timeoutMs} ms, so its channel was closed.`,
      hint: `The file may be on a hung file system, or a FIFO or device swapped in for it. Retry (a new channel opens), or raise ${err.step}TimeoutMs.`,
      cause: err,
    });
  }
  if (err instanceof SftpChannelAbandoned) {
    return new TransportError({
      details: {},
      message: `${operation} ${path}: the SFTP channel was closed while this call waited, because ${err.message}.`,
      hint: 'Retry: the next call opens a new channel.',
      cause: err,
    });
  }
  const code = (err as { code?: unknown })?.code;
  if (code === SFTP_STATUS.NO_SUCH_FILE) return fileNotFound(path, operation);
  if (code === SFTP_STATUS.PERMISSION_DENIED) return filePermissionDenied(path, operation, user);
  if (typeof code === 'number') {
    return new InternalError({
      details: { operation: `${operation} ${path}` },
      message: `${operation} ${path} failed on the SFTP server: ${(err as Error).message}.`,
      cause: err,
    });
  }
  return new TransportError({
    details: {},
    message: `${operation} ${path}: the SFTP channel failed: ${(err as Error)?.message ?? String(err)}.`,
    cause: err,
  });
}
