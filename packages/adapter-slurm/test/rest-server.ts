/**
 * A stand-in slurmrestd for unit tests: a real HTTP server on loopback answering with recorded
 * responses (test/fixtures/rest), one handler set per plugin version. msw is not installed in this
 * workspace; a server on a socket also lets tests drop connections and restart the daemon.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const FIXTURES = join(import.meta.dirname, 'fixtures/rest');

/** A recorded answer: `release/file.json`, e.g. `22.05/v0.0.38-job-completed.json`. */
export const recorded = (file: string): unknown => JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'));

/** What a handler answers: a status and body, a dropped connection, or an answer after a delay. */
export type Answer = { status?: number; body: unknown; delayMs?: number } | 'drop';

/** One request as the server saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** Routes `METHOD path` (exact, query included) to answers. */
export type Routes = Record<string, Answer | ((req: SeenRequest) => Answer)>;

/** The OpenAPI listing of a slurmrestd serving `versions`. */
export function openapiOf(versions: string[]): Answer {
  const paths: Record<string, object> = { '/openapi': {} };
  for (const v of versions) paths[`/slurm/${v}/ping`] = {};
  return { body: { paths } };
}

/** A ping answer of `release`. */
export const ping = (release: string): Answer => ({ body: { meta: { Slurm: { release } }, errors: [] } });

/** Starts the server; `restart()` closes it and listens again on the same port. */
export async function fakeRestd(routes: Routes) {
  const seen: SeenRequest[] = [];
  let server: Server;
  const listen = (port = 0) =>
    new Promise<number>((resolve) => {
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => {
          body += c;
        });
        req.on('end', () => {
          const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
          seen.push(request);
          const route = routes[`${request.method} ${request.path}`];
          const answer = typeof route === 'function' ? route(request) : route;
          if (answer === undefined) {
            res.writeHead(404).end('Unable to find request handler');
            return;
          }
          if (answer === 'drop') {
            req.socket.destroy();
            return;
          }
          const send = () =>
            res
              .writeHead(answer.status ?? 200, { 'Content-Type': 'application/json' })
              .end(JSON.stringify(answer.body));
          if (answer.delayMs) setTimeout(send, answer.delayMs).unref();
          else send();
        });
      });
      server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
  const port = await listen();
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close,
    async restart(downMs: number) {
      await close();
      await new Promise((r) => setTimeout(r, downMs));
      await listen(port);
    },
  };
}
