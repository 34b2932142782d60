/**
 * A slurmrestd for unit tests, in msw: one handler builder that serves the recorded answers
 * (test/fixtures/rest) of whichever plugin versions a test names, plus Slurm's error answers,
 * slow answers, dropped answers and a daemon that restarts. The wire itself (a socket reset, a
 * refused connection) is proven against a real server in rest-wire.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { delay, HttpResponse, http } from 'msw';

const FIXTURES = join(import.meta.dirname, 'fixtures/rest');

/** The address the mocked slurmrestd answers on. */
export const RESTD_URL = 'http://slurmrestd.test:6820';

/** A recorded answer: `release/file.json`, e.g. `22.05/v0.0.38-job-completed.json`. */
export const recorded = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'));

/** What a route answers: a status and body (after a delay), or a dropped answer. */
export type Answer = { status?: number; body: unknown; delayMs?: number } | 'drop';

/** One request as the daemon saw it. */
export interface SeenRequest {
  method: string;
  /** Path and query. */
  path: string;
  headers: Headers;
  body: string;
}

/**
 * Routes `METHOD path`: the path with its query first, then without it (a listing's
 * `start_time=now-…` changes with the clock).
 */
export type Routes = Record<string, Answer | ((req: SeenRequest) => Answer)>;

/** A recorded answer as a route. */
export const json = (file: string, status = 200): Answer => ({ status, body: recorded(file) });

/** The discovery routes of a slurmrestd of `release` serving `versions`: `/openapi` and pings. */
export function served(versions: readonly string[], release: string): Routes {
  const paths: Record<string, object> = { '/openapi': {} };
  for (const v of versions) paths[`/slurm/${v}/ping`] = {};
  const routes: Routes = { 'GET /openapi': { body: { paths } } };
  for (const v of versions) {
    routes[`GET /slurm/${v}/ping`] = { body: { meta: { Slurm: { release } }, errors: [] } };
  }
  return routes;
}

/**
 * The msw handler of one slurmrestd and what it saw. `restart(downMs)` makes every request fail
 * as a dropped connection for `downMs`, as a daemon restarting does, then answer again.
 */
export function slurmrestd(routes: Routes) {
  const seen: SeenRequest[] = [];
  let downUntil = 0;
  const handler = http.all(`${RESTD_URL}/*`, async ({ request }) => {
    const url = new URL(request.url);
    const req = {
      method: request.method,
      path: url.pathname + url.search,
      headers: request.headers,
      body: await request.text(),
    };
    seen.push(req);
    if (Date.now() < downUntil) return HttpResponse.error();
    const route = routes[`${req.method} ${req.path}`] ?? routes[`${req.method} ${url.pathname}`];
    const answer = typeof route === 'function' ? route(req) : route;
    if (answer === undefined) return new HttpResponse('Unable to find request handler', { status: 404 });
    if (answer === 'drop') return HttpResponse.error();
    if (answer.delayMs) await delay(answer.delayMs);
    return HttpResponse.json(answer.body as never, { status: answer.status ?? 200 });
  });
  return {
    handler,
    seen,
    restart(downMs: number) {
      downUntil = Date.now() + downMs;
    },
  };
}
