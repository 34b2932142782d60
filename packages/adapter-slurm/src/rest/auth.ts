/**
 * How requests to slurmrestd say who they are for. JWT: `X-SLURM-USER-NAME` and
 * `X-SLURM-USER-TOKEN`, a token per user minted by the site's hook (`scontrol token`, an identity
 * provider) and cached until shortly before it expires; calls for no user use the service
 * account's token. Tokens live only in request headers: never in errors, logs or events.
 */

/** A minted token and when it stops being valid. */
export interface MintedToken {
  token: string;
  /** When the token expires; without it the token is used until slurmrestd refuses it. */
  expiresAt?: Date;
}

/** Authentication of REST requests. */
export interface RestAuth {
  /** The headers that authenticate a request for `user` (the service account when undefined). */
  headers(user: string | undefined): Promise<Record<string, string>>;
  /** Forgets the cached credentials of `user` (slurmrestd refused them); the next call mints anew. */
  invalidate(user: string | undefined): void;
  /** Whether requests may act for users other than the service account. */
  readonly actsForUsers: boolean;
}

/** Options of {@link jwtAuth}. */
export interface JwtAuthOptions {
  /** Mints (or fetches) a token for a user name. Called again when a token nears expiry or is refused. */
  mint(user: string): Promise<string | MintedToken>;
  /** The service account used for calls that act for no user (admin calls). */
  serviceUser: string;
  /** Mint a new token this long before the old one expires, in seconds. @default 60 */
  refreshBeforeSeconds?: number;
}

/**
 * JWT authentication with a token per user.
 *
 * @example
 * ```ts
 * import { execFileSync } from 'node:child_process';
 * import { jwtAuth } from '@hpckit/adapter-slurm';
 *
 * // Runs where `scontrol token` may mint for others (root or SlurmUser).
 * const auth = jwtAuth({
 *   serviceUser: 'portal',
 *   mint: async (user) => ({
 *     token: execFileSync('scontrol', ['token', `username=${user}`, 'lifespan=900'], { encoding: 'utf8' })
 *       .trim()
 *       .replace(/^SLURM_JWT=/, ''),
 *     expiresAt: new Date(Date.now() + 900_000),
 *   }),
 * });
 * ```
 */
export function jwtAuth(options: JwtAuthOptions): RestAuth {
  const refreshMs = (options.refreshBeforeSeconds ?? 60) * 1000;
  const cache = new Map<string, Promise<MintedToken>>();
  const tokenOf = (user: string) => {
    let entry = cache.get(user);
    if (!entry) {
      entry = options.mint(user).then((t) => (typeof t === 'string' ? { token: t } : t));
      cache.set(user, entry);
      entry.catch(() => cache.delete(user));
    }
    return entry;
  };
  return {
    actsForUsers: true,
    async headers(user) {
      const name = user ?? options.serviceUser;
      let minted = await tokenOf(name);
      if (minted.expiresAt && minted.expiresAt.getTime() - refreshMs <= Date.now()) {
        cache.delete(name);
        minted = await tokenOf(name);
      }
      return { 'X-SLURM-USER-NAME': name, 'X-SLURM-USER-TOKEN': minted.token };
    },
    invalidate(user) {
      cache.delete(user ?? options.serviceUser);
    },
  };
}

/**
 * Local authentication (`rest_auth/local`) for a slurmrestd on a UNIX socket: slurmrestd takes
 * the identity of the process at the other end of the socket, so no token is sent and every call
 * acts as the user this process runs as (the adapter declares `actAsUser` false).
 *
 * @example
 * ```ts
 * import { localAuth, slurmRestAdapter } from '@hpckit/adapter-slurm';
 *
 * // slurmrestd started as `slurmrestd -a rest_auth/local unix:/run/slurmrestd/slurmrestd.socket`
 * const adapter = slurmRestAdapter({ url: 'unix:/run/slurmrestd/slurmrestd.socket', auth: localAuth() });
 * ```
 */
export function localAuth(): RestAuth {
  return {
    actsForUsers: false,
    headers: async () => ({}),
    invalidate: () => undefined,
  };
}
