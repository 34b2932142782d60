import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createPortal, type PortalOptions } from '../src/app.js';
import { type EmbeddedOptions, openEmbedded } from '../src/open-embedded.js';
import type { PortalServices } from '../src/services.js';
import { portalUpgrades } from '../src/upgrades.js';

/** The portal on the mock with a fresh SQLite file, on a free loopback port. */
export async function startPortal(
  options: EmbeddedOptions = {},
  portalOptions: PortalOptions = {},
  /** Replaces some of the embedded services (a shell over SSH, say). */
  replace: Partial<PortalServices> = {},
) {
  const errors: unknown[] = [];
  const site = await openEmbedded({ onSyncError: (err) => errors.push(err), ...options });
  const services = { ...site.services, ...replace };
  const app = createPortal(services, portalOptions);
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  const upgrades = portalUpgrades(services);
  server.on('upgrade', upgrades.handle);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    app,
    site,
    url: `http://127.0.0.1:${port}`,
    syncErrors: errors,
    async close() {
      upgrades.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await site.close();
    },
  };
}
