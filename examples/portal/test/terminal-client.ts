import { expect } from 'vitest';
import WebSocket from 'ws';

/** What a browser would see of the portal's terminal socket, through a `ws` client. */
export interface TerminalClient {
  /** Everything written to the terminal (binary frames), as text. */
  screen(): string;
  /** The control messages received (text frames). */
  controls: Record<string, unknown>[];
  /** Sends keystrokes (a binary frame). */
  type(keys: string): void;
  /** Sends a text frame (a control message, or something that pretends to be one). */
  control(text: string): void;
  /** Waits until the screen matches `pattern`; returns the screen. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Settles when the server closed the socket. */
  closed: Promise<void>;
  close(): void;
}

/** How an upgrade was refused: the HTTP status and body the server answered instead. */
export interface Refusal {
  status: number;
  body: string;
}

/**
 * Opens `url` (ws://…) with the given headers, as a browser's WebSocket would (its `Origin`, its
 * cookies): the open terminal, or the refusal when the server answered without upgrading.
 */
export function openTerminal(
  url: string,
  headers: { origin?: string; cookie?: string },
): Promise<TerminalClient | Refusal> {
  const ws = new WebSocket(url, {
    headers: { ...(headers.cookie && { cookie: headers.cookie }) },
    ...(headers.origin && { origin: headers.origin }),
  });
  let screen = '';
  const controls: Record<string, unknown>[] = [];
  ws.on('message', (data: Buffer, isBinary) => {
    if (isBinary) screen += data.toString('utf8');
    else controls.push(JSON.parse(data.toString('utf8')) as Record<string, unknown>);
  });
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.once('error', (err) => reject(err));
    ws.once('open', () =>
      resolve({
        screen: () => screen,
        controls,
        type: (keys) => ws.send(Buffer.from(keys), { binary: true }),
        control: (text) => ws.send(text, { binary: false }),
        async waitFor(pattern, timeoutMs = 5000) {
          await expect.poll(() => screen, { timeout: timeoutMs, interval: 10 }).toMatch(pattern);
          return screen;
        },
        closed,
        close: () => ws.close(),
      }),
    );
  });
}

/** The terminal, failing the test when the upgrade was refused. */
export function opened(result: TerminalClient | Refusal): TerminalClient {
  if ('status' in result) throw new Error(`the upgrade was refused: ${result.status} ${result.body}`);
  return result;
}
