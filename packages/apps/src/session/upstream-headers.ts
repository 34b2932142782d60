import { parseInput } from '@hpckit/core';
import { z } from 'zod';
import type { ConnectionInfo } from './connection-info.js';
import { appRules } from '../errors/app-rules.js';
import { hopByHop } from './hop-by-hop.js';

/** Request headers as Node's `IncomingMessage.headers` or fetch's `Headers` hold them. */
export type IncomingHeaders = Headers | Record<string, string | string[] | undefined>;

/** Options of {@link upstreamHeaders}. */
export const UpstreamHeadersOptionsSchema = z.strictObject({
  /**
   * Browser cookies that belong to the app (its own session cookie, say), by name; every other
   * cookie, the portal's among them, is dropped. @default none
   */
  keepCookie: z
    .custom<(name: string) => boolean>((v) => typeof v === 'function', {
      error: appRules.error('not_a_function'),
    })
    .optional(),
  /**
   * The `Origin` to send instead of the browser's, when the request has one: the server's own
   * `connection.origin`, for a server that compares `Origin` with its `Host` (Jupyter refuses API
   * calls and WebSockets otherwise). Only for a proxy that has checked the browser's `Origin` is
   * the portal's. @default the browser's, unchanged
   */
  origin: z.string().optional(),
  /** More headers that carry the portal's credentials (e.g. `X-Api-Key`), dropped too. @default [] */
  drop: z
    .array(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { error: appRules.error('not_a_header_name') }))
    .default([]),
});

/** Options of {@link upstreamHeaders}, as given. */
export type UpstreamHeadersOptions = z.input<typeof UpstreamHeadersOptionsSchema>;

// The portal's credentials: the browser sends them to the portal, never meant for the app.
const CREDENTIALS = ['authorization', 'proxy-authorization', 'cookie'];

/**
 * The headers a reverse proxy sends to a session's server for one browser request: the request's
 * own headers without the portal's credentials (`Authorization`, `Proxy-Authorization`, the
 * portal's cookies) and hop-by-hop headers (`Connection` and the ones it names, `Keep-Alive`,
 * `TE`, `Trailer`, `Transfer-Encoding`, `Upgrade`, `Host`), plus the session's
 * `connection.headers` (its token), which win. Names come out lower case.
 *
 * @throws `VALIDATION` for malformed options.
 * @example
 * ```ts
 * const connection = await sessions.connection(session);
 * const upstream = await fetch(upstreamUrl(connection, req.url ?? '/'), {
 *   method: req.method,
 *   headers: upstreamHeaders(req.headers, connection),
 *   redirect: 'manual',
 * });
 * ```
 */
export function upstreamHeaders(
  incoming: IncomingHeaders,
  connection: Pick<ConnectionInfo, 'headers'>,
  options: UpstreamHeadersOptions = {},
): Record<string, string> {
  const o = parseInput(UpstreamHeadersOptionsSchema, options, appRules.subject('upstream_headers_options'), [
    'options',
  ]);
  const entries: [string, string][] =
    incoming instanceof Headers
      ? [...incoming.entries()]
      : Object.entries(incoming).flatMap(([k, v]): [string, string][] =>
          v === undefined
            ? []
            : [[k, Array.isArray(v) ? v.join(k.toLowerCase() === 'cookie' ? '; ' : ', ') : v]],
        );
  const connectionHeader = entries.find(([k]) => k.toLowerCase() === 'connection')?.[1];
  // Host too: the client library sets the upstream's.
  const dropped = new Set([
    ...CREDENTIALS,
    ...hopByHop(connectionHeader),
    'host',
    ...o.drop.map((d) => d.toLowerCase()),
  ]);
  const out: Record<string, string> = {};
  for (const [key, value] of entries) {
    const name = key.toLowerCase();
    if (name === 'cookie' && o.keepCookie) {
      const kept = keptCookies(value, o.keepCookie);
      if (kept) out.cookie = out.cookie ? `${out.cookie}; ${kept}` : kept;
    } else if (!dropped.has(name)) {
      out[name] = out[name] === undefined ? value : `${out[name]}, ${value}`;
    }
  }
  if (o.origin !== undefined && out.origin !== undefined) out.origin = o.origin;
  for (const [key, value] of Object.entries(connection.headers)) out[key.toLowerCase()] = value;
  return out;
}

function keptCookies(header: string, keep: (name: string) => boolean): string {
  return header
    .split(';')
    .map((c) => c.trim())
    .filter((c) => {
      const eq = c.indexOf('=');
      return c !== '' && keep((eq === -1 ? c : c.slice(0, eq)).trim());
    })
    .join('; ');
}
