import type { CallContext } from '@hpckit/core';
import { mapCommandError } from '../errors/map-error.js';
import type { OperationContext } from './context.js';

/**
 * Creates working directories (with their parents, like `mkdir -p`) as the user the jobs run as:
 * through the transport's way of acting for that user, so the directories are theirs and a user
 * cannot create one where they could not themselves. The paths go as argv words, quoted by the
 * transport, after `--`. One command however many directories.
 *
 * @throws the mapped failure of mkdir with its stderr (`PERMISSION_DENIED` for "Permission denied").
 */
export async function createWorkingDirectories(
  ops: OperationContext,
  directories: readonly string[],
  ctx: CallContext,
): Promise<void> {
  const unique = [...new Set(directories)];
  if (unique.length === 0) return;
  const argv = ['mkdir', '-p', '--', ...unique];
  const result = await ops.runner.transport.exec({ argv, user: ctx.user, signal: ctx.signal });
  if (result.exitCode !== 0) {
    throw mapCommandError({
      command: argv,
      stderr: result.stderr,
      exitCode: result.exitCode,
      user: ctx.user,
    });
  }
}
