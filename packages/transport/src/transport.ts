import { constants } from 'node:os';
import { z } from 'zod';

/** One command to run: an argv (never a shell string), its input and its limits. */
export interface ExecRequest {
  /** Program and arguments; no shell parses them on the local side. */
  argv: readonly string[];
  /** Written to the command's standard input, then closed. */
  stdin?: string;
  /** Extra environment variables for the command. */
  env?: Readonly<Record<string, string>>;
  /**
   * Variables to remove from the command's environment: a login shell (`su -`, an SSH login)
   * reads the user's own files, which may set variables a command obeys (sbatch's `SBATCH_*`).
   */
  unsetEnv?: readonly string[];
  /**
   * The user to run as (see `actAs`); omit to run as the transport's own identity. Checked before
   * anything runs: a login name (`UserNameSchema` of `@hpckit/core`, else `VALIDATION`), never
   * root, the transport's own login or a uid below `actAs.minUid` (`PERMISSION_DENIED`), and only
   * on a transport that acts for users (`UNSUPPORTED` with `actAs: none`).
   */
  user?: string;
  /** Kills the command after this many ms. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** What a finished command produced. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  /**
   * Exit status; 128 + n when killed by signal n (n as numbered on this machine; 128 for a signal
   * name it does not know).
   */
  exitCode: number;
}

/** Call counters and latencies of a transport. */
export interface TransportStats {
  /** Commands started. */
  calls: number;
  /** Commands that failed to run at all (spawn or connection failure, timeout, output limit). */
  failures: number;
  /** Sum of command latencies, in ms. */
  totalMs: number;
  /** Longest command latency, in ms. */
  maxMs: number;
  /** Commands running right now. */
  inFlight: number;
  /** Most commands ever running at once. */
  maxInFlight: number;
  /** Connections opened (SSH only; 0 for local). */
  connections: number;
  /** Channel opens the SSH server refused and that were retried (server at MaxSessions). */
  channelRetries: number;
  /** Calls per program name, e.g. `{ squeue: 12, sbatch: 3 }`. */
  byProgram: Record<string, number>;
}

/**
 * How commands run on a host: locally or over SSH. A transport runs argv arrays, never a
 * caller-built shell string, and throws `TransportError` only when the command could not run; a
 * command that ran and failed resolves with its exit code and stderr.
 */
export interface Transport {
  /** Short id for messages, and the tag of the transport's errors (`[hpckit] [ssh]`): `local`, `ssh`. */
  readonly kind: string;
  /** Whether `ExecRequest.user` is honoured (naming a user on a transport that is not refuses the call). */
  readonly canActAsUser: boolean;
  /** Runs one command and resolves with its output and exit code. */
  exec(request: ExecRequest): Promise<ExecResult>;
  /** Counters since creation. */
  stats(): TransportStats;
  /** Drops every connection, so the next command reconnects (SSH); no-op locally. */
  reset?(): Promise<void>;
  /**
   * Releases what the transport holds: SSH closes every connection (commands still running on
   * them fail), so an idle process can exit; local has nothing to release. The transport stays
   * usable: a later command opens a new connection, as after {@link Transport.reset}, because
   * one transport may serve several adapters that are closed one by one.
   */
  close(): Promise<void>;
}

/** Limits every transport puts on one command: its run time and its output. */
export const CommandLimitsSchema = z.object({
  /** Stops a command that runs longer, in ms. @default 60000 */
  timeoutMs: z.number().int().positive().default(60_000),
  /**
   * Stops a command whose output, stdout and stderr counted together, grows beyond this many
   * bytes. @default 268435456
   */
  maxOutputBytes: z
    .number()
    .int()
    .positive()
    .default(256 * 1024 * 1024),
});

/**
 * The shell's exit status of a command killed by `signal` (`"SIGKILL"`, or SSH's `"KILL"`):
 * 128 + the signal's number on this machine, or 128 if the name is unknown here.
 */
export function signalExitCode(signal: string | null | undefined): number {
  if (!signal) return 128;
  const name = (signal.startsWith('SIG') ? signal : `SIG${signal}`) as NodeJS.Signals;
  return 128 + (constants.signals[name] ?? 0);
}
