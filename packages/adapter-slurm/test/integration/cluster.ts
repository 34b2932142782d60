/**
 * The real Slurm test cluster for the adapter's integration tests: the shared settings and
 * transports of test/support/test-cluster.ts, plus the conformance identities, its scripts and a
 * local transport acting through sudo.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ConformanceFixtures } from '@hpckit/core/testing';
import { localTransport } from '@hpckit/transport';

export {
  assertClusterUp,
  KNOWN_HOSTS,
  keyOf,
  purgedIds,
  REST_URL,
  SSH_PORT,
  scontrolToken,
  sshPerUser,
  sshServiceAccount,
} from '../../../../test/support/test-cluster.js';

export const UP_SCRIPT = join(import.meta.dirname, '../../../../scripts/slurm-cluster/up.sh');
export const DOWN_SCRIPT = join(import.meta.dirname, '../../../../scripts/slurm-cluster/down.sh');

export const FIXTURES: ConformanceFixtures = {
  users: { member: 'alice', outsider: 'bob' },
  accounts: { primary: 'electroplating', secondary: 'ai4ec' },
  partitions: { cpu: 'cpu', gpu: 'gpu' },
  qos: { normal: 'normal' },
};

/** Local commands as root, acting for users through sudo. */
export const localSudo = () => localTransport({ actAs: { mode: 'sudo' } });

/** Waits `ms` of real time. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Waits until slurmctld no longer holds these jobs (`squeue --jobs` lists none of them: purged
 * after MinJobAge, 10 s here, within its purge cycle), checking every second, for at most
 * `maxSeconds`: the conformance's `untilPurged`, instead of sleeping its whole bound.
 */
export async function untilPurged(jobIds: readonly string[], maxSeconds: number): Promise<void> {
  const deadline = Date.now() + maxSeconds * 1000;
  while (Date.now() < deadline) {
    // squeue exits 1 ("Invalid job id specified") once every listed id has been purged.
    const held = await promisify(execFile)('squeue', [
      '-h',
      '-t',
      'all',
      '-o',
      '%i',
      `--jobs=${jobIds.join(',')}`,
    ])
      .then((r) => r.stdout.trim() !== '')
      .catch(() => false);
    if (!held) return;
    await sleep(1000);
  }
}
