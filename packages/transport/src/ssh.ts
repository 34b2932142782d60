import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { errorsFor, ruleValidationIssue, shellJoin } from '@hpckit/core';
import type { Client, ConnectConfig } from 'ssh2';
import { z } from 'zod';
import { transportRules } from './transport-rules.js';
import { ActAsSchema, actAsArgv } from './act-as.js';
import { actAsGuard } from './act-as-guard.js';
import { HostKeyPolicySchema, hostKeyVerifier } from './host-key.js';
import { connectionPool } from './ssh-connections.js';
import { loginConfig, type SshCredentials, SshCredentialsSchema } from './ssh-credentials.js';
import { type PooledConnection, pooledConnection } from './ssh-pool.js';
import { createStats } from './stats.js';
import { CommandLimitsSchema, type Transport } from './transport.js';

/** Options of {@link sshTransport}. */
export const SshTransportOptionsSchema = z.strictObject({
  host: z.string().min(1),
  /** @default 22 */
  port: z.number().int().min(1).max(65_535).default(22),
  /** The identity commands run as when no user is named (the service account, or the only user). */
  credentials: SshCredentialsSchema,
  /**
   * How commands run for `ctx.user`: `sudo` through the service account, `su` when the login is
   * root (su asks anyone else for a password), or `credentials` to log in as each user with
   * `userCredentials(user)`. root, the login of `credentials`, `denyUsers` and uids below
   * `minUid` are never acted for. @default { mode: 'none' }
   */
  actAs: ActAsSchema.default({ mode: 'none' }),
  /**
   * Per-user credentials, for `actAs: { mode: 'credentials' }`, called at each (re)connect of a
   * user; credentials with another `username` than the user are refused (`PERMISSION_DENIED`).
   */
  userCredentials: z
    .custom<(user: string) => SshCredentials | Promise<SshCredentials>>((v) => typeof v === 'function', {
      error: transportRules.error('not_a_credentials_function'),
    })
    .optional(),
  /** Host-key verification. @default { knownHosts: ['~/.ssh/known_hosts'] } */
  hostKey: HostKeyPolicySchema.optional(),
  /** Exec channels open at once per connection; below the server's MaxSessions (10 by default). @default 8 */
  maxChannels: z.number().int().positive().default(8),
  /** SSH keepalive interval in ms. @default 15000 */
  keepaliveIntervalMs: z.number().int().positive().default(15_000),
  /** Unanswered keepalives before the connection counts as dead. @default 3 */
  keepaliveCountMax: z.number().int().positive().default(3),
  /** Time to connect and log in, in ms. @default 20000 */
  readyTimeoutMs: z.number().int().positive().default(20_000),
  /** Connection attempts before a command fails. @default 4 */
  connectAttempts: z.number().int().positive().default(4),
  /** Delay before the first reconnect, doubled each attempt, in ms. @default 250 */
  reconnectDelayMs: z.number().int().nonnegative().default(250),
  /**
   * Commands that may wait for a channel on one connection; one more fails with a retryable
   * `TRANSPORT` error instead of piling up in memory. @default 1000
   */
  maxQueuedCommands: z.number().int().positive().default(1_000),
  /**
   * Connections kept at once (one per login: the service account's, and each user's with
   * `actAs: credentials`). A new login beyond it closes the least recently used idle connection;
   * if all are in use it fails with a retryable `TRANSPORT` error. @default 64
   */
  maxConnections: z.number().int().positive().default(64),
  /** A connection with no command and no channel for this long is closed (reopened on demand), in ms. @default 300000 */
  idleTimeoutMs: z.number().int().positive().default(300_000),
  ...CommandLimitsSchema.shape,
});

/** What callers may pass to {@link sshTransport}. */
export type SshTransportOptions = z.input<typeof SshTransportOptionsSchema>;

const errors = errorsFor('ssh');

/** A pooled, logged-in SSH connection, for SFTP and interactive channels. */
export interface SshSession {
  /** The connected ssh2 client; do not `end()` it, the transport owns it. */
  client: Client;
  /**
   * The name the connection really logged in as: the user only with `actAs: credentials` (whose
   * credentials must log in as that user), else the service account.
   */
  login: string;
  host: string;
  port: number;
}

/** An SSH transport with its pool's channel counts. */
export interface SshTransport extends Transport {
  /** Most exec channels ever open at once on any one connection. */
  maxOpenChannels(): number;
  /**
   * The pooled connection commands for `user` run on (the service account's unless `actAs` is
   * `credentials`), for SFTP and PTY channels; `login` says who it is logged in as.
   */
  session(user?: string): Promise<SshSession>;
}

function readable(file: string): boolean {
  try {
    accessSync(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs commands over SSH (ssh2): one connection per (host, user) multiplexing exec channels
 * below MaxSessions, with keepalive, reconnect on the next command after a drop, and host-key
 * verification on by default.
 *
 * @example
 * ```ts
 * const transport = sshTransport({
 *   host: 'login.hpc.example.org',
 *   credentials: { username: 'portal', privateKeyPath: '/etc/portal/id_ed25519' },
 *   actAs: { mode: 'sudo' },
 *   hostKey: { knownHosts: ['/etc/portal/known_hosts'] },
 * });
 * ```
 */
export function sshTransport(options: SshTransportOptions): SshTransport {
  const parsed = SshTransportOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw errors.validation({
      details: {
        ...transportRules.subject('ssh_transport_options'),
        // Only paths and messages: the rejected values may be secrets.
        issues: parsed.error.issues.map((i) => ({
          path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
          message: i.message,
          code: i.code,
        })),
      },
    });
  }
  const opts = parsed.data;
  if (opts.actAs.mode === 'credentials' && !opts.userCredentials) {
    throw errors.validation({
      details: {
        ...transportRules.subject('ssh_transport_options'),
        issues: [transportRules.validationIssue(['userCredentials'], 'credentials_need_user_credentials')],
      },
    });
  }
  const hostKey = opts.hostKey ?? { knownHosts: [join(homedir(), '.ssh', 'known_hosts')] };
  // Not one known_hosts file to read means no host can ever be trusted: a mistake in the options
  // (a path, or a default ~/.ssh/known_hosts the portal user lacks), not a host with a wrong key.
  const requireKnownHosts = () => {
    if (!('knownHosts' in hostKey) || hostKey.knownHosts.some(readable)) return;
    throw errors.validation({
      details: {
        ...transportRules.subject('ssh_transport_options'),
        issues: [
          ruleValidationIssue(
            opts.hostKey ? ['hostKey', 'knownHosts'] : ['hostKey'],
            'known_hosts_unreadable',
            {
              names: hostKey.knownHosts,
            },
          ),
        ],
        reason: 'unreadable_known_hosts',
        path: hostKey.knownHosts[0],
      },
    });
  };
  const tofu = new Map<string, string>();
  const stats = createStats();
  const pool = connectionPool({ maxConnections: opts.maxConnections, idleTimeoutMs: opts.idleTimeoutMs });
  const settings = {
    maxChannels: opts.maxChannels,
    keepaliveIntervalMs: opts.keepaliveIntervalMs,
    keepaliveCountMax: opts.keepaliveCountMax,
    readyTimeoutMs: opts.readyTimeoutMs,
    connectAttempts: opts.connectAttempts,
    reconnectDelayMs: opts.reconnectDelayMs,
    maxOutputBytes: opts.maxOutputBytes,
    maxQueuedCommands: opts.maxQueuedCommands,
  };

  async function connectConfig(user: string | undefined): Promise<ConnectConfig> {
    requireKnownHosts();
    const login =
      user === undefined
        ? await loginConfig(opts.credentials, { option: 'credentials' })
        : await loginConfig(await opts.userCredentials!(user), { option: 'userCredentials', user });
    return {
      host: opts.host,
      port: opts.port,
      ...login,
      hostVerifier: hostKeyVerifier(hostKey, opts.host, opts.port, tofu),
    };
  }

  /** The connection commands for `user` run on: the user's own login only with `credentials`. */
  function connectionFor(user: string | undefined): PooledConnection {
    const login = opts.actAs.mode === 'credentials' ? user : undefined;
    const label = { host: opts.host, port: opts.port, user: login ?? opts.credentials.username };
    return pool.get(
      login ?? '',
      () =>
        pooledConnection(
          () => connectConfig(login),
          settings,
          label,
          stats.connectionOpened,
          stats.channelRetried,
        ),
      label,
    );
  }

  /** Runs a command as the transport's own identity (for uid lookups), counted like any other. */
  async function execOwn(argv: string[]) {
    const finish = stats.begin(argv[0] ?? '');
    try {
      const result = await connectionFor(undefined).exec({
        commandLine: shellJoin(argv),
        program: argv[0] ?? '',
        timeoutMs: opts.timeoutMs,
      });
      finish(false);
      return result;
    } catch (err) {
      finish(true);
      throw err;
    }
  }

  const guard = actAsGuard(opts.actAs, { kind: 'ssh', login: opts.credentials.username }, (user) =>
    execOwn(['id', '-u', '--', user]),
  );

  return {
    kind: 'ssh',
    canActAsUser: opts.actAs.mode !== 'none',
    stats: stats.snapshot,
    maxOpenChannels: () => Math.max(0, ...pool.all().map((c) => c.maxOpenChannels)),
    async session(user) {
      await guard.check(user, transportRules.subject('ssh_session'));
      const connection = connectionFor(user);
      const client = await connection.client();
      // The name the connection really logged in as, never the one asked for.
      const login = connection.login ?? opts.credentials.username;
      return { client, login, host: opts.host, port: opts.port };
    },
    async exec(request) {
      await guard.check(request.user, transportRules.subject('command'), request.signal);
      const argv = actAsArgv(opts.actAs, request.user, request.argv, request.env, request.unsetEnv);
      const finish = stats.begin(request.argv[0] ?? '');
      try {
        const result = await connectionFor(request.user).exec({
          commandLine: shellJoin(argv),
          program: request.argv[0] ?? '',
          stdin: request.stdin,
          timeoutMs: request.timeoutMs ?? opts.timeoutMs,
          signal: request.signal,
        });
        finish(false);
        return result;
      } catch (err) {
        finish(true);
        throw err;
      }
    },
    reset: () => pool.closeAll(),
    close: () => pool.closeAll(),
  };
}
