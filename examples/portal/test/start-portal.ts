import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createPortal, type PortalOptions } from '../src/app.js';
import { upstreamResolver } from '../src/app-proxy.js';
import { appProxyUpgrade } from '../src/app-proxy-upgrade.js';
import { type EmbeddedOptions, openEmbedded } from '../src/open-embedded.js';

/** The portal on the mock with a fresh SQLite file, on a free loopback port. */
export async function startPortal(options: EmbeddedOptions = {}, portalOptions: PortalOptions = {}) {
  const errors: unknown[] = [];
  const site = await openEmbedded({ onSyncError: (err) => errors.push(err), ...options });
  const appProxy = portalOptions.appProxy ?? upstreamResolver(site.services);
  const app = createPortal(site.services, { ...portalOptions, appProxy });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  server.on('upgrade', appProxyUpgrade(appProxy));
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    app,
    site,
    appProxy,
    url: `http://127.0.0.1:${port}`,
    syncErrors: errors,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await site.close();
    },
  };
}
