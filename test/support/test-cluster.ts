/**
 * The project's real test cluster (scripts/slurm-cluster/up.sh): where its state and keys live,
 * whether it is up, and SSH transports for each way a portal acts for users. Shared by the
 * integration tests of every package and by the benchmarks.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type SshTransport, type SshTransportOptions, sshTransport } from '@hpckit/transport';

const STATE = process.env.SLURM_LOCAL_STATE ?? '/var/lib/slurm-local';
export const SSH_PORT = Number(process.env.SLURM_LOCAL_SSH_PORT ?? 2222);
export const KNOWN_HOSTS = join(STATE, 'ssh', 'known_hosts');
/** A test user's private key (`alice`, `bob`, or the `portal` service account). */
export const keyOf = (user: string) => join(STATE, 'ssh', `${user}_ed25519`);

/** What `scontrol ping` says, or the error it failed with. */
function pingController(): string {
  try {
    return execFileSync('scontrol', ['ping'], { encoding: 'utf8', timeout: 10_000 });
  } catch (err) {
    return String(err);
  }
}

/** Whether the controller answers and the sshd keys are in place. */
export function clusterUp(): boolean {
  return /UP/.test(pingController()) && existsSync(KNOWN_HOSTS) && existsSync(keyOf('alice'));
}

/**
 * Fails (never skips) when the cluster is not up: integration tests exist to prove the code on the
 * real thing, and a silent skip would hide that they did not run.
 */
export function assertClusterUp(script = 'scripts/slurm-cluster/up.sh'): void {
  const ping = pingController();
  if (!/UP/.test(ping) || !existsSync(KNOWN_HOSTS) || !existsSync(keyOf('alice'))) {
    throw new Error(
      `the Slurm test cluster is not up (scontrol ping: ${ping.trim()}); run ${script} as root`,
    );
  }
}

/** One association of an account on the test cluster, as sacctmgr shows it. */
export interface Association {
  /** The member, or `''` for the account's own association. */
  user: string;
  /** Whether hpckit's block is on it: `GrpSubmitJobs=0` on the account's, `MaxSubmitJobs=0` on a member's. */
  blocked: boolean;
}

/**
 * The associations of `account` (only `user`'s, given a user), sorted by user, read with
 * `sacctmgr show assoc` itself rather than through hpckit: `[]` when there are none.
 */
export async function associations(account: string, user?: string): Promise<Association[]> {
  const where = [`accounts=${account}`, ...(user === undefined ? [] : [`users=${user}`])];
  const { stdout } = await promisify(execFile)(
    'sacctmgr',
    ['-n', '-P', 'show', 'assoc', 'where', ...where, 'format=user,grpsubmitjobs,maxsubmitjobs'],
    { encoding: 'utf8', timeout: 10_000 },
  );
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [name = '', grp, max] = line.trim().split('|');
      return { user: name, blocked: (name === '' ? grp : max) === '0' };
    })
    .sort((a, b) => a.user.localeCompare(b.user));
}

const base = { host: '127.0.0.1', port: SSH_PORT, hostKey: { knownHosts: [KNOWN_HOSTS] } };

/** SSH as `user` with their own key (no acting for others). */
export function sshAs(user: string): SshTransport {
  return sshTransport({ ...base, credentials: { username: user, privateKeyPath: keyOf(user) } });
}

/** SSH with each user's own key, chosen per call; calls without a user run as the portal account. */
export function sshPerUser(): SshTransport {
  return sshTransport({
    ...base,
    credentials: { username: 'portal', privateKeyPath: keyOf('portal') },
    actAs: { mode: 'credentials' },
    userCredentials: (user) => ({ username: user, privateKeyPath: keyOf(user) }),
  });
}

/** SSH as the portal service account (a Slurm administrator), acting for users through sudo. */
export function sshServiceAccount(overrides: Partial<SshTransportOptions> = {}): SshTransport {
  return sshTransport({
    ...base,
    credentials: { username: 'portal', privateKeyPath: keyOf('portal') },
    actAs: { mode: 'sudo' },
    ...overrides,
  });
}

/** slurmrestd of the test cluster (JWT on loopback TCP). */
export const REST_URL = `http://127.0.0.1:${process.env.SLURM_LOCAL_REST_PORT ?? 6820}`;

/**
 * Mints a JWT for `user` as the cluster does for a portal running beside slurmctld: root's
 * `scontrol token username=<user>` (the token is printed as `SLURM_JWT=<token>`).
 */
export async function scontrolToken(
  user: string,
  lifespanSeconds = 600,
): Promise<{ token: string; expiresAt: Date }> {
  const out = execFileSync('scontrol', ['token', `username=${user}`, `lifespan=${lifespanSeconds}`], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  return {
    token: out.trim().replace(/^SLURM_JWT=/, ''),
    expiresAt: new Date(Date.now() + lifespanSeconds * 1000),
  };
}

/**
 * The last `n` plain jobs (no array tasks) accounting holds as ended that left the queue at least
 * a minute ago, of every user or of `user`.
 */
export function purgedIds(n: number, user?: string): string[] {
  const out = execFileSync(
    'sacct',
    [
      ...(user === undefined ? ['-a'] : ['-u', user]),
      '-X',
      '-n',
      '-P',
      '-o',
      'JobID,JobIDRaw,End',
      '--state=CD,CA,F,TO',
      '-S',
      'now-30days',
      '-E',
      'now',
    ],
    { encoding: 'utf8', env: { ...process.env, SLURM_TIME_FORMAT: '%s' } },
  );
  const cutoff = Date.now() / 1000 - 60;
  const ids = out
    .trim()
    .split('\n')
    .map((l) => l.split('|') as [string, string, string])
    // Plain jobs only: an array task is looked up by its array id, not its raw id.
    .filter(([id, raw, end]) => id === raw && /^\d+$/.test(id) && Number(end) < cutoff)
    .map(([id]) => id);
  return ids.slice(-n);
}
