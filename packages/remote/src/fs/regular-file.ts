import { type FileOperation, pathProblem } from '../errors/file-errors.js';

// The file-type bits of st_mode, the same in Node's Stats and SFTP attributes (POSIX values).
const S_IFMT = 0o170000;

/**
 * Throws unless `mode` (of an opened file: never of a path looked up before opening it, which a
 * symlink swap can change in between) is a regular file's: a directory is `is_a_directory`,
 * FIFOs, sockets and devices are `not_a_regular_file`, since reading them can block or never end.
 */
export function assertRegularFile(mode: number, path: string, operation: FileOperation): void {
  const type = mode & S_IFMT;
  if (type === 0o100000) return;
  if (type === 0o040000) throw pathProblem(path, operation, 'is_a_directory');
  throw pathProblem(path, operation, 'not_a_regular_file', { fileType: kindOf(type) });
}

function kindOf(type: number): string {
  switch (type) {
    case 0o010000:
      return 'a FIFO';
    case 0o020000:
      return 'a character device';
    case 0o060000:
      return 'a block device';
    case 0o120000:
      return 'a symlink';
    case 0o140000:
      return 'a socket';
    default:
      return `of unknown type ${type.toString(8)}`;
  }
}
