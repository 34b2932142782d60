import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createPortal, type PortalOptions } from './app.js';
import { type UpstreamResolver, upstreamResolver } from './app-proxy.js';
import type { PortalServices } from './services.js';
import { portalUpgrades } from './upgrades.js';

/** Where {@link listenPortal} listens, and the portal's limits. */
export interface ListenOptions extends PortalOptions {
  /** @default "127.0.0.1" */
  host?: string;
  /** 0 picks a free port. @default 0 */
  port?: number;
}

/** A listening portal: its base URL and how to stop it (the site's services stay open). */
export interface ListeningPortal {
  url: string;
  port: number;
  /** The app proxy's resolver (`forget` a session to drop its cached upstream). */
  appProxy: UpstreamResolver;
  close(): Promise<void>;
}

/**
 * Serves the portal on `services`: its pages (`createPortal`) and its WebSocket routes
 * (`portalUpgrades`) on one HTTP server, so the embedded site, a configured site and the tests
 * start it the same way.
 */
export async function listenPortal(
  services: PortalServices,
  options: ListenOptions = {},
): Promise<ListeningPortal> {
  const { host = '127.0.0.1', port = 0, ...portalOptions } = options;
  // One resolver for the proxy's HTTP requests and its WebSockets: one cache, one `forget`.
  const appProxy = portalOptions.appProxy ?? upstreamResolver(services);
  const app = createPortal(services, { ...portalOptions, appProxy });
  const server = serve({ fetch: app.fetch, port, hostname: host });
  const upgrades = portalUpgrades(services, { appProxy });
  server.on('upgrade', upgrades.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${bound}`,
    port: bound,
    appProxy,
    async close() {
      upgrades.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
