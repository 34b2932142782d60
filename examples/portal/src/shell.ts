import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { formatError, httpStatusOf } from '@hpckit/core';
import { bridgeTerminal, checkTerminalSize } from '@hpckit/remote';
import { type Context, Hono } from 'hono';
import { parse } from 'hono/utils/cookie';
import { WebSocketServer } from 'ws';
import { localeOf } from './i18n.js';
import type { View } from './pages/layout.js';
import { shellPage } from './pages/shell.js';
import type { PortalServices } from './services.js';
import type { SessionVariables } from './session.js';
import { refuseUpgrade, type UpgradeRoute } from './websocket.js';

type Env = { Variables: SessionVariables };

const require = createRequire(import.meta.url);
const read = (path: string) => readFileSync(path, 'utf8');
// xterm.js and its fit addon come from node_modules and are served by the portal itself: the
// page loads no script from anywhere else (CSP `script-src 'self'`).
const ASSETS: Record<string, [type: string, body: () => string]> = {
  'xterm.mjs': ['text/javascript', () => read(require.resolve('@xterm/xterm/lib/xterm.mjs'))],
  'xterm.css': ['text/css', () => read(require.resolve('@xterm/xterm/css/xterm.css'))],
  'addon-fit.mjs': ['text/javascript', () => read(require.resolve('@xterm/addon-fit/lib/addon-fit.mjs'))],
  'shell.js': ['text/javascript', () => read(new URL('../static/shell.js', import.meta.url).pathname)],
};

/**
 * The shell screen's one exception to the portal's CSP: xterm.js themes and sizes its terminal
 * with `<style>` elements it creates, which `style-src 'self'` would block. Inline styles are
 * allowed on `/shell` only; scripts stay `'self'` everywhere.
 */
export const shellStyleSrc = (c: Context) => (c.req.path === '/shell' ? "'unsafe-inline'" : '');

/** The shell screen (`/shell?cwd=…`, the directory relative to the home) and its assets. */
export function shellRoutes(view: (c: Context<Env>) => Promise<View>): Hono<Env> {
  const app = new Hono<Env>();
  const assets = new Map(
    Object.entries(ASSETS).map(([name, [type, body]]) => [name, { type, body: body() }]),
  );
  app.get('/', async (c) => c.html(shellPage(await view(c), c.req.query('cwd') || undefined)));
  app.get('/assets/:name', (c) => {
    const asset = assets.get(c.req.param('name'));
    if (!asset) return c.notFound();
    c.header('content-type', asset.type);
    return c.body(asset.body);
  });
  return app;
}

/** Largest frame a browser may send (a paste); a bigger one closes the socket (1009). */
const MAX_FRAME = 1024 * 1024;

/**
 * `/shell/socket`: the dispatcher has checked the Origin and the session; this checks the initial
 * size (`rows`, `cols`: whole numbers 1–1000, else 400 before the upgrade), then bridges the
 * socket to `services.shell(user, …)`, which checks `cwd` (a shell that cannot open is reported
 * to the browser as an `error` message, in the user's language).
 */
export function shellUpgrade(s: PortalServices): UpgradeRoute {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME });
  return ({ request, socket, head, url, user }) => {
    const locale = localeOf(parse(request.headers.cookie ?? '', 'lang').lang);
    const q = url.searchParams;
    let size: { rows: number; cols: number };
    try {
      size = checkTerminalSize(Number(q.get('rows') ?? 24), Number(q.get('cols') ?? 80));
    } catch (err) {
      return refuseUpgrade(socket, 400, formatError(err, { locale }));
    }
    const cwd = q.get('cwd') || undefined;
    // The shell opens once the socket is up (ws refuses a malformed handshake itself, and no
    // shell should be left open then); the bridge keeps the keystrokes sent meanwhile.
    wss.handleUpgrade(request, socket, head, (ws) => {
      const shell = s.shell(user, { ...size, cwd, locale }).catch((err: unknown) => {
        // The user sees why; a failure of the site (SSH down) is also the operator's to see.
        if (httpStatusOf(err) >= 500) {
          process.stderr.write(`portal: shell for ${user} failed: ${(err as Error)?.stack ?? err}\n`);
        }
        throw err;
      });
      void bridgeTerminal(ws, shell, { locale });
    });
  };
}
