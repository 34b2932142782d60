import { appRules } from '../errors/app-rules.js';
import { NotFoundError, parseInput, TransportError, UserNameSchema } from '@hpckit/core';
import type { SessionFiles } from './session-files.js';

/** Runs one argv as a user and returns its output: what `@hpckit/transport`'s transports do. */
export interface CommandRunner {
  /** Runs `argv` (as `user` when given) with `stdin`, resolving with its output and exit code. */
  exec(request: { argv: readonly string[]; stdin?: string; user?: string }): Promise<{
    stdout: string;
    stderr: string;
    exitCode: number;
  }>;
}

/**
 * {@link SessionFiles} through a command runner (an SSH or local transport acting as the user):
 * paths travel as argv entries, never through a shell line. `user` must be a login name
 * (`VALIDATION` otherwise, checked here so a runner of another kind is protected too).
 *
 * @example
 * ```ts
 * const files = commandSessionFiles(transport, 'alice');
 * ```
 */
export function commandSessionFiles(runner: CommandRunner, user?: string): SessionFiles {
  if (user !== undefined) parseInput(UserNameSchema, user, appRules.subject('session_files'), ['user']);
  let home: string | undefined;
  const run = async (argv: string[], stdin?: string) => {
    const result = await runner.exec({ argv, user, ...(stdin !== undefined && { stdin }) });
    return result;
  };
  // The command's own words (cat's, mkdir's) are the reason; the catalogue says what was done.
  const fail = (operation: 'read' | 'write' | 'mkdir', path: string, stderr: string) =>
    new TransportError({
      details: {
        reason: 'file_command_failed',
        operation: `${operation} ${path}`,
        nativeMessage: stderr.trim(),
        stderr,
        ...(user !== undefined && { user }),
      },
    });
  return {
    async home() {
      if (home) return home;
      // printenv, not a shell expansion: the login environment of the user gives HOME.
      const r = await run(['printenv', 'HOME']);
      const value = r.stdout.trim();
      if (r.exitCode !== 0 || !value.startsWith('/'))
        throw new TransportError({
          details: {
            reason: 'home_unknown',
            nativeMessage: r.stderr.trim(),
            stderr: r.stderr,
            ...(user !== undefined && { user }),
          },
        });
      home = value;
      return home;
    },
    async readFile(path) {
      const r = await run(['cat', '--', path]);
      if (r.exitCode === 0) return r.stdout;
      if (/No such file/i.test(r.stderr)) {
        throw new NotFoundError({
          details: { kind: 'file', id: path, reason: 'no_such_file', operation: 'read', stderr: r.stderr },
        });
      }
      throw fail('read', path, r.stderr);
    },
    async writeFile(path, text) {
      // umask in a fixed script; the path is "$1", a positional argument, never part of the script.
      const r = await run(['sh', '-c', 'umask 077 && cat > "$1"', 'hpckit-write', path], text);
      if (r.exitCode !== 0) throw fail('write', path, r.stderr);
    },
    async mkdir(path) {
      // umask, not `mkdir -m`, so the parents it creates are private too.
      const r = await run(['sh', '-c', 'umask 077 && mkdir -p -- "$1"', 'hpckit-mkdir', path]);
      if (r.exitCode !== 0) throw fail('mkdir', path, r.stderr);
    },
    async exists(path) {
      const r = await run(['test', '-e', path]);
      return r.exitCode === 0;
    },
  };
}
