/** The project's test cluster settings for benchmarks (see test/support/test-cluster.ts). */
import { execFileSync } from 'node:child_process';
import { KNOWN_HOSTS, keyOf } from '../../test/support/test-cluster.js';

export {
  clusterUp,
  KNOWN_HOSTS,
  SSH_PORT as PORT,
  sshPerUser,
} from '../../test/support/test-cluster.js';
/** alice's SSH key. */
export const KEY = keyOf('alice');

/** OpenSSH options (`ssh`, `scp`) that log in as alice with her key and the cluster's host key. */
export const OPENSSH_OPTIONS = ['-i', KEY, '-o', `UserKnownHostsFile=${KNOWN_HOSTS}`, '-o', 'BatchMode=yes'];

/** Ended jobs accounting holds that left the queue at least a minute ago. */
export function purgedIds(n: number): string[] {
  const out = execFileSync(
    'sacct',
    [
      '-a',
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
