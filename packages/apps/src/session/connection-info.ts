import type { App } from '@hpckit/core';
import { underBasePath } from './base-path.js';
import type { ConnectionFile } from './connection-file.js';
import { upstreamOrigin } from './upstream-origin.js';
import { upstreamUrl } from './upstream-url.js';

/** How a portal's proxy reaches a session's server and authenticates to it. */
export interface ConnectionInfo {
  /** The host the connection file names (the node's `hostname`). */
  host: string;
  port: number;
  /**
   * Where the proxy connects: `host`, or the IP address it resolved to when the scheduler does
   * not name the node so (see `AppSessionsOptions.allowUpstream`).
   */
  address: string;
  /** `http://address:port` of the server, for the proxy's upstream. */
  origin: string;
  /** Where to send the user: origin, path and query with placeholders filled. */
  url: string;
  method: 'GET' | 'POST';
  /** Form fields to POST (a login form), placeholders filled. */
  form?: Record<string, string>;
  /** Headers the proxy adds to upstream requests, placeholders filled. */
  headers: Record<string, string>;
  /** The one-time secret (token or password) of the session. */
  password: string;
}

/** Replaces `{{password}}`, `{{port}}`, `{{host}}` and `{{session}}` in a template. */
export function fillPlaceholders(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*([a-z]+)\s*\}\}/g, (whole, key: string) => values[key] ?? whole);
}

/**
 * Builds the connection info of a session from its app and connection file, connecting to
 * `address` (default: the host), its `url` under `basePath` (the session's path behind a portal's
 * proxy, default `/`). It checks only that host and address are what a URL keeps as they are;
 * `AppSessions.connection` and `waitReady` also check that they are the job's.
 *
 * @throws `PARSE` for a host or address a URL would read differently (`a b`, `::1]:22/x#`).
 */
export function connectionInfo(
  app: App,
  sessionId: string,
  conn: Pick<ConnectionFile, 'host' | 'port' | 'secret'> & { address?: string },
  basePath = '/',
): ConnectionInfo {
  const values = { password: conn.secret, port: String(conn.port), host: conn.host, session: sessionId };
  const fill = (record: Record<string, string> | undefined) =>
    Object.fromEntries(Object.entries(record ?? {}).map(([k, v]) => [k, fillPlaceholders(v, values)]));
  upstreamOrigin(conn.host, conn.port);
  const address = conn.address ?? conn.host;
  const origin = upstreamOrigin(address, conn.port, 'the address');
  const url = upstreamUrl({ origin }, underBasePath(basePath, fillPlaceholders(app.connect.path, values)));
  for (const [k, v] of Object.entries(fill(app.connect.query))) url.searchParams.set(k, v);
  return {
    host: conn.host,
    port: conn.port,
    address,
    origin,
    url: url.toString(),
    method: app.connect.method,
    ...(app.connect.form && { form: fill(app.connect.form) }),
    headers: fill(app.connect.headers),
    password: conn.secret,
  };
}
