import { delay, isHpckitError } from '@hpckit/core';
import type { ExecResult, Transport } from '@hpckit/transport';
import { type CommandFailure, mapCommandError } from '../errors/map-error.js';

/** The Slurm programs the adapter runs. */
export type SlurmProgram =
  | 'sbatch'
  | 'squeue'
  | 'sacct'
  | 'scancel'
  | 'scontrol'
  | 'sacctmgr'
  | 'getent'
  | 'id';

/** One Slurm command to run. */
export interface RunRequest {
  program: SlurmProgram;
  args: readonly string[];
  /** Acts for this user; omit for the transport's own identity (the admin for sacctmgr). */
  user?: string;
  stdin?: string;
  signal?: AbortSignal;
  /** A read that may run again after a transport or controller failure. */
  idempotent?: boolean;
  /** Resolve instead of throwing when the command exits non-zero. */
  allowFailure?: boolean;
  /**
   * Tells a non-zero exit that answers the question (squeue's "Invalid user": nothing matches)
   * from a failure: the run it accepts resolves, and the caller reads its exit code. Any other
   * failure is mapped from that run's own stderr and exit code, and retried like any failed read.
   */
  acceptsFailure?: (result: ExecResult) => boolean;
  /** What the command is about, for NOT_FOUND errors. */
  subject?: CommandFailure['subject'];
}

/** Options of {@link createCommandRunner}. */
export interface CommandRunnerOptions {
  transport: Transport;
  /** Program paths that differ from the name (`{ sbatch: '/opt/site/bin/sbatch' }`). */
  commands: Partial<Record<SlurmProgram, string>>;
  /** Arguments added to every command but sacctmgr, e.g. `["-M", "cluster2"]`. */
  clusterArgs: readonly string[];
  /** Further attempts of an idempotent read after a retryable failure. */
  readRetries: number;
  /** Delay before the first retry, doubled each time, in ms. */
  retryDelayMs: number;
}

/** Runs Slurm commands through a transport and maps failures to typed errors. */
export interface CommandRunner {
  run(request: RunRequest): Promise<ExecResult>;
  /** The argv a request runs (program path and cluster arguments applied). */
  argv(program: SlurmProgram, args: readonly string[]): string[];
  readonly transport: Transport;
}

// Epoch times remove every time-zone ambiguity from squeue, sacct and scontrol output.
const ENV = { SLURM_TIME_FORMAT: '%s' } as const;

/** Creates a {@link CommandRunner}. */
export function createCommandRunner(options: CommandRunnerOptions): CommandRunner {
  const argv = (program: SlurmProgram, args: readonly string[]) => {
    const cluster =
      program === 'sacctmgr' || program === 'getent' || program === 'id' ? [] : options.clusterArgs;
    return [options.commands[program] ?? program, ...cluster, ...args];
  };
  return {
    transport: options.transport,
    argv,
    async run(request) {
      const command = argv(request.program, request.args);
      for (let attempt = 0; ; attempt++) {
        request.signal?.throwIfAborted();
        try {
          const result = await options.transport.exec({
            argv: command,
            stdin: request.stdin,
            env: ENV,
            user: request.user,
            signal: request.signal,
          });
          if (result.exitCode !== 0 && !request.allowFailure && !request.acceptsFailure?.(result)) {
            throw mapCommandError({
              command,
              stderr: result.stderr,
              exitCode: result.exitCode,
              subject: request.subject,
              user: request.user,
            });
          }
          return result;
        } catch (err) {
          const retry =
            request.idempotent && isHpckitError(err) && err.retryable && attempt < options.readRetries;
          if (!retry) throw err;
          await delay(options.retryDelayMs * 2 ** attempt, request.signal);
        }
      }
    },
  };
}
