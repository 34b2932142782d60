/**
 * A login-node terminal in the browser, the way a portal wires xterm.js to `openShell`: the
 * browser sends keystrokes and resize messages over a websocket, the server forwards them to the
 * PTY and streams the PTY's bytes back.
 *
 * The `ws` package is not a dependency of this repository, so the websocket here is an in-process
 * pair of message sockets with the same surface as a `ws` WebSocket (`send`, `on('message')`,
 * `on('close')`, `close`). With `ws` installed, the server side is unchanged:
 *
 * ```ts
 * const wss = new WebSocketServer({ server: httpServer, path: '/shell' });
 * wss.on('connection', (socket, request) => attachShell(socket, userOf(request)));
 * ```
 *
 * and the browser side is xterm.js: `term.onData((d) => ws.send(d))`,
 * `term.onResize(({ rows, cols }) => ws.send(JSON.stringify({ type: 'resize', rows, cols })))`,
 * `ws.onmessage = (e) => term.write(new Uint8Array(e.data))`.
 *
 * Needs the test cluster's sshd (scripts/slurm-cluster/up.sh); run it with
 * `npx tsx --conditions=@hpckit/source examples/web-shell.ts`.
 */
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { sshTransport } from '@hpckit/adapter-slurm';
import { openShell } from '@hpckit/remote';

/** The part of a `ws` WebSocket the bridge uses. */
interface MessageSocket {
  send(data: string | Uint8Array): void;
  on(event: 'message', listener: (data: Buffer | string) => void): this;
  on(event: 'close', listener: () => void): this;
  close(): void;
}

const state = process.env.SLURM_LOCAL_STATE ?? '/var/lib/slurm-local';
const keyOf = (user: string) => join(state, 'ssh', `${user}_ed25519`);
const transport = sshTransport({
  host: '127.0.0.1',
  port: Number(process.env.SLURM_LOCAL_SSH_PORT ?? 2222),
  credentials: { username: 'alice', privateKeyPath: keyOf('alice') },
  actAs: { mode: 'credentials' },
  userCredentials: (user) => ({ username: user, privateKeyPath: keyOf(user) }),
  hostKey: { knownHosts: [join(state, 'ssh', 'known_hosts')] },
});

/**
 * Server side: one PTY per websocket. Text frames starting with `{` are control messages (the
 * first one may carry the size and directory); everything else is keystrokes.
 */
async function attachShell(
  socket: MessageSocket,
  user: string,
  first: { rows: number; cols: number; cwd?: string },
) {
  const shell = await openShell({ transport, user, rows: first.rows, cols: first.cols, cwd: first.cwd });
  shell.output.on('data', (bytes: Buffer) => socket.send(bytes));
  socket.on('message', (data) => {
    const text = data.toString();
    if (text.startsWith('{"type":')) {
      const message = JSON.parse(text) as { type: string; rows?: number; cols?: number };
      if (message.type === 'resize' && message.rows && message.cols) shell.resize(message.rows, message.cols);
      return;
    }
    shell.write(data);
  });
  // Browser tab closed: hang up the shell. Shell exited: close the socket.
  socket.on('close', () => void shell.close());
  void shell.exited.then((exit) => {
    socket.send(`\r\n[shell exited: ${exit.signal ?? exit.code}]\r\n`);
    socket.close();
  });
}

/** An in-process websocket: two connected ends, messages delivered asynchronously like a network. */
function socketPair(): [MessageSocket, MessageSocket] {
  const make = (): MessageSocket & { peer?: EventEmitter & MessageSocket } => {
    const end = new EventEmitter() as EventEmitter & MessageSocket & { peer?: EventEmitter & MessageSocket };
    end.send = (data) => setImmediate(() => end.peer?.emit('message', Buffer.from(data)));
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
  a.peer = b as never;
  b.peer = a as never;
  return [a, b];
}

// The "browser": xterm.js would render these bytes; here they go to our stdout.
const [browser, server] = socketPair();
let screen = '';
browser.on('message', (bytes) => {
  screen += bytes.toString();
  process.stdout.write(bytes);
});
await attachShell(server, 'alice', { rows: 24, cols: 80 });

const typed = (text: string) => browser.send(text);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
typed('echo "hello from $(whoami) on $(hostname)"; stty size\n');
await sleep(500);
browser.send(JSON.stringify({ type: 'resize', rows: 50, cols: 132 }));
await sleep(100);
typed('stty size; exit\n');
await new Promise<void>((resolve) => browser.on('close', resolve));
await transport.close();
console.log(`\n\nthe terminal saw the resize: ${/50 132/.test(screen)}`);
