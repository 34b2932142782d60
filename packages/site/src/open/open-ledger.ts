import type { SitePreset } from '@hpckit/billing';
import {
  createLedger,
  type Ledger,
  type LedgerSchedulerOptions,
  type LedgerStore,
} from '@hpckit/billing/ledger';
import { ValidationError } from '@hpckit/core';
import { siteRules } from '../config/site-rules.js';
import type { SiteConfig } from '../config/schema.js';

/** The ledger of the config, opened, with how to close its store. */
export interface OpenLedger {
  ledger: Ledger;
  /** Who ledger commands act as: `--as USER`, else the config's `ledger.actor`. */
  actor: { user: string; roles: ('platform-admin' | 'finance')[] };
  timeZone: string;
  close(): Promise<void>;
}

/** Options of {@link openLedger} a program adds to what the config says. */
export interface OpenLedgerOptions {
  /**
   * The store, opened already by {@link openLedgerStore} (a portal's client reads who administers
   * which account from it before the ledger exists); closed with the ledger.
   */
  store?: LedgerStore;
  /** The clusters account and membership changes reach (`createLedger`'s `scheduler`). */
  scheduler?: LedgerSchedulerOptions;
}

function ledgerOptionsOf(config: SiteConfig) {
  if (config.ledger) return config.ledger;
  throw new ValidationError({
    details: { subject: 'hpckit.yaml', issues: [siteRules.validationIssue(['ledger'], 'no_ledger')] },
  });
}

/** Opens the store the config's ledger names: an SQLite file or a PostgreSQL database. */
export async function openLedgerStore(config: SiteConfig): Promise<LedgerStore> {
  const options = ledgerOptionsOf(config);
  // Each store is loaded only when named: better-sqlite3 and pg are native/optional for a user of the other.
  return options.sqlite
    ? await (await import('@hpckit/billing/stores/sqlite')).createSqliteStore({ path: options.sqlite })
    : await (await import('@hpckit/billing/stores/postgres')).createPostgresStore({
        connectionString: options.postgres!,
        ...(options.schema ? { schema: options.schema } : {}),
      });
}

/** Opens the ledger the config names (SQLite or PostgreSQL), with the site's bonus rules. */
export async function openLedger(
  config: SiteConfig,
  as: string | undefined,
  site?: SitePreset,
  opened: OpenLedgerOptions = {},
): Promise<OpenLedger> {
  const options = ledgerOptionsOf(config);
  const store = opened.store ?? (await openLedgerStore(config));
  const ledger = createLedger({
    store,
    currency: options.currency,
    timeZone: options.timeZone,
    ...(site ? { bonus: site.bonusRules } : {}),
    ...(opened.scheduler ? { scheduler: opened.scheduler } : {}),
  });
  const actor = as === undefined ? options.actor : { user: as, roles: [] };
  return { ledger, actor, timeZone: options.timeZone, close: () => store.close() };
}
