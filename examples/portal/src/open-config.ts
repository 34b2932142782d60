import { createResourcePolicy } from '@hpckit/billing';
import { createJobSync, createReconciler, ledgerAccess } from '@hpckit/billing/ledger';
import {
  clusterName,
  loadConfig,
  openCluster,
  openLedger,
  openLedgerStore,
  pricingOf,
  requireSite,
} from '@hpckit/site';
import { type AppSessions, createAppSessions, fileSystemSessionFiles } from '@hpckit/apps';
import { fileSystemShell, type SessionSource } from '@hpckit/remote';
import { APP_BASE_PATH } from './app-proxy.js';
import { devAuthenticator } from './authenticator.js';
import { type PortalSection, portalSectionSchema } from './portal-config.js';
import type { PortalServices } from './services.js';
import { sshShells } from './ssh-shells.js';
import { startSyncLoop } from './sync-loop.js';

const isSessionSource = (t: unknown): t is SessionSource =>
  typeof (t as SessionSource | undefined)?.session === 'function';

/** Options of {@link openFromConfig}. */
export interface ConfigOptions {
  /** Where `{ env: NAME }` values (the cookie secret, the ledger's URL) are read. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Told about a failed sync round (the next round tries again). */
  onSyncError?: (error: unknown) => void;
  /**
   * Jobs that ended before this are never charged: a site whose ledger starts today passes the
   * day it goes live (the sync keeps its own cursor after the first round). @default the epoch
   */
  syncFrom?: Date;
}

/** A site opened from its config file: the portal's services, its `portal:` section, how to close it. */
export interface ConfigSite {
  services: PortalServices;
  portal: PortalSection;
  /** The sign-in names of the development authenticator. */
  users: readonly string[];
  close(): Promise<void>;
}

/**
 * Opens the portal's services from a site's config file (`@hpckit/site`) and its `portal:`
 * section: the cluster's client (on Slurm over SSH, each user's commands and files under their
 * own login), the ledger (SQLite or PostgreSQL) whose account changes reach the scheduler, each
 * user's files, job output read through them, and the same access rules, job-charge sync and
 * block reconciler as the embedded site.
 *
 * @throws `VALIDATION` whose issues carry the file's line and column (`configIssueLocations`).
 */
export async function openFromConfig(file: string, options: ConfigOptions = {}): Promise<ConfigSite> {
  const env = options.env ?? process.env;
  const { config, sections } = loadConfig(file, {
    env,
    sections: { portal: portalSectionSchema(file, env) },
  });
  const { portal } = sections;
  const name = clusterName(config, portal.cluster);
  // The client asks the ledger's store who administers which account, on every call; the ledger
  // carries account and membership changes to the client's scheduler: the store opens first.
  const store = await openLedgerStore(config);
  const cluster = openCluster(config, name, undefined, { access: ledgerAccess({ ledger: { store } }) });
  const site = requireSite(cluster);
  const { ledger, close: closeLedger } = await openLedger(config, undefined, site, {
    store,
    scheduler: { client: cluster.root },
  });
  const pricing = pricingOf(site);
  const sync = createJobSync({
    ledger,
    source: cluster.root,
    clusters: [name],
    pricer: pricing.price,
    ...(options.syncFrom ? { startAt: options.syncFrom } : {}),
  });
  const reconciler = createReconciler({ ledger, client: cluster.root });
  const detach = reconciler.attach();
  // A user's app sessions act as them, their files (the connection file their job writes) read
  // through their own file system; the job serves under the portal's proxy path.
  const sessionsOf = new Map<string, AppSessions>();
  const apps = (user: string): AppSessions => {
    let sessions = sessionsOf.get(user);
    if (!sessions) {
      sessions = createAppSessions({
        client: cluster.root.as(user),
        files: fileSystemSessionFiles(cluster.files(user)),
        basePath: APP_BASE_PATH,
      });
      sessionsOf.set(user, sessions);
    }
    return sessions;
  };
  const stopSync = startSyncLoop(sync, reconciler, portal.syncEverySeconds * 1000, options.onSyncError);
  return {
    services: {
      client: cluster.root,
      ledger,
      pricing,
      policy: createResourcePolicy(site.resourcePolicy),
      site,
      cluster: name,
      files: (user) => cluster.files(user),
      // A login shell over SSH as the user; a mock cluster (or a local transport, which has no PTY
      // to offer) gets the built-in commands over the user's files, as the embedded site does.
      shell: isSessionSource(cluster.transport)
        ? sshShells(cluster.transport)
        : (user, o) => fileSystemShell({ files: cluster.files(user), host: name, ...o }),
      apps,
      authenticator: devAuthenticator(portal.authenticator.users),
      secret: portal.secret,
    },
    portal,
    users: Object.keys(portal.authenticator.users),
    async close() {
      await stopSync();
      detach();
      await reconciler.idle();
      await cluster.close();
      await closeLedger();
    },
  };
}
