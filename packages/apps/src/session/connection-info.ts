import type { App } from '@hpckit/core';
import type { ConnectionFile } from './connection-file.js';

/** How a portal's proxy reaches a session's server and authenticates to it. */
export interface ConnectionInfo {
  host: string;
  port: number;
  /** `http://host:port` of the server, for the proxy's upstream. */
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

/** Builds the connection info of a session from its app and connection file. */
export function connectionInfo(app: App, sessionId: string, conn: ConnectionFile): ConnectionInfo {
  const values = { password: conn.secret, port: String(conn.port), host: conn.host, session: sessionId };
  const fill = (record: Record<string, string> | undefined) =>
    Object.fromEntries(Object.entries(record ?? {}).map(([k, v]) => [k, fillPlaceholders(v, values)]));
  const origin = `http://${conn.host.includes(':') ? `[${conn.host}]` : conn.host}:${conn.port}`;
  const url = new URL(fillPlaceholders(app.connect.path, values), origin);
  for (const [k, v] of Object.entries(fill(app.connect.query))) url.searchParams.set(k, v);
  return {
    host: conn.host,
    port: conn.port,
    origin,
    url: url.toString(),
    method: app.connect.method,
    ...(app.connect.form && { form: fill(app.connect.form) }),
    headers: fill(app.connect.headers),
    password: conn.secret,
  };
}
