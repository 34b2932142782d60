import type { Client } from 'ssh2';

/**
 * Where SFTP and shell channels come from: `sshTransport` of `@hpckit/transport` (its pooled
 * connection per user), or anything with the same `session` method (a test double, a portal's own
 * ssh2 pool).
 */
export interface SessionSource {
  /** The logged-in connection for `user`, and who it is logged in as. */
  session(user?: string): Promise<{ client: Client; login: string; host: string }>;
}
