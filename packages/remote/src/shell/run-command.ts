import { parseInput, UserNameSchema } from '@hpckit/core';
import type { ExecResult, Transport } from '@hpckit/transport';
import { z } from 'zod';
import { remoteRules } from '../errors/remote-rules.js';

/** Options of {@link runCommand}. */
export const RunCommandOptionsSchema = z.strictObject({
  /** Program and arguments; each is passed as one quoted word, never parsed by the caller's shell. */
  argv: z.array(z.string()).min(1, { error: remoteRules.error('program_name_required') }),
  /**
   * The user to run as (a login name), through the transport's act-as setting, which refuses root
   * and its own service account.
   */
  user: UserNameSchema.optional(),
  /** Working directory, absolute or relative to the home (run through `env -C`). */
  cwd: z.string().min(1).optional(),
  /** Written to standard input, then closed. */
  stdin: z.string().optional(),
  /** Kills the command after this many ms (TimeoutError). @default the transport's timeoutMs */
  timeoutMs: z.number().int().positive().optional(),
  signal: z.instanceof(AbortSignal).optional(),
});

/** What callers may pass to {@link runCommand}. */
export type RunCommandOptions = z.input<typeof RunCommandOptionsSchema>;

/**
 * Runs one command on the login node and returns its output and exit code (a non-zero exit is a
 * result, not an error), on the transport's pooled connection with its timeout, output limit and
 * act-as. Throws `TimeoutError` past `timeoutMs`, `TransportError` when it could not run.
 *
 * @example
 * ```ts
 * const { stdout } = await runCommand(transport, { user: 'alice', argv: ['ls', '-la', 'run 1'], timeoutMs: 5000 });
 * ```
 */
export async function runCommand(
  transport: Pick<Transport, 'exec'>,
  options: RunCommandOptions,
): Promise<ExecResult> {
  const opts = parseInput(RunCommandOptionsSchema, options, remoteRules.subject('command'));
  // "--" keeps a directory or program starting with "-" from being read as an option of env.
  const argv = opts.cwd === undefined ? opts.argv : ['env', '-C', opts.cwd, '--', ...opts.argv];
  return transport.exec({
    argv,
    user: opts.user,
    stdin: opts.stdin,
    timeoutMs: opts.timeoutMs,
    signal: opts.signal,
  });
}
