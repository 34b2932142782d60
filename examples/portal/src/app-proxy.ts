import { type ConnectionInfo, downstreamHeaders, upstreamHeaders, upstreamUrl } from '@hpckit/apps';
import { isEnded, isHpckitError } from '@hpckit/core';
import type { Context, Handler } from 'hono';
import { proxy } from 'hono/proxy';
import type { PortalServices } from './services.js';
import { PORTAL_COOKIES, signedInUser } from './session.js';

/**
 * Where a session's server is reached through the portal. The path is forwarded as it is (not
 * stripped): the session's server is told it as its base URL (`basePath` of `createAppSessions`,
 * Jupyter's `base_url`), so the links of its pages stay under it.
 */
export const APP_BASE_PATH = '/apps/{{session}}/proxy/';

// A session id is 16 hex digits (`createAppSessions`); anything else is no session.
const PROXIED = /^\/apps\/([0-9a-f]{16})\/proxy(\/.*)?$/;

/** A proxied request's target: its session, and the path and query to forward. */
export interface ProxyTarget {
  session: string;
  /** Path and query, under `/apps/<session>/proxy/`. */
  target: string;
}

/**
 * Reads a proxied request's URL as a URL parser does (`..` and `%2e%2e` segments resolved, `\` as
 * `/`), so the path checked is the path forwarded: undefined unless it lies under a session's
 * proxy path. An encoded `/` or `\` is refused too: a server that decoded it would see a `..`
 * segment that nothing here resolved.
 */
export function proxyTarget(rawUrl: string): ProxyTarget | undefined {
  let url: URL;
  try {
    url = new URL(rawUrl, 'http://portal.invalid');
  } catch {
    return undefined;
  }
  const match = PROXIED.exec(url.pathname);
  if (!match || /%(?:2f|5c)/i.test(url.pathname)) return undefined;
  return { session: match[1]!, target: `${url.pathname}${url.search}` };
}

/** Why a proxied request is not forwarded: an HTTP status and a line of text. */
export interface Refusal {
  status: 400 | 401 | 403 | 404 | 410 | 502 | 503;
  text: string;
}

/** What {@link resolveUpstream} found: the session's verified upstream, or why there is none. */
export type Resolved = { connection: ConnectionInfo; user: string } | { refused: Refusal };

const refused = (status: Refusal['status'], text: string): Resolved => ({ refused: { status, text } });

/** Options of the proxy (HTTP and WebSocket). */
export interface AppProxyOptions {
  /**
   * How long a session's checked upstream is reused for the same user and session, in ms: each
   * check asks the scheduler and reads the session's connection file. Cancelling through the
   * portal forgets it at once. @default 2000
   */
  cacheMs?: number;
}

/**
 * Finds the signed-in user's running session and its upstream, checked by the SDK: the session
 * must be one of the user's (`apps(user).get`: another user's is unknown, 404), running (ended:
 * 410), and its connection file must pass the SDK's checks (its job, one of the job's nodes, the
 * app's port range, the site's `allowUpstream`; else 502). Nothing here reads a host or port from
 * the request.
 */
export function upstreamResolver(s: Pick<PortalServices, 'apps' | 'secret'>, options: AppProxyOptions = {}) {
  const cacheMs = options.cacheMs ?? 2000;
  const cache = new Map<string, { connection: ConnectionInfo; until: number }>();
  const resolve = async (cookie: string | undefined, session: string): Promise<Resolved> => {
    const user = await signedInUser(cookie, s.secret);
    if (!user) return refused(401, 'Sign in to the portal first.');
    const key = `${user}\n${session}`;
    const hit = cache.get(key);
    if (hit && hit.until > Date.now()) return { connection: hit.connection, user };
    cache.delete(key);
    const sessions = s.apps(user);
    // Another user's session is not among this user's: unknown, like an id that never was.
    const found = await sessions.get(session).catch((err: unknown) => {
      if (isHpckitError(err, 'NOT_FOUND')) return undefined;
      throw err;
    });
    if (!found) return refused(404, 'No such app session.');
    if (isEnded(found.state) || found.state.phase === 'completing')
      return refused(410, 'This app session has ended.');
    try {
      const connection = await sessions.connection(found);
      cache.set(key, { connection, until: Date.now() + cacheMs });
      return { connection, user };
    } catch (err) {
      // Queued, or running before its server wrote where it listens.
      if (isHpckitError(err, 'NOT_FOUND'))
        return refused(503, 'The app is not running yet: wait on its session page.');
      if (isHpckitError(err, 'INTERNAL')) return refused(410, 'This app session has ended.');
      // The connection file names another host, port or job: never connected to.
      if (isHpckitError(err, 'PERMISSION_DENIED') || isHpckitError(err, 'PARSE'))
        return refused(
          502,
          "The session's server is not where its job runs: the portal will not connect to it.",
        );
      throw err;
    }
  };
  return {
    resolve,
    /** Forgets a session's checked upstream (it was cancelled). */
    forget(session: string) {
      for (const key of cache.keys()) if (key.endsWith(`\n${session}`)) cache.delete(key);
    },
  };
}

/** The resolver the HTTP and WebSocket proxies share. */
export type UpstreamResolver = ReturnType<typeof upstreamResolver>;

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The HTTP side of the proxy, for `app.all('/apps/:session/proxy/*')`, registered before the
 * portal's own middleware (its CSP and CSRF token are the portal's pages', not the app's): every
 * method, bodies streamed both ways, to the session's verified upstream only, with the portal's
 * cookies and credentials stripped going up (`upstreamHeaders`) and the portal's cookie names
 * dropped coming down (`downstreamHeaders`). A state-changing request must come from the portal's
 * own pages (its `Origin`), as the proxy adds the session's token, which a cross-site form must
 * not borrow.
 */
export function appProxyHandler(resolver: UpstreamResolver): Handler {
  return async (c: Context) => {
    const req = c.req.raw;
    const portalOrigin = new URL(req.url).origin;
    const parsed = proxyTarget(req.url);
    if (!parsed) return c.text('Bad request: not a path of an app session.', 400);
    if (!SAFE.has(req.method) && req.headers.get('origin') !== portalOrigin)
      return c.text("Forbidden: the request did not come from the portal's pages.", 403);
    const found = await resolver.resolve(req.headers.get('cookie') ?? undefined, parsed.session);
    if ('refused' in found) {
      if (found.refused.status === 401 && req.method === 'GET') return c.redirect('/signin');
      return c.text(found.refused.text, found.refused.status);
    }
    const { connection } = found;
    const res = await proxy(upstreamUrl(connection, parsed.target), {
      method: req.method,
      // The portal checked the Origin; Jupyter compares it with its own Host.
      headers: upstreamHeaders(req.headers, connection, { origin: connection.origin }),
      ...(req.body && { body: req.body, duplex: 'half' }),
      redirect: 'manual',
      signal: req.signal,
    });
    return new Response(res.body, {
      status: res.status,
      statusText: res.statusText,
      headers: downstreamHeaders(res.headers, connection, { portalCookies: [...PORTAL_COOKIES] }),
    });
  };
}
