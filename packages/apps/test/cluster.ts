/**
 * The real Slurm test cluster of scripts/slurm-cluster/up.sh, with the apps step of
 * scripts/apps/up.sh, from the shared test/support/test-cluster.ts.
 */
import { execFileSync } from 'node:child_process';
import { assertClusterUp } from '../../../test/support/test-cluster.js';

export { sshAs, sshPerUser } from '../../../test/support/test-cluster.js';

/** Fails (never skips) when the cluster or Jupyter is missing, saying which script to run. */
export function assertAppsClusterUp(): void {
  assertClusterUp('scripts/apps/up.sh');
  try {
    execFileSync('jupyter-notebook', ['--version'], { timeout: 30_000 });
  } catch {
    throw new Error('jupyter-notebook is not installed; run scripts/apps/up.sh as root');
  }
}
