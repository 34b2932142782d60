/**
 * The real Slurm test cluster of scripts/slurm-cluster/up.sh, with the apps step of
 * scripts/apps/up.sh: keys, an SSH transport as a user, and checks that fail (never skip) when
 * something is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sshTransport } from '@hpckit/adapter-slurm';

const STATE = process.env.SLURM_LOCAL_STATE ?? '/var/lib/slurm-local';
const SSH_PORT = Number(process.env.SLURM_LOCAL_SSH_PORT ?? 2222);
const KNOWN_HOSTS = join(STATE, 'ssh', 'known_hosts');

/** Fails when the cluster or Jupyter is missing, saying which script to run. */
export function assertAppsClusterUp(): void {
  let ping = '';
  try {
    ping = execFileSync('scontrol', ['ping'], { encoding: 'utf8', timeout: 10_000 });
  } catch (err) {
    ping = String(err);
  }
  if (!/UP/.test(ping) || !existsSync(KNOWN_HOSTS)) {
    throw new Error(
      `the Slurm test cluster is not up (scontrol ping: ${ping.trim()}); run scripts/apps/up.sh as root`,
    );
  }
  try {
    execFileSync('jupyter-notebook', ['--version'], { timeout: 30_000 });
  } catch {
    throw new Error('jupyter-notebook is not installed; run scripts/apps/up.sh as root');
  }
}

/** SSH to the login node as `user` with their own key. */
export function sshAs(user: string) {
  return sshTransport({
    host: '127.0.0.1',
    port: SSH_PORT,
    credentials: { username: user, privateKeyPath: join(STATE, 'ssh', `${user}_ed25519`) },
    hostKey: { knownHosts: [KNOWN_HOSTS] },
  });
}

/** SSH as a portal would: each user's own key, chosen per call (`client.as(user)` works). */
export function sshPerUser() {
  return sshTransport({
    host: '127.0.0.1',
    port: SSH_PORT,
    credentials: { username: 'portal', privateKeyPath: join(STATE, 'ssh', 'portal_ed25519') },
    actAs: { mode: 'credentials' },
    userCredentials: (user) => ({ username: user, privateKeyPath: join(STATE, 'ssh', `${user}_ed25519`) }),
    hostKey: { knownHosts: [KNOWN_HOSTS] },
  });
}
