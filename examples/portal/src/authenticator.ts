/**
 * How the portal learns who signs in: a site plugs in its own (LDAP, CAS, OIDC); the portal only
 * needs the cluster user the person acts as.
 */
export interface Authenticator {
  /** The cluster user for these credentials, or undefined to refuse them (no reason is given away). */
  authenticate(credentials: { name: string; password: string }): Promise<string | undefined>;
}

/**
 * The development authenticator: a portal name maps to a cluster user, with no password. Never
 * for production: anyone who can reach the portal can act as any listed user.
 */
export function devAuthenticator(users: Readonly<Record<string, string>>): Authenticator {
  return {
    async authenticate({ name }) {
      return Object.hasOwn(users, name) ? users[name] : undefined;
    },
  };
}
