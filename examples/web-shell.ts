/**
 * A login-node terminal in the browser, the way a portal wires xterm.js to `openShell`: the
 * browser sends keystrokes and resize messages over a websocket, the server forwards them to the
 * PTY and streams the PTY's bytes back.
 *
 * `bridgeTerminal` of `@hpckit/remote` speaks the protocol. It tells data from control by the frame
 * type, never by content, so any text a user pastes reaches the shell as it is:
 * - binary frames carry terminal bytes: keystrokes to the server, PTY output to the browser;
 * - text frames carry one JSON control message: `{ "type": "resize", "rows", "cols" }` to the
 *   server; `{ "type": "error", "message" }` and `{ "type": "exit", "code", "signal" }` to the
 *   browser. A bad control message is answered with an `error` message; the shell stays open.
 *
 * The initial size and directory come with the connection (the upgrade request's query, say), not
 * in a message, so the PTY opens at the right size.
 *
 * The `ws` package is not a dependency of this repository, so the websocket here is an in-process
 * pair of message sockets with the same surface as a `ws` WebSocket (`send`, `on('message')` with
 * its `isBinary` flag, `on('close')`, `close`). With `ws` installed, the server side is unchanged:
 *
 * ```ts
 * const wss = new WebSocketServer({ server: httpServer, path: '/shell' });
 * wss.on('connection', (socket, request) => {
 *   const q = new URL(request.url ?? '/', 'http://portal').searchParams;
 *   void bridgeTerminal(socket, openShell({ transport, user: userOf(request), rows: Number(q.get('rows') ?? 24),
 *     cols: Number(q.get('cols') ?? 80), cwd: q.get('cwd') ?? undefined }));
 * });
 * ```
 *
 * and the browser side is xterm.js with `ws.binaryType = 'arraybuffer'`:
 * `term.onData((d) => ws.send(new TextEncoder().encode(d)))`,
 * `term.onResize(({ rows, cols }) => ws.send(JSON.stringify({ type: 'resize', rows, cols })))`,
 * `ws.onmessage = (e) => typeof e.data === 'string' ? showControl(JSON.parse(e.data)) : term.write(new Uint8Array(e.data))`.
 *
 * Needs the test cluster's sshd (scripts/slurm-cluster/up.sh); run it with
 * `npx tsx --conditions=@hpckit/source examples/web-shell.ts`.
 * `packages/remote/test/web-shell-example.int.test.ts` runs {@link webShellScenario}.
 */
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bridgeTerminal, openShell, type ShellExit, type TerminalSocket } from '@hpckit/remote';
import { type SshTransport, sshTransport } from '@hpckit/transport';

/** The part of a `ws` WebSocket the bridge uses (`bridgeTerminal` takes any such socket). */
export interface MessageSocket extends TerminalSocket {
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): this;
  on(event: 'close', listener: () => void): this;
}

/** Where the shell runs and its size when it opens. */
export interface ShellTarget {
  transport: SshTransport;
  user: string;
  rows: number;
  cols: number;
  cwd?: string;
}

/**
 * Server side: one PTY per websocket, bridged by `bridgeTerminal` of `@hpckit/remote`, which
 * checks the browser's control messages and never throws (a shell that cannot open is reported to
 * the browser as an `error` control message).
 */
export function attachShell(socket: MessageSocket, target: ShellTarget): Promise<ShellExit> {
  return bridgeTerminal(socket, openShell(target));
}

/** An in-process websocket: two connected ends, messages delivered asynchronously like a network. */
export function socketPair(): [MessageSocket, MessageSocket] {
  type End = EventEmitter & MessageSocket & { peer?: End };
  const make = (): End => {
    const end = new EventEmitter() as End;
    end.send = (data) =>
      setImmediate(() => end.peer?.emit('message', Buffer.from(data), typeof data !== 'string'));
    end.close = () => {
      setImmediate(() => {
        end.emit('close');
        end.peer?.emit('close');
      });
    };
    return end;
  };
  const a = make();
  const b = make();
  a.peer = b;
  b.peer = a;
  return [a, b];
}

/** What the browser saw, for a reader (or a test) to check. */
export interface WebShellOutcome {
  /** Everything written to the terminal (binary frames). */
  screen: string;
  /** The control messages received (text frames). */
  controls: Record<string, unknown>[];
}

/**
 * Plays the browser: types a command, resizes, sends a bad resize and a non-JSON text frame (both
 * answered with `error`), pastes text that looks like a control message (it reaches the shell as
 * keystrokes), then exits. `print` gets the terminal's bytes.
 */
export async function webShellScenario(
  transport: SshTransport,
  print: (text: string) => void = () => undefined,
): Promise<WebShellOutcome> {
  const [browser, server] = socketPair();
  const outcome: WebShellOutcome = { screen: '', controls: [] };
  const closed = new Promise<void>((resolve) => browser.on('close', resolve));
  browser.on('message', (data, isBinary) => {
    if (isBinary) {
      outcome.screen += data.toString('utf8');
      print(data.toString('utf8'));
    } else {
      outcome.controls.push(JSON.parse(data.toString('utf8')) as Record<string, unknown>);
    }
  });
  // The terminal's first bytes (the login banner) say the shell is open; a user types after that.
  const opened = new Promise<void>((resolve) =>
    browser.on('message', (_, isBinary) => isBinary && resolve()),
  );
  void attachShell(server, { transport, user: 'alice', rows: 24, cols: 80 });
  await opened;

  const typed = (text: string) => browser.send(new TextEncoder().encode(text));
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  typed('echo "hello from $(whoami) on $(hostname)"; stty size\n');
  await sleep(500);
  browser.send(JSON.stringify({ type: 'resize', rows: 50, cols: 132 }));
  browser.send(JSON.stringify({ type: 'resize', rows: 5000, cols: 132 }));
  browser.send('echo not a control message');
  await sleep(100);
  // Pasted text that looks like a control message: bash gets it and says it is no command.
  typed('{"type":"resize"}\n');
  typed('stty size; exit\n');
  await closed;
  return outcome;
}

/** The test cluster's sshd (scripts/slurm-cluster/up.sh), logged in as each user with their key. */
export function testClusterTransport(): SshTransport {
  const state = process.env.SLURM_LOCAL_STATE ?? '/var/lib/slurm-local';
  const keyOf = (user: string) => join(state, 'ssh', `${user}_ed25519`);
  return sshTransport({
    host: '127.0.0.1',
    port: Number(process.env.SLURM_LOCAL_SSH_PORT ?? 2222),
    // The service identity (commands that name no user); never one of the users it serves.
    credentials: { username: 'portal', privateKeyPath: keyOf('portal') },
    actAs: { mode: 'credentials' },
    userCredentials: (user) => ({ username: user, privateKeyPath: keyOf(user) }),
    hostKey: { knownHosts: [join(state, 'ssh', 'known_hosts')] },
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const transport = testClusterTransport();
  try {
    const { screen, controls } = await webShellScenario(transport, (text) => process.stdout.write(text));
    for (const c of controls) console.log(`\n[control] ${JSON.stringify(c)}`);
    console.log(`\nthe terminal saw the resize: ${/50 132/.test(screen)}`);
  } finally {
    await transport.close();
  }
}
