import { UnsupportedError } from '@hpckit/core';
import type { Client } from 'ssh2';
import type { SessionSource } from './session-source.js';

/**
 * The connection of `user`, refusing one logged in as someone else: SFTP and PTY channels run as
 * the login user, so a service account acting through sudo would read and write files as itself.
 */
export async function openSessionAs(
  source: SessionSource,
  user: string | undefined,
  feature: string,
): Promise<{ client: Client; login: string; host: string }> {
  const session = await source.session(user);
  if (user !== undefined && session.login !== user) {
    throw new UnsupportedError({
      details: {
        capability: `${feature} as another user`,
        adapter: 'remote',
        reason: 'other_login',
        user,
        login: session.login,
      },
    });
  }
  return session;
}
