/**
 * `npm run portal`: the reference portal on embedded defaults — the mock scheduler (its clock ten
 * virtual minutes a second) and a fresh SQLite ledger, seeded. Prints the URL and the users to
 * sign in as. PORT chooses the port (default 3000).
 */
import { serve } from '@hono/node-server';
import { createPortal } from './app.js';
import { upstreamResolver } from './app-proxy.js';
import { appProxyUpgrade } from './app-proxy-upgrade.js';
import { openEmbedded } from './open-embedded.js';

const site = await openEmbedded({
  onSyncError: (err) => process.stderr.write(`portal: sync failed, retrying: ${err}\n`),
});
const appProxy = upstreamResolver(site.services);
const app = createPortal(site.services, { appProxy });
const port = Number(process.env.PORT ?? 3000);
const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(
    `hpckit portal on http://127.0.0.1:${info.port}/ (mock scheduler, SQLite)\n` +
      `sign in as: ${site.users.join(', ')} (dave administers the account catalysis)\n`,
  );
});
// WebSockets of the apps behind the proxy (Jupyter's kernels).
server.on('upgrade', appProxyUpgrade(appProxy));
const stop = () => {
  server.close();
  site.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
