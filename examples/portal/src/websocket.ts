import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { signedInUser } from './session.js';

/** An upgrade request that passed the portal's checks: its socket is the route's to answer. */
export interface Upgrade {
  request: IncomingMessage;
  socket: Duplex;
  head: Buffer;
  /** The request's URL (its query is the route's to check). */
  url: URL;
  /** The signed-in cluster user (from the signed session cookie). */
  user: string;
}

/** A route's upgrade handler; a throw or a rejection refuses the upgrade with a 500. */
export type UpgradeRoute = (upgrade: Upgrade) => void | Promise<void>;

/** Options of {@link upgradeDispatcher}. */
export interface UpgradeDispatcherOptions {
  /** Signs the session cookie (the portal's `secret`). */
  secret: string;
  /**
   * The portal's origin as browsers see it (`https://portal.example.org` behind a TLS proxy).
   * @default `http://` and the request's Host header, as `hono/csrf` judges the portal's forms
   */
  origin?: string;
}

/** Routes WebSocket upgrades by path, after the checks every route needs. */
export interface UpgradeDispatcher {
  /** Handles `path` exactly, or every path under it when it ends with `/`. */
  route(path: string, handler: UpgradeRoute): void;
  /** The node server's `upgrade` listener: `server.on('upgrade', upgrades.handle)`. */
  handle(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Ends every upgraded connection (so the server can close). */
  close(): void;
}

/**
 * Answers an upgrade request with a plain HTTP error instead of switching protocols, and hangs up:
 * the browser's WebSocket fails to open and nothing reached the route.
 */
export function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  const body = Buffer.from(`${text}\n`);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nConnection: close\r\n` +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
  );
}

/**
 * The portal's WebSocket upgrades. A browser sends cookies with a WebSocket handshake from any
 * site, and neither the same-origin policy nor CORS applies to it: a page elsewhere could open the
 * user's shell (cross-site WebSocket hijacking). So before any route sees a request, it must come
 * from the portal's own pages (`Origin` equal to the portal's origin; a missing one is refused too,
 * since every browser sends it) and carry a valid signed session; otherwise 403, before the upgrade.
 * An unknown path is a 404.
 */
export function upgradeDispatcher(options: UpgradeDispatcherOptions): UpgradeDispatcher {
  const routes: [string, UpgradeRoute][] = [];
  const live = new Set<Duplex>();
  const matches = (path: string, pathname: string) =>
    path.endsWith('/') ? pathname.startsWith(path) : pathname === path;

  const dispatch = async (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const host = request.headers.host ?? '';
    const origin = options.origin ?? `http://${host}`;
    const url = new URL(request.url ?? '/', origin);
    const route = routes.find(([path]) => matches(path, url.pathname))?.[1];
    if (!route) return refuseUpgrade(socket, 404, 'Not Found');
    if (request.headers.origin !== origin) {
      return refuseUpgrade(
        socket,
        403,
        'Forbidden: a WebSocket of this portal opens from its own pages only.',
      );
    }
    const user = await signedInUser(request.headers.cookie, options.secret);
    if (!user) return refuseUpgrade(socket, 403, 'Forbidden: sign in first.');
    live.add(socket);
    socket.once('close', () => live.delete(socket));
    await route({ request, socket, head, url, user });
  };

  return {
    route(path, handler) {
      routes.push([path, handler]);
    },
    handle(request, socket, head) {
      // A socket error (the browser gone) must not crash the server.
      socket.on('error', () => socket.destroy());
      dispatch(request, socket, head).catch((err: unknown) => {
        process.stderr.write(`portal: upgrade of ${request.url} failed: ${(err as Error)?.stack ?? err}\n`);
        if (socket.writable) refuseUpgrade(socket, 500, 'Internal error');
      });
    },
    close() {
      for (const socket of live) socket.destroy();
      live.clear();
    },
  };
}
