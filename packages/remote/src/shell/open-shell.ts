import { PassThrough, type Readable } from 'node:stream';
import { parseInput, shellJoin, TransportError, UserNameSchema } from '@hpckit/core';
import type { ClientChannel, PseudoTtyOptions } from 'ssh2';
import { z } from 'zod';
import { remoteRules } from '../errors/remote-rules.js';
import { pathProblem } from '../errors/file-errors.js';
import { sftpFileSystem } from '../fs/sftp-file-system.js';
import { openSessionAs } from '../ssh/open-session.js';
import type { SessionSource } from '../ssh/session-source.js';
import { checkTerminalSize, TERMINAL_SIZE } from './terminal-size.js';

/** Options of {@link openShell}. */
export const ShellOptionsSchema = z.strictObject({
  /** Where the PTY channel comes from: `sshTransport(...)` of `@hpckit/transport`. */
  transport: z.custom<SessionSource>((v) => typeof (v as SessionSource | undefined)?.session === 'function', {
    error: remoteRules.error('not_a_session_source'),
  }),
  /** The user the shell runs as (a login name; needs a connection logged in as them); omit for the transport's login. */
  user: UserNameSchema.optional(),
  /** Terminal rows. @default 24 */
  rows: TERMINAL_SIZE.default(24),
  /** Terminal columns. @default 80 */
  cols: TERMINAL_SIZE.default(80),
  /** TERM of the remote side; xterm.js speaks xterm-256color. @default "xterm-256color" */
  term: z
    .string()
    .regex(/^[A-Za-z0-9._+-]+$/, { error: remoteRules.error('terminal_type') })
    .default('xterm-256color'),
  /** Initial directory, absolute or relative to the home; checked over SFTP before the shell starts. */
  cwd: z.string().min(1).optional(),
});

/** What callers may pass to {@link openShell}. */
export type ShellOptions = z.input<typeof ShellOptionsSchema>;

/** How a shell ended: its exit code, or the signal that killed it. */
export interface ShellExit {
  code: number | undefined;
  signal: string | undefined;
}

/** An interactive login-node shell on a PTY. */
export interface ShellSession {
  /** What the terminal shows (the PTY merges stdout and stderr), as raw bytes for a terminal emulator. */
  readonly output: Readable;
  /** Absolute initial directory, when `cwd` was given. */
  readonly cwd: string | undefined;
  /** Sends keystrokes or pasted text. */
  write(data: string | Uint8Array): void;
  /** Tells the remote side the terminal's new size (SIGWINCH). */
  resize(rows: number, cols: number): void;
  /** Settles when the shell has ended and the channel is closed. */
  readonly exited: Promise<ShellExit>;
  /** Ends the session (the remote shell gets SIGHUP) and waits for the channel to close. */
  close(): Promise<ShellExit>;
}

/**
 * Opens an interactive shell on a PTY through the pooled SSH connection of `user`. The initial
 * directory is checked over SFTP (typed errors for a missing or non-directory path), then handed to
 * the remote shell as one single-quoted word: the only caller value that ever reaches a shell, and
 * it cannot end the word (see `shellQuote` of `@hpckit/core`).
 *
 * @example
 * ```ts
 * const shell = await openShell({ transport, user: 'alice', rows: 40, cols: 120, cwd: 'runs' });
 * shell.output.on('data', (bytes) => socket.send(bytes));
 * socket.on('message', (keys) => shell.write(keys));
 * ```
 */
export async function openShell(options: ShellOptions): Promise<ShellSession> {
  const opts = parseInput(ShellOptionsSchema, options, remoteRules.subject('shell_options'));
  const session = await openSessionAs(opts.transport, opts.user, 'a shell');
  let cwd: string | undefined;
  if (opts.cwd !== undefined) {
    const files = sftpFileSystem({ transport: { session: async () => session } });
    try {
      const entry = await files.stat(opts.cwd);
      if (entry.type !== 'directory') throw pathProblem(entry.path, 'list', 'not_a_directory');
      cwd = entry.path;
    } finally {
      await files.close();
    }
  }
  const window: PseudoTtyOptions = { rows: opts.rows, cols: opts.cols, term: opts.term, width: 0, height: 0 };
  let exit: ShellExit = { code: undefined, signal: undefined };
  const channel = await new Promise<ClientChannel>((resolve, reject) => {
    // The exit listener goes on in the callback: a shell that ends at once (a failed `cd`) sends
    // its exit status in the same socket read as the channel confirmation, before an await resumes.
    const done = (err: Error | undefined, stream: ClientChannel) => {
      if (err) return reject(err);
      stream.on('exit', (code: number | null, signal?: string) => {
        exit = { code: code ?? undefined, signal: signal ?? undefined };
      });
      resolve(stream);
    };
    if (cwd === undefined) session.client.shell(window, done);
    else {
      const line = `cd -- ${shellJoin([cwd])} && exec "\${SHELL:-/bin/sh}" -l`;
      session.client.exec(line, { pty: window }, done);
    }
  }).catch((err: Error) => {
    throw new TransportError({
      details: {
        reason: 'shell_channel_failed',
        host: session.host,
        login: session.login,
        nativeMessage: err.message,
      },
      cause: err,
    });
  });

  const output = new PassThrough();
  let ended = 0;
  const endOutput = () => {
    if (++ended === 2) output.end();
  };
  channel.pipe(output, { end: false });
  channel.stderr.pipe(output, { end: false });
  channel.on('end', endOutput);
  channel.stderr.on('end', endOutput);

  const exited = new Promise<ShellExit>((resolve) => {
    channel.on('close', () => {
      if (ended < 2) output.end();
      resolve(exit);
    });
  });
  // A channel error also ends in 'close'; swallowing it here keeps it from crashing the process.
  channel.on('error', (err: Error) => output.destroy(err));

  return {
    output,
    cwd,
    write(data) {
      channel.write(data);
    },
    resize(rows, cols) {
      const size = checkTerminalSize(rows, cols);
      channel.setWindow(size.rows, size.cols, 0, 0);
    },
    exited,
    async close() {
      channel.close();
      return exited;
    },
  };
}
