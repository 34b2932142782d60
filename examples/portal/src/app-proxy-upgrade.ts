import { type IncomingMessage, request as httpRequest } from 'node:http';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { upstreamHeaders, upstreamUrl } from '@hpckit/apps';
import { proxyTarget, type UpstreamResolver } from './app-proxy.js';
import { PORTAL_COOKIES } from './session.js';
import { refuseUpgrade } from './websocket.js';

/** The response head of the upstream, without a Set-Cookie for one of the portal's cookies. */
function head(statusLine: string, raw: readonly string[]): string {
  const portal = new Set<string>(PORTAL_COOKIES);
  const lines = [statusLine];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const [name, value] = [raw[i]!, raw[i + 1]!];
    if (name.toLowerCase() === 'set-cookie' && portal.has(value.split('=')[0]!.trim())) continue;
    lines.push(`${name}: ${value}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * The WebSocket side of the app proxy, as a Node `upgrade` listener `(request, socket, head)`:
 * refuses (403, before upgrading) an `Origin` that is not the portal's, then resolves the session
 * as the HTTP side does (signed-in user, their own running session, its verified upstream), and
 * only then opens the upgrade to that upstream, with the portal's cookies and credentials stripped
 * and the session's token added, and splices the two sockets. Requests outside
 * `/apps/<session>/proxy/` are 404.
 */
export function appProxyUpgrade(resolver: UpstreamResolver) {
  return (req: IncomingMessage, socket: Duplex, first: Buffer): void => {
    socket.on('error', () => socket.destroy());
    const scheme = (socket as TLSSocket).encrypted ? 'https' : 'http';
    const portalOrigin = `${scheme}://${req.headers.host ?? ''}`;
    const parsed = proxyTarget(req.url ?? '');
    if (!parsed) {
      refuseUpgrade(socket, 404, 'Not an app session.');
      return;
    }
    // A page of another site may open a WebSocket with the user's cookies: only the portal's own.
    if (req.headers.origin !== portalOrigin) {
      refuseUpgrade(socket, 403, "Forbidden: the WebSocket was not opened by the portal's pages.");
      return;
    }
    resolver.resolve(req.headers.cookie, parsed.session).then(
      (found) => {
        if ('refused' in found) {
          refuseUpgrade(socket, found.refused.status, found.refused.text);
          return;
        }
        const { connection } = found;
        const url = upstreamUrl(connection, parsed.target);
        const up = httpRequest(url, {
          method: 'GET',
          headers: {
            ...upstreamHeaders(req.headers, connection, { origin: connection.origin }),
            connection: 'Upgrade',
            upgrade: req.headers.upgrade ?? 'websocket',
          },
        });
        up.on('upgrade', (res, upSocket, upHead) => {
          socket.write(head(`HTTP/1.1 101 ${res.statusMessage ?? 'Switching Protocols'}`, res.rawHeaders));
          if (upHead.length > 0) socket.write(upHead);
          if (first.length > 0) upSocket.write(first);
          upSocket.on('error', () => socket.destroy());
          socket.on('close', () => upSocket.destroy());
          upSocket.on('close', () => socket.destroy());
          upSocket.pipe(socket).pipe(upSocket);
        });
        // The server answered without upgrading (a 403 of its own, a 404): its status, then closed.
        up.on('response', (res) => {
          res.resume();
          refuseUpgrade(socket, res.statusCode ?? 502, 'The app did not accept the WebSocket.');
        });
        up.on('error', () => refuseUpgrade(socket, 502, "The session's server did not answer."));
        socket.on('close', () => up.destroy());
        up.end();
      },
      (err: unknown) => {
        process.stderr.write(`portal: app proxy upgrade: ${err instanceof Error ? err.stack : err}\n`);
        refuseUpgrade(socket, 500, 'Internal error');
      },
    );
  };
}
