import { createPortal, type PortalOptions } from '../src/app.js';
import { upstreamResolver } from '../src/app-proxy.js';
import { listenPortal } from '../src/listen.js';
import { type EmbeddedOptions, openEmbedded } from '../src/open-embedded.js';
import type { PortalServices } from '../src/services.js';

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
  // \`app\` for app.request tests; the listening portal serves an app of its own on the same services.
  const appProxy = portalOptions.appProxy ?? upstreamResolver(services);
  const app = createPortal(services, { ...portalOptions, appProxy });
  const portal = await listenPortal(services, { ...portalOptions, appProxy });
  return {
    app,
    site,
    appProxy,
    url: portal.url,
    syncErrors: errors,
    async close() {
      await portal.close();
      await site.close();
    },
  };
}
