import type { PortalServices } from './services.js';
import { shellUpgrade } from './shell.js';
import { type UpgradeDispatcher, type UpgradeDispatcherOptions, upgradeDispatcher } from './websocket.js';

/**
 * The portal's WebSocket routes, each behind the dispatcher's Origin and session checks; a slice
 * that needs an upgrade (the apps' reverse proxy) adds its route here with one line.
 */
export function portalUpgrades(
  s: PortalServices,
  options: Pick<UpgradeDispatcherOptions, 'origin'> = {},
): UpgradeDispatcher {
  const upgrades = upgradeDispatcher({ secret: s.secret, ...options });
  upgrades.route('/shell/socket', shellUpgrade(s));
  return upgrades;
}
