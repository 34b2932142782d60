import type { UpstreamResolver } from './app-proxy.js';
import { appProxyUpgrade } from './app-proxy-upgrade.js';
import type { PortalServices } from './services.js';
import { shellUpgrade } from './shell.js';
import { type UpgradeDispatcher, type UpgradeDispatcherOptions, upgradeDispatcher } from './websocket.js';

/**
 * The portal's WebSocket routes, each behind the dispatcher's Origin and session checks; a slice
 * that needs an upgrade (the apps' reverse proxy) adds its route here with one line.
 */
export function portalUpgrades(
  s: PortalServices,
  /** `appProxy`: the resolver the HTTP side of the app proxy uses (`createPortal`'s), shared. */
  options: Pick<UpgradeDispatcherOptions, 'origin'> & { appProxy: UpstreamResolver },
): UpgradeDispatcher {
  const { appProxy, ...dispatcher } = options;
  const upgrades = upgradeDispatcher({ secret: s.secret, ...dispatcher });
  upgrades.route('/shell/socket', shellUpgrade(s));
  const proxy = appProxyUpgrade(appProxy);
  upgrades.route('/apps/', ({ request, socket, head }) => proxy(request, socket, head));
  return upgrades;
}
