import { parseInput } from '@hpckit/core';
import { z } from 'zod';
import { appRules } from '../errors/app-rules.js';
import type { ConnectionInfo } from './connection-info.js';
import { hopByHop } from './hop-by-hop.js';

/** Options of {@link downstreamHeaders}. */
export const DownstreamHeadersOptionsSchema = z.strictObject({
  /**
   * The portal's own cookie names (its session, its CSRF token, its language): a `Set-Cookie` of
   * the session's server for one of them is dropped, since on the portal's origin it would
   * replace the portal's own. @default []
   */
  portalCookies: z
    .array(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { error: appRules.error('not_a_cookie_name') }))
    .default([]),
});

/** Options of {@link downstreamHeaders}, as given. */
export type DownstreamHeadersOptions = z.input<typeof DownstreamHeadersOptionsSchema>;

/**
 * The headers a reverse proxy returns to the browser for a response of a session's server: without
 * hop-by-hop headers (`Connection` and the ones it names), without a `Set-Cookie` for one of the
 * portal's own cookie names (the app runs on the portal's origin, so its cookie would replace the
 * portal's session or CSRF token), and with a `Location` on the server's `origin` made a path (the
 * browser cannot reach the node; the path comes back through the proxy).
 *
 * @throws `VALIDATION` for malformed options.
 * @example
 * ```ts
 * declare const connection: ConnectionInfo; // sessions.connection(session), checked by the SDK
 * const res = await fetch(upstreamUrl(connection, req.url ?? '/'), {
 *   headers: upstreamHeaders(req.headers, connection),
 *   redirect: 'manual',
 * });
 * const headers = downstreamHeaders(res.headers, connection, { portalCookies: ['portal_session'] });
 * ```
 */
export function downstreamHeaders(
  incoming: Headers,
  connection: Pick<ConnectionInfo, 'origin'>,
  options: DownstreamHeadersOptions = {},
): Headers {
  const o = parseInput(
    DownstreamHeadersOptionsSchema,
    options,
    appRules.subject('downstream_headers_options'),
    ['options'],
  );
  const out = new Headers(incoming);
  for (const name of hopByHop(incoming.get('connection') ?? undefined)) out.delete(name);
  const portal = new Set(o.portalCookies.map((n) => n.toLowerCase()));
  out.delete('set-cookie');
  for (const cookie of incoming.getSetCookie()) {
    const name = cookie
      .slice(0, Math.max(0, cookie.indexOf('=')))
      .trim()
      .toLowerCase();
    if (!portal.has(name)) out.append('set-cookie', cookie);
  }
  const location = incoming.get('location');
  // Only an absolute one: a relative Location is resolved by the browser against the proxied path.
  if (location && /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(location)) {
    let url: URL | undefined;
    try {
      url = new URL(location, connection.origin);
    } catch {
      url = undefined;
    }
    if (url?.origin === connection.origin) out.set('location', `${url.pathname}${url.search}${url.hash}`);
  }
  return out;
}
