import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockAdapter } from '@hpckit/adapter-mock';
import { type AppSessions, createAppSessions, type MockAppHarness, mockAppHarness } from '@hpckit/apps';
import { createPricingEngine, createResourcePolicy, ikkemPreset } from '@hpckit/billing';
import { createJobSync, createLedger, createReconciler, ledgerAccess } from '@hpckit/billing/ledger';
import { createSqliteStore } from '@hpckit/billing/stores/sqlite';
import { createClient } from '@hpckit/core';
import { type FileSystem, fileSystemShell, jobOutputSource, localFileSystem } from '@hpckit/remote';
import { APP_BASE_PATH } from './app-proxy.js';
import { devAuthenticator } from './authenticator.js';
import { SEEDED_USERS, seed } from './seed.js';
import type { PortalServices } from './services.js';
import { startSyncLoop } from './sync-loop.js';

/** Options of {@link openEmbedded}. */
export interface EmbeddedOptions {
  /** Virtual seconds per real second of the mock's clock (600: a 10-minute job ends in 1 s). */
  scale?: number;
  /** How often the job-charge sync runs, in real ms. */
  syncEveryMs?: number;
  /** Told about a failed sync round (the next round tries again). */
  onSyncError?: (error: unknown) => void;
}

/** The embedded site, open: its services, the seeded users, and how to close it. */
export interface EmbeddedSite {
  services: PortalServices;
  users: readonly string[];
  /** The mock compute node of a user's app sessions (its files hold each session's connection file). */
  appHarness(user: string): MockAppHarness;
  close(): Promise<void>;
}

const CLUSTER = 'ikkem';

/**
 * Opens the portal's services on the mock scheduler (its clock sped up) and a fresh SQLite ledger
 * in a temporary directory, seeded, with each user's home in the same directory; a sync charges
 * ended jobs every `syncEveryMs`, and the reconciler carries blocks (a spending limit reached) to
 * the scheduler. A site on Slurm and
 * PostgreSQL opens `client` and `ledger` differently and keeps the rest.
 */
export async function openEmbedded(options: EmbeddedOptions = {}): Promise<EmbeddedSite> {
  const dir = mkdtempSync(join(tmpdir(), 'hpckit-portal-'));
  // One home per user under the temporary directory: jobs' working directories and output files
  // land there, as on a cluster's shared file system, and the portal's file pages read them.
  const homes = join(dir, 'home');
  const mock = mockAdapter({
    clock: { mode: 'scaled', scale: options.scale ?? 600, start: new Date() },
    homes,
    files: localFileSystem({ home: homes }),
  });
  const opened = new Map<string, FileSystem>();
  const files = (user: string): FileSystem => {
    let fs = opened.get(user);
    if (!fs) {
      const home = join(homes, user);
      mkdirSync(home, { recursive: true });
      // Every home belongs to this process, so the OS would follow a link alice plants into
      // carol's home: the file system itself keeps each user inside their home.
      fs = localFileSystem({ home, user, confine: true });
      opened.set(user, fs);
    }
    return fs;
  };
  // A handle's output is read as the user whose view asks, in their home.
  const jobOutput = jobOutputSource({ files });
  const site = ikkemPreset({ cluster: CLUSTER });
  const policy = createResourcePolicy(site.resourcePolicy);
  const pricing = createPricingEngine({ table: site.priceTable, clusters: [site.cluster] });
  const store = await createSqliteStore({ path: join(dir, 'ledger.db') });
  // The client asks the ledger's store who administers which account, on every call.
  const client = createClient({
    clusters: {
      [CLUSTER]: {
        adapter: mock,
        beforeSubmit: policy.submitGuard,
        jobOutput,
      },
    },
    access: ledgerAccess({ ledger: { store } }),
  });
  const ledger = createLedger({
    store,
    currency: 'CNY',
    bonus: site.bonusRules,
    timeZone: 'Asia/Shanghai',
    now: () => mock.clock.now(),
    // Accounts and members the ledger creates, and blocks, reach the scheduler.
    scheduler: { client },
  });
  // The mock has no compute node: a harness per user plays it for app sessions, starting an
  // in-process server (under the session's proxy path) when a session's job runs.
  const harnesses = new Map<string, MockAppHarness>();
  const sessionsOf = new Map<string, AppSessions>();
  const apps = (user: string): AppSessions => {
    let sessions = sessionsOf.get(user);
    if (!sessions) {
      const as = client.as(user);
      const harness = mockAppHarness({ client: as, adapter: mock, home: join(homes, user) });
      harnesses.set(user, harness);
      sessions = createAppSessions({
        client: as,
        files: harness.files,
        basePath: APP_BASE_PATH,
        readyIntervalMs: 100,
      });
      sessionsOf.set(user, sessions);
    }
    return sessions;
  };
  const sync = createJobSync({ ledger, source: client, clusters: [CLUSTER], pricer: pricing.price });
  const reconciler = createReconciler({ ledger, client });
  const detach = reconciler.attach();
  await seed(ledger, client, mock, sync, reconciler);

  const stopSync = startSyncLoop(sync, reconciler, options.syncEveryMs ?? 1000, options.onSyncError);

  return {
    services: {
      client,
      ledger,
      pricing,
      policy,
      site,
      cluster: CLUSTER,
      files,
      // No sshd on the embedded site, and a local bash would run as this process, able to read
      // every home: a shell of built-in commands over the user's confined files instead.
      shell: (user, o) => fileSystemShell({ files: files(user), host: CLUSTER, ...o }),
      apps,
      authenticator: devAuthenticator(SEEDED_USERS),
      secret: randomBytes(32).toString('base64url'),
    },
    users: Object.keys(SEEDED_USERS),
    appHarness(user) {
      apps(user);
      return harnesses.get(user)!;
    },
    async close() {
      await stopSync();
      detach();
      await reconciler.idle();
      await Promise.all([...harnesses.values()].map((h) => h.close()));
      await client.close();
      await jobOutput.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
