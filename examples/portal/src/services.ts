import type { AppSessions } from '@hpckit/apps';
import type { PricingEngine, ResourcePolicyEngine, SitePreset } from '@hpckit/billing';
import type { Ledger } from '@hpckit/billing/ledger';
import type { HpckitClient, Locale } from '@hpckit/core';
import type { FileSystem, ShellSession } from '@hpckit/remote';
import type { Authenticator } from './authenticator.js';

/**
 * Everything a page calls: what differs between the embedded mock and a real site is only how
 * these are opened (see `open-embedded.ts`); the pages never know which one they run on.
 */
export interface PortalServices {
  /** The root client; pages use `client.as(user)` only, so the SDK applies the visibility rules. */
  client: HpckitClient;
  ledger: Ledger;
  pricing: PricingEngine;
  policy: ResourcePolicyEngine;
  site: SitePreset;
  /** The client's name of the cluster jobs run on. */
  cluster: string;
  /**
   * A cluster user's files (their home): SFTP on a real site, a directory per user on the mock.
   * The same file systems the client's `jobOutput` reads jobs' output through.
   */
  files(user: string): FileSystem;
  /**
   * A terminal for `user`, opened at `rows` × `cols` in `cwd` (relative to the home; the opener
   * checks it): on a real site `openShell({ transport, user, … })` of `@hpckit/remote` (see
   * `sshShells`), on the mock a `fileSystemShell` over `files(user)`. `locale` is the language of
   * the user's portal; a real login shell speaks the login node's.
   */
  shell(
    user: string,
    options: { rows: number; cols: number; cwd?: string; locale: Locale },
  ): Promise<ShellSession>;
  /**
   * A user's interactive-app sessions (`createAppSessions` acting as the user, with the portal's
   * proxy path as `basePath`, see `APP_BASE_PATH`): the SDK decides which sessions are theirs.
   */
  apps(user: string): AppSessions;
  authenticator: Authenticator;
  /** Signs the session and CSRF cookies; at least 32 characters. */
  secret: string;
}
