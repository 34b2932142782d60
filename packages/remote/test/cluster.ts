/**
 * The real sshd of scripts/slurm-cluster/up.sh (127.0.0.1:2222): transports logging in as each
 * user with their own key, for the SFTP and shell integration tests.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type SshTransport, sshTransport } from '@hpckit/adapter-slurm';

export const STATE = process.env.SLURM_LOCAL_STATE ?? '/var/lib/slurm-local';
export const SSH_PORT = Number(process.env.SLURM_LOCAL_SSH_PORT ?? 2222);
export const KNOWN_HOSTS = join(STATE, 'ssh', 'known_hosts');
export const keyOf = (user: string) => join(STATE, 'ssh', `${user}_ed25519`);

/** Fails (never skips) when the sshd keys are missing: a silent skip would hide an untested run. */
export function assertSshdUp(): void {
  if (!existsSync(KNOWN_HOSTS) || !existsSync(keyOf('alice'))) {
    throw new Error(
      `the test cluster's sshd is not set up (${KNOWN_HOSTS} missing); run scripts/slurm-cluster/up.sh`,
    );
  }
}

/** SSH with each user's own key (SFTP and shells run as the login user). */
export function perUserTransport(): SshTransport {
  return sshTransport({
    host: '127.0.0.1',
    port: SSH_PORT,
    credentials: { username: 'portal', privateKeyPath: keyOf('portal') },
    actAs: { mode: 'credentials' },
    userCredentials: (user) => ({ username: user, privateKeyPath: keyOf(user) }),
    hostKey: { knownHosts: [KNOWN_HOSTS] },
  });
}

/** SSH as the portal service account acting through sudo (no SFTP for other users). */
export function sudoTransport(): SshTransport {
  return sshTransport({
    host: '127.0.0.1',
    port: SSH_PORT,
    credentials: { username: 'portal', privateKeyPath: keyOf('portal') },
    actAs: { mode: 'sudo' },
    hostKey: { knownHosts: [KNOWN_HOSTS] },
  });
}
