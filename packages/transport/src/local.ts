import { spawn } from 'node:child_process';
import { userInfo } from 'node:os';
import { errorsFor, parseInput } from '@hpckit/core';
import { z } from 'zod';
import { transportRules } from './transport-rules.js';
import { type ActAs, ActAsSchema, actAsArgv } from './act-as.js';
import { actAsGuard } from './act-as-guard.js';
import { helperPool } from './helper-shell/pool.js';
import { createStats } from './stats.js';
import {
  CommandLimitsSchema,
  type ExecRequest,
  type ExecResult,
  signalExitCode,
  type Transport,
} from './transport.js';

/** Options of {@link localTransport}. */
export const LocalTransportOptionsSchema = z
  .strictObject({
    /**
     * How commands run for `ctx.user`: `sudo` or `su` (this process must be root for `su`);
     * `credentials` needs a login per user, which only the SSH transport makes. root, this
     * process's owner, `denyUsers` and uids below `minUid` are never acted for.
     * @default { mode: 'none' }
     */
    actAs: ActAsSchema.default({ mode: 'none' }),
    ...CommandLimitsSchema.shape,
    /** Directory commands run in; `/` by default, so no command depends on the portal's cwd. @default "/" */
    cwd: z.string().min(1).default('/'),
    /**
     * Whether commands go through long-lived helper shells (bash, fed each command on its stdin,
     * its output framed with a fresh random token) instead of a process spawned per command:
     * Node's spawn costs more than a shell's fork and exec, which made a loop of submissions
     * slower than the same loop in bash.
     * - `own`: commands run as this process's owner use helpers; commands for a named user spawn
     *   sudo or su each time (a helper as that user needs sudoers to allow `bash`).
     * - `all`: a helper per acting user too (`sudo -n -u <user> -- bash`, or `su -l -c bash`); a
     *   user whose helper is refused (no sudoers rule for bash) falls back to spawning.
     * - `off`: every command is spawned.
     *
     * A helper runs each command with its own input (`/dev/null` when none) and environment, kills
     * just that command on a timeout or abort, ends with `close()`, and holds no event-loop
     * reference while idle. Commands a shell cannot carry exactly (a NUL byte) are spawned.
     * @default "own"
     */
    helperShell: z.enum(['own', 'all', 'off']).default('own'),
    /** Helper shells per user at most; further commands for the same user wait for one. @default 4 */
    helperShells: z.number().int().min(1).max(64).default(4),
  })
  .refine((o) => o.actAs.mode !== 'credentials', {
    path: ['actAs', 'mode'],
    error: transportRules.error('local_cannot_log_in_as_users'),
  });

/** What callers may pass to {@link localTransport}. */
export type LocalTransportOptions = z.input<typeof LocalTransportOptionsSchema>;

const errors = errorsFor('local');

/**
 * Runs commands on this machine: `spawn` without a shell (argv arrays), with a timeout and an
 * output limit, acting for users through sudo or su when configured. A named user is checked
 * before anything runs (see `ActAsSchema`); with `actAs: none` naming one is `UNSUPPORTED`.
 *
 * @example
 * ```ts
 * const transport = localTransport({ actAs: { mode: 'sudo' } });
 * const { stdout } = await transport.exec({ argv: ['squeue', '--me'], user: 'alice' });
 * ```
 */
export function localTransport(options: LocalTransportOptions = {}): Transport {
  const opts = parseInput(
    LocalTransportOptionsSchema,
    options,
    transportRules.subject('local_transport_options'),
  );
  const stats = createStats();
  const timed = (request: ExecRequest) => {
    const finish = stats.begin(request.argv[0] ?? '');
    return execute(request).then(
      (result) => {
        finish(false);
        return result;
      },
      (err: unknown) => {
        finish(true);
        throw err;
      },
    );
  };
  const helpers = helperPool({
    cwd: opts.cwd,
    size: opts.helperShells,
    shellArgv: (user) => actAsArgv(opts.actAs, user, HELPER_SHELL),
  });
  const usesHelper = (request: ExecRequest) =>
    opts.helperShell === 'all' || (opts.helperShell === 'own' && request.user === undefined);
  const execute = async (request: ExecRequest): Promise<ExecResult> => {
    if (usesHelper(request)) {
      const limits = {
        timeoutMs: request.timeoutMs ?? opts.timeoutMs,
        maxOutputBytes: opts.maxOutputBytes,
      };
      const result = await helpers.exec(request, limits);
      if (result) return result;
    }
    return run(commandFor(opts.actAs, request), request, opts);
  };
  const guard = actAsGuard(opts.actAs, { kind: 'local', login: processOwner() }, (user) => {
    const argv = ['id', '-u', '--', user];
    return timed({ argv });
  });
  return {
    kind: 'local',
    canActAsUser: opts.actAs.mode === 'sudo' || opts.actAs.mode === 'su',
    stats: stats.snapshot,
    close: () => helpers.close(),
    async exec(request) {
      await guard.check(request.user, transportRules.subject('command'), request.signal);
      return timed(request);
    },
  };
}

/** bash reading commands from its stdin, without the startup files that could print or set things. */
const HELPER_SHELL = ['bash', '--noprofile', '--norc'];

function commandFor(actAs: ActAs, request: ExecRequest): string[] {
  // Without a user switch the environment goes through spawn's env, not env(1).
  if (request.user === undefined) return [...request.argv];
  return actAsArgv(actAs, request.user, request.argv, request.env, request.unsetEnv);
}

function environmentOf(request: ExecRequest): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...request.env };
  for (const name of request.unsetEnv ?? []) delete env[name];
  return env;
}

/** The login name this process runs as, or undefined where the system has no name for its uid. */
function processOwner(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}

function run(
  argv: string[],
  request: ExecRequest,
  opts: z.output<typeof LocalTransportOptionsSchema>,
): Promise<ExecResult> {
  const timeoutMs = request.timeoutMs ?? opts.timeoutMs;
  return new Promise((resolve, reject) => {
    const [program, ...args] = argv as [string, ...string[]];
    const child = spawn(program, args, {
      shell: false,
      cwd: opts.cwd,
      env: environmentOf(request),
      stdio: ['pipe', 'pipe', 'pipe'],
      signal: request.signal,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let bytes = 0;
    let failure: Error | undefined;
    const fail = (error: Error) => {
      failure ??= error;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(
      () => fail(errors.timeout({ details: { operation: `${program} (local)`, timeoutMs } })),
      timeoutMs,
    );
    const collect = (sink: Buffer[]) => (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > opts.maxOutputBytes) {
        fail(
          errors.transport({
            details: { reason: 'output_limit', command: argv, program, limit: opts.maxOutputBytes },
            retryable: false,
          }),
        );
        return;
      }
      sink.push(chunk);
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.name === 'AbortError') return fail(error);
      fail(
        errors.transport({
          details: {
            reason: 'spawn_failed',
            command: argv,
            program,
            nativeMessage: error.message,
            ...(error.code !== undefined && { errno: error.code }),
          },
          cause: error,
          retryable: error.code !== 'ENOENT',
        }),
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (failure) return reject(failure);
      resolve({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        exitCode: code ?? signalExitCode(signal),
      });
    });
    // A command that exits before reading its input closes the pipe; that is not our failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(request.stdin ?? '');
  });
}
