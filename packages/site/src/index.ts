/**
 * A site as data: its clusters, ledger and presets in one YAML file, validated (every mistake at
 * its file:line:col, in English and Chinese) and opened into a client, each user's files and the
 * ledger. The `hpckit` command line and the reference portal both open their site through it.
 *
 * @packageDocumentation
 * @module @hpckit/site
 */

// The config file
export { SITE_PRESETS, SiteClusterSchema, SiteConfigSchema, SiteLedgerSchema } from './config/schema.js';
export type { SiteCluster, SiteConfig } from './config/schema.js';
export { configIssueLocations, findConfigFile, loadConfig } from './config/load-config.js';
export type {
  ConfigLocation,
  FindConfigOptions,
  LoadConfigOptions,
  LoadedConfig,
} from './config/load-config.js';
export { formatConfigError } from './config/format-config-error.js';
export { scrub, secretsOf } from './config/secrets.js';
export { siteRules } from './config/site-rules.js';

// Opening it
export {
  clusterName,
  mockHome,
  openCluster,
  pricingOf,
  requireSite,
  siteOf,
} from './open/open-cluster.js';
export type { OpenCluster, OpenClusterOptions } from './open/open-cluster.js';
export { openLedger, openLedgerStore } from './open/open-ledger.js';
export type { OpenLedger, OpenLedgerOptions } from './open/open-ledger.js';
