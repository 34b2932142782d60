import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { errorsFor } from '@hpckit/core';
import { type ExecResult, signalExitCode } from '../transport.js';
import {
  commandLine,
  type FramedCommand,
  framed,
  frameTokens,
  HELPER_LOOP,
  setupFunctions,
} from './command-line.js';
import { Delimited } from './delimited.js';

const errors = errorsFor('local');

/** How long a helper may take to end a killed command's frame before it is killed itself. */
const KILL_GRACE_MS = 2_000;

/** Limits of one command run in a helper shell. */
export interface HelperLimits {
  timeoutMs: number;
  maxOutputBytes: number;
  signal?: AbortSignal;
}

/** One command on its way through a helper: its answer, and when the helper is free again. */
export interface HelperRun {
  /** The command's output, or its typed error (rejected at once on a timeout or abort). */
  result: Promise<ExecResult>;
  /** Settles once the helper has finished with the command (or died); never rejects. */
  done: Promise<void>;
  /**
   * Whether the command started (its pid came back). A helper that died before its first
   * command started was never usable (sudo refused the shell, say), so the command did not run.
   */
  started(): boolean;
}

/**
 * A long-lived bash fed one command at a time over its stdin (see `commandLine`), each
 * command's stdout, stderr and exit status framed with a fresh random token. Commands are
 * strictly one after another: a pool runs several helpers for concurrency.
 */
export interface HelperShell {
  /** Whether the process is still running (a dead helper is replaced, not reused). */
  readonly alive: boolean;
  /** Runs one command; undefined where the command cannot go through a shell exactly. */
  run(command: FramedCommand, limits: HelperLimits): HelperRun | undefined;
  /** Ends the shell (and a command it runs); resolves once the process is gone. */
  close(): Promise<void>;
}

/** What starts a helper: its argv (bash, maybe behind sudo or su), directory and environment. */
export interface HelperSpawn {
  argv: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

interface Current {
  onExit: (error: Error) => void;
}

/** Starts a helper shell. It keeps no event-loop reference while idle, so a process may exit. */
export function startHelperShell(spec: HelperSpawn): HelperShell {
  const [program, ...args] = spec.argv as [string, ...string[]];
  const child: ChildProcessWithoutNullStreams = spawn(program, args, {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stdout = new Delimited();
  const stderr = new Delimited();
  let alive = true;
  let busy = false;
  let current: Current | undefined;
  let startError: Error | undefined;
  let onGone!: () => void;
  const exited = new Promise<void>((resolve) => {
    onGone = () => {
      if (!alive) return;
      alive = false;
      setReferenced(false);
      current?.onExit(startError ?? new Error('helper shell exited'));
      resolve();
    };
  });
  // 'exit', not 'close': a command's orphan (a background child) may hold the pipes open long after.
  child.on('exit', onGone);
  child.on('error', (error) => {
    startError = error;
    // A shell that could not start emits no 'exit'.
    if (child.pid === undefined) onGone();
  });
  child.stdin.on('error', () => undefined);
  child.stdout.on('data', (chunk: Buffer) => stdout.feed(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.feed(chunk));
  // Read byte by byte like any script on a pipe, once; every command after it is read at once.
  child.stdin.write(HELPER_LOOP);
  const setups = setupFunctions();

  function setReferenced(on: boolean): void {
    for (const handle of [child, child.stdin, child.stdout, child.stderr] as {
      ref?: () => void;
      unref?: () => void;
    }[]) {
      if (on) handle.ref?.();
      else handle.unref?.();
    }
  }
  setReferenced(false);

  function run(command: FramedCommand, limits: HelperLimits): HelperRun | undefined {
    if (!alive || busy) throw new Error('helper shell is not free');
    if (limits.signal?.aborted) {
      return {
        result: Promise.reject(limits.signal.reason as Error),
        done: Promise.resolve(),
        started: () => false,
      };
    }
    const nonce = randomBytes(16).toString('hex');
    const line = commandLine(command, nonce, setups);
    if (line === undefined) return undefined;
    const tokens = frameTokens(nonce);
    const commandProgram = command.argv[0] ?? '';
    busy = true;
    setReferenced(true);

    let resolveResult!: (r: ExecResult) => void;
    let rejectResult!: (e: Error) => void;
    const result = new Promise<ExecResult>((resolve, reject) => {
      resolveResult = resolve;
      rejectResult = reject;
    });
    let resolveDone!: () => void;
    const done = new Promise<void>((resolve) => {
      resolveDone = resolve;
    });

    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let bytes = 0;
    let pidText = '';
    let pid: number | undefined;
    let statusText = '';
    let outEnded = false;
    let errEnded = false;
    let failure: Error | undefined;
    let killTimer: ReturnType<typeof setTimeout> | undefined;

    const collect = (sink: Buffer[]) => (chunk: Buffer) => {
      if (failure) return;
      bytes += chunk.length;
      if (bytes > limits.maxOutputBytes) {
        fail(
          errors.transport({
            details: {
              reason: 'output_limit',
              command: [...command.argv],
              program: commandProgram,
              limit: limits.maxOutputBytes,
            },
            retryable: false,
          }),
        );
        return;
      }
      sink.push(chunk);
    };

    function killCommand(): void {
      if (pid === undefined) return; // killed as soon as its pid arrives
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Another user's command (sudo): the helper's trap kills it.
        child.kill('SIGUSR1');
      }
      killTimer ??= setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    }

    function fail(error: Error): void {
      if (failure) return;
      failure = error;
      rejectResult(error);
      killCommand();
    }

    function settle(): void {
      if (!(outEnded && errEnded)) return;
      finish();
      if (failure) return;
      const exitCode = Number(statusText);
      resolveResult({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        exitCode: Number.isInteger(exitCode) ? exitCode : signalExitCode(null),
      });
    }

    function finish(): void {
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      limits.signal?.removeEventListener('abort', onAbort);
      current = undefined;
      busy = false;
      if (alive) setReferenced(false);
      resolveDone();
    }

    const timer = setTimeout(
      () =>
        fail(
          errors.timeout({
            details: { operation: `${commandProgram} (local)`, timeoutMs: limits.timeoutMs },
          }),
        ),
      limits.timeoutMs,
    );
    const onAbort = () => fail(limits.signal!.reason as Error);
    limits.signal?.addEventListener('abort', onAbort, { once: true });

    stdout.until(
      tokens.start,
      () => undefined,
      () => undefined,
    );
    stdout.until(
      '\n',
      (d) => {
        pidText += d.toString('latin1');
      },
      () => {
        pid = Number(pidText);
        if (failure) killCommand();
      },
    );
    stdout.until(tokens.end, collect(out), () => undefined);
    stdout.until(
      '\n',
      (d) => {
        statusText += d.toString('latin1');
      },
      () => {
        outEnded = true;
        settle();
      },
    );
    stderr.until(tokens.stderrEnd, collect(err), () => {
      errEnded = true;
      settle();
    });

    current = {
      onExit: (cause) => {
        if (!failure) {
          failure = errors.transport({
            details: {
              reason: 'helper_shell_exited',
              command: [...command.argv],
              program: commandProgram,
              stderr: Buffer.concat(err).toString('utf8'),
              nativeMessage: cause.message,
            },
            cause,
            retryable: true,
          });
          rejectResult(failure);
        }
        finish();
      },
    };
    child.stdin.write(framed(line));
    return { result, done, started: () => pid !== undefined };
  }

  return {
    get alive() {
      return alive;
    },
    run,
    async close() {
      if (!alive) return exited;
      child.stdin.end();
      // A command still running is ended with its helper; sudo passes TERM on to the shell.
      if (busy) child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
      await exited;
      clearTimeout(force);
    },
  };
}
