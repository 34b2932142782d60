/** Where the project's test cluster (scripts/slurm-cluster/up.sh) keeps what benchmarks need. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const STATE = process.env.SLURM_LOCAL_STATE ?? '/var/lib/slurm-local';
export const PORT = Number(process.env.SLURM_LOCAL_SSH_PORT ?? 2222);
/** alice's SSH key and the cluster's known_hosts line. */
export const KEY = join(STATE, 'ssh', 'alice_ed25519');
export const KNOWN_HOSTS = join(STATE, 'ssh', 'known_hosts');

/** Whether the test cluster answers and alice's key is there. */
export function clusterUp(): boolean {
  try {
    execFileSync('scontrol', ['ping'], { stdio: 'pipe', timeout: 5000 });
    execFileSync('test', ['-r', KEY]);
    return true;
  } catch {
    return false;
  }
}
