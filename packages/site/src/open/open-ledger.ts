import type { SitePreset } from '@hpckit/billing';
import { createLedger, type Ledger } from '@hpckit/billing/ledger';
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

/** Opens the ledger store the config names (SQLite or PostgreSQL). */
export async function openLedger(
  config: SiteConfig,
  as: string | undefined,
  site?: SitePreset,
): Promise<OpenLedger> {
  const options = config.ledger;
  if (!options) {
    throw new ValidationError({
      details: { subject: 'hpckit.yaml', issues: [siteRules.validationIssue(['ledger'], 'no_ledger')] },
    });
  }
  // Each store is loaded only when named: better-sqlite3 and pg are native/optional for a user of the other.
  const store = options.sqlite
    ? await (await import('@hpckit/billing/stores/sqlite')).createSqliteStore({ path: options.sqlite })
    : await (await import('@hpckit/billing/stores/postgres')).createPostgresStore({
        connectionString: options.postgres!,
        ...(options.schema ? { schema: options.schema } : {}),
      });
  const ledger = createLedger({
    store,
    currency: options.currency,
    timeZone: options.timeZone,
    ...(site ? { bonus: site.bonusRules } : {}),
  });
  const actor = as === undefined ? options.actor : { user: as, roles: [] };
  return { ledger, actor, timeZone: options.timeZone, close: () => store.close() };
}
