import { errorsFor, isHpckitError } from '@hpckit/core';
import PQueue from 'p-queue';
import type { ExecRequest, ExecResult } from '../transport.js';
import { type HelperShell, startHelperShell } from './helper-shell.js';

const errors = errorsFor('local');

/** What a {@link HelperPool} needs. */
export interface HelperPoolInit {
  /** The argv that starts a bash reading commands from stdin, as `user` (undefined: as this process). */
  shellArgv(user: string | undefined): string[];
  cwd: string;
  /** Helpers per user at most; further commands for that user wait for one. */
  size: number;
}

/** Limits of one command: those of the request, else the transport's. */
export interface PoolLimits {
  timeoutMs: number;
  maxOutputBytes: number;
}

/**
 * Helper shells per acting user. A command that a shell cannot carry exactly, or a user whose
 * first helper died before its first command started (sudoers allows no shell, su is not root),
 * resolves to `undefined`: the caller spawns it instead, as it would without helpers.
 */
export interface HelperPool {
  exec(request: ExecRequest, limits: PoolLimits): Promise<ExecResult | undefined>;
  close(): Promise<void>;
}

interface UserShells {
  queue: PQueue;
  idle: HelperShell[];
  refused: boolean;
}

/** Creates an empty pool: helpers start on first use and stay until {@link HelperPool.close}. */
export function helperPool(init: HelperPoolInit): HelperPool {
  const users = new Map<string, UserShells>();
  const all = new Set<HelperShell>();

  function shellsOf(user: string | undefined): UserShells {
    const key = user ?? '';
    let shells = users.get(key);
    if (!shells) {
      shells = { queue: new PQueue({ concurrency: init.size }), idle: [], refused: false };
      users.set(key, shells);
    }
    return shells;
  }

  async function runOn(shells: UserShells, request: ExecRequest, limits: PoolLimits) {
    let helper = shells.idle.pop();
    while (helper && !helper.alive) helper = shells.idle.pop();
    const fresh = helper === undefined;
    if (!helper) {
      helper = startHelperShell({ argv: init.shellArgv(request.user), cwd: init.cwd, env: process.env });
      all.add(helper);
    }
    const running = helper.run(request, { ...limits, signal: request.signal });
    if (!running) {
      shells.idle.push(helper);
      return { result: Promise.resolve(undefined), done: Promise.resolve() };
    }
    const result = running.result.then(
      (r) => spawnFailure(request, r),
      (err: unknown) => {
        // A helper that never started a command was never allowed to run: spawn this one.
        if (
          fresh &&
          !running.started() &&
          isHpckitError(err, 'TRANSPORT') &&
          err.details.reason === 'helper_shell_exited'
        ) {
          shells.refused = true;
          return undefined;
        }
        throw err;
      },
    );
    const done = running.done.then(() => {
      if (helper.alive) shells.idle.push(helper);
      else all.delete(helper);
    });
    return { result, done };
  }

  return {
    exec(request, limits) {
      const shells = shellsOf(request.user);
      if (shells.refused) return Promise.resolve(undefined);
      return new Promise<ExecResult | undefined>((resolve, reject) => {
        // An abort frees the queue slot only while the command waits for a helper: once it runs,
        // the slot is the helper's until the helper has killed it and is free again.
        const waiting = new AbortController();
        const onAbort = () => waiting.abort(request.signal?.reason);
        request.signal?.addEventListener('abort', onAbort, { once: true });
        if (request.signal?.aborted) onAbort();
        shells.queue
          .add(
            async () => {
              request.signal?.removeEventListener('abort', onAbort);
              const { result, done } = await runOn(shells, request, limits);
              // The caller hears at once (a timeout does not wait for the kill).
              result.then(resolve, reject);
              await done;
            },
            { signal: waiting.signal },
          )
          .catch((err: unknown) => {
            request.signal?.removeEventListener('abort', onAbort);
            reject(err);
          });
      });
    },
    async close() {
      for (const shells of users.values()) shells.idle.length = 0;
      await Promise.all([...all].map((helper) => helper.close()));
      all.clear();
    },
  };
}

/**
 * bash's own words when `exec` could not start the program: the error spawn would have raised,
 * so a missing program is a `TRANSPORT` error (`spawn_failed`) whichever way it ran.
 */
function spawnFailure(request: ExecRequest, result: ExecResult): ExecResult {
  if (result.exitCode !== 127 && result.exitCode !== 126) return result;
  const program = request.argv[0] ?? '';
  const said = /^\S+: line \d+: exec: (.*): (not found|cannot execute: .*)\n$/.exec(result.stderr);
  if (!said || said[1] !== program) return result;
  const errno = said[2] === 'not found' ? 'ENOENT' : 'EACCES';
  throw errors.transport({
    details: {
      reason: 'spawn_failed',
      command: [...request.argv],
      program,
      nativeMessage: `spawn ${program} ${errno}`,
      errno,
      stderr: result.stderr,
    },
    retryable: errno !== 'ENOENT',
  });
}
