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
import { remoteRules } from './remote-rules.js';
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
  return new NotFoundError({ details: { kind: 'file', id: path, reason: 'no_such_file', operation } });
}

/** `PermissionError` whose action names the operation and the path. */
export function filePermissionDenied(path: string, operation: FileOperation, user: string): PermissionError {
  return new PermissionError({
    details: { action: `${operation} ${path}`, user, reason: 'file_permission' },
  });
}

/** `AlreadyExistsError` of a file (kind `file`, id = the path). */
export function fileAlreadyExists(path: string, operation: FileOperation): AlreadyExistsError {
  return new AlreadyExistsError({ details: { kind: 'file', id: path, reason: 'file_exists', operation } });
}

/** Codes of the path problems reported as `ValidationError` issues (and reasons). */
export type PathProblem =
  | 'not_a_directory'
  | 'is_a_directory'
  | 'directory_not_empty'
  | 'not_a_regular_file'
  | 'too_big'
  | 'leads_outside';

/** What the catalogue may say about a path problem besides the path. */
export interface PathProblemFacts {
  /** What the file is when it is not a regular file (`a FIFO`). */
  fileType?: string;
  /** Size of a file that is too big, in bytes (unknown for a stream that ran over). */
  size?: number;
  /** The read limit, in bytes. */
  limit?: number;
  /** The directory being copied, when the target lies inside it. */
  within?: string;
}

/**
 * A `ValidationError` about `path` with one issue of code `problem` (issue path `["path"]`); the
 * catalogue words it from the problem (its reason) and the facts.
 */
export function pathProblem(
  path: string,
  operation: FileOperation,
  problem: PathProblem,
  facts: PathProblemFacts = {},
): ValidationError {
  return new ValidationError({
    details: {
      ...remoteRules.subject('path'),
      // The issue's code stays the problem, which callers match; its words come from the rule.
      issues: [
        {
          ...remoteRules.validationIssue(['path'], 'path_problem', { value: path, text: problem }),
          code: problem,
        },
      ],
      reason: problem,
      operation,
      path,
      ...facts,
    },
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
        details: { operation: `${operation} ${path}`, nativeMessage: messageOf(err) },
        cause: err,
      });
  }
}

/** SFTP status codes (draft-ietf-secsh-filexfer-02, the version OpenSSH speaks). */
const SFTP_STATUS = { NO_SUCH_FILE: 2, PERMISSION_DENIED: 3, FAILURE: 4 } as const;

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
  const doing = `${operation} ${path}`;
  if (err instanceof SftpTimeout) {
    return new TimeoutError({
      details: { operation: doing, timeoutMs: err.timeoutMs, reason: 'sftp_unanswered', step: err.step },
      cause: err,
    });
  }
  if (err instanceof SftpChannelAbandoned) {
    return new TransportError({
      details: { reason: 'sftp_channel_closed', operation: doing, nativeMessage: err.message },
      cause: err,
    });
  }
  const code = (err as { code?: unknown })?.code;
  if (code === SFTP_STATUS.NO_SUCH_FILE) return fileNotFound(path, operation);
  if (code === SFTP_STATUS.PERMISSION_DENIED) return filePermissionDenied(path, operation, user);
  if (typeof code === 'number') {
    return new InternalError({
      details: { operation: doing, nativeMessage: messageOf(err) },
      cause: err,
    });
  }
  return new TransportError({
    details: { reason: 'sftp_failed', operation: doing, nativeMessage: messageOf(err) },
    cause: err,
  });
}

/** What a failure said, for `nativeMessage`. */
function messageOf(err: unknown): string {
  return (err as Error)?.message ?? String(err);
}
