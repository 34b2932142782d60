import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '@hpckit/core';
import type { Client, ConnectConfig } from 'ssh2';
import { z } from 'zod';
import { shellJoin } from '../shell/quote.js';
import { ActAsSchema, actAsArgv } from './act-as.js';
import { HostKeyPolicySchema, hostKeyVerifier } from './host-key.js';
import { type PooledConnection, pooledConnection } from './ssh-pool.js';
import { createStats } from './stats.js';
import { CommandLimitsSchema, type Transport } from './transport.js';

/** How to log in: a private key (inline or a file), an ssh-agent socket, or a password. */
export const SshCredentialsSchema = z
  .strictObject({
    /** Login name. */
    username: z.string().min(1),
    /** Private key text (PEM or OpenSSH format). */
    privateKey: z.union([z.string(), z.instanceof(Buffer)]).optional(),
    /** Path of a private key file, read when connecting. */
    privateKeyPath: z.string().min(1).optional(),
    passphrase: z.string().optional(),
    /** ssh-agent socket path (e.g. `process.env.SSH_AUTH_SOCK`). */
    agent: z.string().optional(),
    password: z.string().optional(),
  })
  .refine(
    (c) =>
      c.privateKey !== undefined ||
      c.privateKeyPath !== undefined ||
      c.agent !== undefined ||
      c.password !== undefined,
    {
      message: 'give one way to log in: privateKey, privateKeyPath, agent or password',
    },
  );

/** Login credentials of one user. */
export type SshCredentials = z.input<typeof SshCredentialsSchema>;

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
   * `userCredentials(user)`. @default { mode: 'none' }
   */
  actAs: ActAsSchema.default({ mode: 'none' }),
  /** Per-user credentials, for `actAs: { mode: 'credentials' }`. */
  userCredentials: z
    .custom<(user: string) => SshCredentials | Promise<SshCredentials>>(
      (v) => typeof v === 'function',
      'must be a function of the user name',
    )
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
  ...CommandLimitsSchema.shape,
});

/** What callers may pass to {@link sshTransport}. */
export type SshTransportOptions = z.input<typeof SshTransportOptionsSchema>;

/** A pooled, logged-in SSH connection, for SFTP and interactive channels. */
export interface SshSession {
  /** The connected ssh2 client; do not `end()` it, the transport owns it. */
  client: Client;
  /** The name the connection logged in as (the user itself only with `actAs: credentials`). */
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

/**
 * Runs Slurm commands over SSH (ssh2): one connection per (host, user) multiplexing exec channels
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
    throw new ValidationError({
      details: {
        subject: 'SSH transport options',
        // Only paths and messages: the rejected values may be secrets.
        issues: parsed.error.issues.map((i) => ({
          path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
          message: i.message,
          code: i.code,
        })),
      },
      adapter: 'slurm',
    });
  }
  const opts = parsed.data;
  if (opts.actAs.mode === 'credentials' && !opts.userCredentials) {
    throw new ValidationError({
      details: {
        subject: 'SSH transport options',
        issues: [
          {
            path: ['userCredentials'],
            message: 'actAs "credentials" needs userCredentials(user)',
            code: 'custom',
          },
        ],
      },
      adapter: 'slurm',
    });
  }
  const hostKey = opts.hostKey ?? { knownHosts: [join(homedir(), '.ssh', 'known_hosts')] };
  const tofu = new Map<string, string>();
  const stats = createStats();
  const pool = new Map<string, PooledConnection>();
  const settings = {
    maxChannels: opts.maxChannels,
    keepaliveIntervalMs: opts.keepaliveIntervalMs,
    keepaliveCountMax: opts.keepaliveCountMax,
    readyTimeoutMs: opts.readyTimeoutMs,
    connectAttempts: opts.connectAttempts,
    reconnectDelayMs: opts.reconnectDelayMs,
    maxOutputBytes: opts.maxOutputBytes,
  };

  async function connectConfig(login: string | undefined): Promise<ConnectConfig> {
    const raw = login === undefined ? opts.credentials : await opts.userCredentials!(login);
    const creds = SshCredentialsSchema.parse(raw);
    const privateKey =
      creds.privateKey ?? (creds.privateKeyPath ? await readFile(creds.privateKeyPath) : undefined);
    return {
      host: opts.host,
      port: opts.port,
      username: creds.username,
      privateKey,
      passphrase: creds.passphrase,
      agent: creds.agent,
      password: creds.password,
      hostVerifier: hostKeyVerifier(hostKey, opts.host, opts.port, tofu),
    };
  }

  function connectionFor(user: string | undefined): PooledConnection {
    const login = opts.actAs.mode === 'credentials' ? user : undefined;
    const key = login ?? '';
    let connection = pool.get(key);
    if (!connection) {
      connection = pooledConnection(
        () => connectConfig(login),
        settings,
        { host: opts.host, user: login ?? opts.credentials.username },
        stats.connectionOpened,
        stats.channelRetried,
      );
      pool.set(key, connection);
    }
    return connection;
  }

  return {
    kind: 'ssh',
    canActAsUser: opts.actAs.mode !== 'none',
    stats: stats.snapshot,
    maxOpenChannels: () => Math.max(0, ...[...pool.values()].map((c) => c.maxOpenChannels)),
    async session(user) {
      const login = opts.actAs.mode === 'credentials' && user !== undefined ? user : undefined;
      const client = await connectionFor(user).client();
      return { client, login: login ?? opts.credentials.username, host: opts.host, port: opts.port };
    },
    async exec(request) {
      const argv = actAsArgv(opts.actAs, request.user, request.argv, request.env);
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
    async reset() {
      const connections = [...pool.values()];
      pool.clear();
      await Promise.all(connections.map((c) => c.close()));
    },
    async close() {
      const connections = [...pool.values()];
      pool.clear();
      await Promise.all(connections.map((c) => c.close()));
    },
  };
}
