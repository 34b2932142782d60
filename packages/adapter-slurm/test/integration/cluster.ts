/**
 * The real Slurm test cluster started by scripts/slurm-cluster/up.sh: where its keys live, the
 * identities the conformance suite uses, and transports for each way of acting for users.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ConformanceFixtures } from '@hpckit/core/testing';
import { localTransport, type SshTransport, sshTransport } from '../../src/index.js';

export const STATE = process.env.SLURM_LOCAL_STATE ?? '/var/lib/slurm-local';
export const SSH_PORT = Number(process.env.SLURM_LOCAL_SSH_PORT ?? 2222);
export const KNOWN_HOSTS = join(STATE, 'ssh', 'known_hosts');
export const keyOf = (user: string) => join(STATE, 'ssh', `${user}_ed25519`);
export const UP_SCRIPT = join(import.meta.dirname, '../../../../scripts/slurm-cluster/up.sh');
export const DOWN_SCRIPT = join(import.meta.dirname, '../../../../scripts/slurm-cluster/down.sh');

export const FIXTURES: ConformanceFixtures = {
  users: { member: 'alice', outsider: 'bob' },
  accounts: { primary: 'electroplating', secondary: 'ai4ec' },
  partitions: { cpu: 'cpu' },
  qos: { normal: 'normal' },
};

/**
 * Fails (never skips) when the cluster is not up: these tests exist to prove the adapter on real
 * Slurm, and a silent skip would hide that they did not run.
 */
export function assertClusterUp(): void {
  let ping = '';
  try {
    ping = execFileSync('scontrol', ['ping'], { encoding: 'utf8', timeout: 10_000 });
  } catch (err) {
    ping = String(err);
  }
  if (!/UP/.test(ping) || !existsSync(KNOWN_HOSTS)) {
    throw new Error(
      `the Slurm test cluster is not up (scontrol ping: ${ping.trim()}); run scripts/slurm-cluster/up.sh as root`,
    );
  }
}

/** Local commands as root, acting for users through sudo. */
export const localSudo = () => localTransport({ actAs: { mode: 'sudo' } });

/** SSH as the portal service account (a Slurm administrator), acting for users through sudo. */
export function sshServiceAccount(overrides: Partial<Parameters<typeof sshTransport>[0]> = {}): SshTransport {
  return sshTransport({
    host: '127.0.0.1',
    port: SSH_PORT,
    credentials: { username: 'portal', privateKeyPath: keyOf('portal') },
    actAs: { mode: 'sudo' },
    hostKey: { knownHosts: [KNOWN_HOSTS] },
    ...overrides,
  });
}

/** SSH with each user's own key; commands without a user run as the portal account. */
export function sshPerUser(): SshTransport {
  return sshTransport({
    host: '127.0.0.1',
    port: SSH_PORT,
    credentials: { username: 'portal', privateKeyPath: keyOf('portal') },
    actAs: { mode: 'credentials' },
    userCredentials: (user) => ({ username: user, privateKeyPath: keyOf(user) }),
    hostKey: { knownHosts: [KNOWN_HOSTS] },
  });
}

/** Waits `ms` of real time. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
