import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An in-process HTTP server that behaves like a token-protected Jupyter server. */
export interface SimulatedServer {
  readonly port: number;
  /** Requests served so far. */
  readonly requests: number;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/**
 * Starts a simulated app server on 127.0.0.1 (a free port): `GET /api` answers without
 * credentials (as Jupyter's does), every other path needs the token as `?token=`, as
 * `Authorization: token …` or `Bearer …`, and answers 403 otherwise. `/api/status` returns JSON.
 */
export async function startSimulatedServer(token: string): Promise<SimulatedServer> {
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/api') return json(200, { version: 'simulated' });
    if (!authorised(req, url, token)) return json(403, { message: 'Forbidden' });
    if (url.pathname === '/api/status')
      return json(200, { started: new Date().toISOString(), kernels: 0, connections: 0 });
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>simulated app</title>');
  });
  server.keepAliveTimeout = 100;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function authorised(req: IncomingMessage, url: URL, token: string): boolean {
  if (url.searchParams.get('token') === token) return true;
  const header = req.headers.authorization ?? '';
  const match = /^(?:token|bearer)\s+(.+)$/i.exec(header);
  return match?.[1] === token;
}
