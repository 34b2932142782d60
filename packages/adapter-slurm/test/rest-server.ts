/**
 * A slurmrestd on a real socket, for what msw cannot show: the wire itself (a connection reset
 * mid-answer, a port that refuses connections while the daemon restarts). Routes as in
 * rest-handlers.ts, whose msw handlers serve every other unit test.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Routes } from './rest-handlers.js';

/**
 * Starts the server on loopback, or on the UNIX socket `socketPath`; `restart(downMs)` closes it
 * and listens again on the same port.
 */
export async function restdOnSocket(routes: Routes, socketPath?: string) {
  const seen: { path: string; headers: Record<string, unknown> }[] = [];
  let server: Server;
  const listen = (port = 0) =>
    new Promise<number>((resolve) => {
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => {
          body += c;
        });
        req.on('end', () => {
          const path = req.url ?? '';
          seen.push({ path, headers: req.headers });
          const request = { method: req.method ?? '', path, headers: new Headers(), body };
          const route =
            routes[`${request.method} ${path}`] ?? routes[`${request.method} ${path.split('?')[0]}`];
          const answer = typeof route === 'function' ? route(request) : route;
          if (answer === undefined) res.writeHead(404).end('Unable to find request handler');
          else if (answer === 'drop') req.socket.destroy();
          else
            res
              .writeHead(answer.status ?? 200, { 'Content-Type': 'application/json' })
              .end(JSON.stringify(answer.body));
        });
      });
      if (socketPath !== undefined) server.listen(socketPath, () => resolve(0));
      else server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
  const port = await listen();
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    url: socketPath === undefined ? `http://127.0.0.1:${port}` : `unix:${socketPath}`,
    seen,
    close,
    async restart(downMs: number) {
      await close();
      await new Promise((r) => setTimeout(r, downMs));
      await listen(port);
    },
  };
}
