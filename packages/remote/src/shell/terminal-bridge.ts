import { formatError, type Locale, parseInput, ValidationError } from '@hpckit/core';
import { z } from 'zod';
import { remoteRules } from '../errors/remote-rules.js';
import type { ShellExit, ShellSession } from './open-shell.js';
import { TERMINAL_SIZE } from './terminal-size.js';

/**
 * The part of a server-side WebSocket the bridge uses: that of a `ws` WebSocket, so one from
 * `ws`'s `WebSocketServer` is passed as it is (no WebSocket library is a dependency of hpckit).
 */
export interface TerminalSocket {
  /** A string goes as a text frame, bytes as a binary frame. */
  send(data: string | Uint8Array): void;
  /** `isBinary` tells keystrokes (binary) from control messages (text), never the content. */
  on(event: 'message', listener: (data: TerminalFrame, isBinary: boolean) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  close(): void;
}

/** A frame's payload as `ws` delivers it for each `binaryType`. */
export type TerminalFrame = Uint8Array | ArrayBuffer | readonly Uint8Array[];

/** The part of a {@link ShellSession} the bridge drives; `openShell` gives one. */
export type TerminalShell = Pick<ShellSession, 'output' | 'write' | 'resize' | 'exited' | 'close'>;

/** Options of {@link bridgeTerminal}. */
export interface TerminalBridgeOptions {
  /** Language of the `error` messages sent to the browser. @defaultValue `'en'` */
  locale?: Locale;
}

/** The one control message a browser sends: the terminal's new size. */
const ResizeSchema = z.strictObject({ type: z.literal('resize'), rows: TERMINAL_SIZE, cols: TERMINAL_SIZE });

/**
 * Connects a browser terminal (xterm.js over a WebSocket) to a PTY shell until either side ends.
 * Frame types, never content, tell data from control, so whatever a user types or pastes reaches
 * the shell as keystrokes:
 * - binary frames are terminal bytes: keystrokes in, the PTY's output out;
 * - text frames are one JSON control message: `{ "type": "resize", "rows", "cols" }` in (whole
 *   numbers 1–1000, never text that reaches a shell); `{ "type": "error", "message" }` and
 *   `{ "type": "exit", "code", "signal" }` out.
 *
 * A bad control message is answered with an `error` message and the shell stays open. The
 * browser closing the socket hangs up the shell; the shell ending sends `exit` and closes the
 * socket. A shell that fails to open (a rejected `shell`) is reported as `error`, then the socket
 * closes. Never throws: an exception in a WebSocket listener would crash the server.
 *
 * @returns how the shell ended (`code` and `signal` undefined when it never opened).
 * @example
 * ```ts
 * // fragment: a `ws` WebSocketServer of the portal
 * wss.on('connection', (socket, request) => {
 *   void bridgeTerminal(socket, openShell({ transport, user: userOf(request), rows: 24, cols: 80 }));
 * });
 * ```
 */
export async function bridgeTerminal(
  socket: TerminalSocket,
  shell: TerminalShell | Promise<TerminalShell>,
  options: TerminalBridgeOptions = {},
): Promise<ShellExit> {
  let socketOpen = true;
  const send = (data: string | Uint8Array) => {
    if (socketOpen) socket.send(data);
  };
  const control = (message: Record<string, unknown>) => send(JSON.stringify(message));
  const report = (err: unknown) => control({ type: 'error', message: formatError(err, options) });
  const socketClosed = new Promise<void>((resolve) =>
    socket.on('close', () => {
      socketOpen = false;
      resolve();
    }),
  );
  const early: [TerminalFrame, boolean][] = [];
  let deliver: (data: TerminalFrame, isBinary: boolean) => void = (data, isBinary) => {
    early.push([data, isBinary]);
  };
  socket.on('message', (data, isBinary) => deliver(data, isBinary));

  let pty: TerminalShell;
  try {
    pty = await shell;
  } catch (err) {
    report(err);
    socketOpen = false;
    socket.close();
    return { code: undefined, signal: undefined };
  }
  pty.output.on('data', (bytes: Uint8Array) => send(bytes));
  // Output ending in an error (a lost channel) is the end of the shell, reported by `exited`.
  pty.output.on('error', () => undefined);
  deliver = (data, isBinary) => {
    if (isBinary) return pty.write(bytesOf(data));
    try {
      const size = parseControl(new TextDecoder().decode(bytesOf(data)));
      pty.resize(size.rows, size.cols);
    } catch (err) {
      report(err);
    }
  };
  for (const [data, isBinary] of early.splice(0)) deliver(data, isBinary);
  void socketClosed.then(() => pty.close());
  const exit = await pty.exited;
  control({ type: 'exit', code: exit.code ?? null, signal: exit.signal ?? null });
  if (socketOpen) {
    socketOpen = false;
    socket.close();
  }
  return exit;
}

// The browser is not trusted to send good control messages.
function parseControl(text: string): z.output<typeof ResizeSchema> {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    throw new ValidationError({
      details: {
        ...remoteRules.subject('terminal_control_message'),
        issues: [remoteRules.validationIssue([], 'control_not_json')],
      },
    });
  }
  return parseInput(ResizeSchema, message, remoteRules.subject('terminal_control_message'));
}

function bytesOf(data: TerminalFrame): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  const all = new Uint8Array(data.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of data) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}
