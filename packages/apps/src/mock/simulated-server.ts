import { appRules } from '../errors/app-rules.js';
import { randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AppPortRange, AppPortRangeSchema, InternalError, parseInput } from '@hpckit/core';
import { BasePathSchema } from '../session/base-path.js';

/** An in-process HTTP server that behaves like a token-protected Jupyter server. */
export interface SimulatedServer {
  readonly port: number;
  /** Requests served so far. */
  readonly requests: number;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/**
 * Starts a simulated app server on 127.0.0.1, on a free port in `portRange` (as a session's job
 * picks one, so the sessions' checks accept it): `GET /api` answers without credentials (as
 * Jupyter's does), every other path needs the token as `?token=`, as `Authorization: token …` or
 * `Bearer …`, and answers 403 otherwise. `/api/status` returns JSON. With `basePath` (a session's
 * path behind a portal's proxy, as Jupyter's `base_url`) every path is under it, anything else 404;
 * its page links `<basePath>api/status`.
 *
 * @throws `VALIDATION` for a bad range; `INTERNAL` when no port of the range is free.
 */
export async function startSimulatedServer(
  token: string,
  options: { portRange?: AppPortRange; basePath?: string } = {},
): Promise<SimulatedServer> {
  const base = parseInput(
    BasePathSchema,
    options.basePath ?? '/',
    appRules.subject('simulated_server_options'),
    ['options', 'basePath'],
  );
  const range = parseInput(
    AppPortRangeSchema,
    options.portRange ?? { min: 20_000, max: 59_999 },
    appRules.subject('simulated_server_options'),
    ['options', 'portRange'],
  );
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (!url.pathname.startsWith(base)) return json(404, { message: 'Not Found' });
    const path = `/${url.pathname.slice(base.length)}`;
    if (path === '/api') return json(200, { version: 'simulated' });
    if (!authorised(req, url, token)) return json(403, { message: 'Forbidden' });
    if (path === '/api/status')
      return json(200, { started: new Date().toISOString(), kernels: 0, connections: 0 });
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(
      `<!doctype html><title>simulated app</title><h1 id="simulated-app">simulated app</h1><a id="status" href="${base}api/status">status</a>`,
    );
  });
  server.keepAliveTimeout = 100;
  await listenInRange(server, range);
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

// Random ports, as the session script picks them; a taken one is tried again elsewhere.
async function listenInRange(server: Server, { min, max }: AppPortRange): Promise<void> {
  const tries = Math.min(100, max - min + 1);
  for (let i = 0; i < tries; i++) {
    const port = randomInt(min, max + 1);
    const listening = await new Promise<boolean>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) =>
        err.code === 'EADDRINUSE' || err.code === 'EACCES' ? resolve(false) : reject(err);
      server.once('error', onError);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', onError);
        resolve(true);
      });
    });
    if (listening) return;
  }
  throw new InternalError({
    details: { operation: 'start a simulated app server' },
    ...appRules.errorText('no_free_port', { value: `${min}-${max}`, count: tries }),
  });
}

function authorised(req: IncomingMessage, url: URL, token: string): boolean {
  if (url.searchParams.get('token') === token) return true;
  const header = req.headers.authorization ?? '';
  const match = /^(?:token|bearer)\s+(.+)$/i.exec(header);
  return match?.[1] === token;
}
