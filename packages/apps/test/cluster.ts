/**
 * The real Slurm test cluster of scripts/slurm-cluster/up.sh, with the apps step of
 * scripts/apps/up.sh, from the shared test/support/test-cluster.ts.
 */
import { execFileSync } from 'node:child_process';
import { slurmAdapter } from '@hpckit/adapter-slurm';
import { createClient } from '@hpckit/core';
import { assertClusterUp, sshPerUser } from '../../../test/support/test-cluster.js';
import { type AppSessionsOptions, commandSessionFiles, createAppSessions } from '../src/index.js';

export { SSH_PORT, sshAs } from '../../../test/support/test-cluster.js';

/** Fails (never skips) when the cluster or Jupyter is missing, saying which script to run. */
export function assertAppsClusterUp(): void {
  assertClusterUp('scripts/apps/up.sh');
  try {
    execFileSync('jupyter-notebook', ['--version'], { timeout: 30_000 });
  } catch {
    throw new Error('jupyter-notebook is not installed; run scripts/apps/up.sh as root');
  }
}

/**
 * App sessions as alice over per-user SSH, polled quickly, as the cluster tests use them (with
 * `options` of their own); `close()` ends the client and the transport.
 */
export function aliceSessions(options: Partial<Omit<AppSessionsOptions, 'client' | 'files'>> = {}) {
  const transport = sshPerUser();
  const root = createClient({
    clusters: { local: { adapter: slurmAdapter({ transport }) } },
    polling: { minIntervalMs: 250, maxIntervalMs: 1_000 },
  });
  const client = root.as('alice');
  const files = commandSessionFiles(transport, 'alice');
  const sessions = createAppSessions({ client, files, readyIntervalMs: 250, ...options });
  return {
    transport,
    client,
    files,
    sessions,
    async close() {
      await root.close();
      await transport.close();
    },
  };
}
