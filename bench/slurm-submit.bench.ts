/**
 * Submitting 500 jobs through the SDK (one `jobs.submit` after another, over pooled SSH as alice)
 * beside a shell loop of 500 `sbatch` run as alice in the same run. Jobs are submitted held and
 * cancelled afterwards, so the cluster stays idle. Needs the cluster (scripts/slurm-cluster/up.sh).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { slurmAdapter } from '@hpckit/adapter-slurm';
import { createRuntimeAdapter } from '@hpckit/core';
import { sshTransport } from '@hpckit/transport';
import { clusterUp, KEY, PORT, STATE } from './lib/slurm-cluster.js';
import { measure, report, section } from './lib/measure.js';

const N = 500;

const cancelBench = () =>
  execFileSync('scancel', ['--user=alice', '--name=bench-submit'], { stdio: 'ignore' });

export async function run(): Promise<void> {
  if (!clusterUp()) {
    console.log('  skipped: cluster not up (run scripts/slurm-cluster/up.sh)');
    return;
  }
  section(`submit ${N} held jobs`);
  const loop = `for i in $(seq ${N}); do sbatch --parsable --hold -J bench-submit -o /dev/null -t 1 --wrap true >/dev/null || exit 1; done`;
  const shell = await measure(() => execFileSync('su', ['-', 'alice', '-c', loop], { stdio: 'ignore' }));
  cancelBench();

  const rt = createRuntimeAdapter(
    slurmAdapter({
      transport: sshTransport({
        host: '127.0.0.1',
        port: PORT,
        credentials: { username: 'alice', privateKeyPath: KEY },
        hostKey: { knownHosts: [join(STATE, 'ssh', 'known_hosts')] },
      }),
    }),
  );
  const spec = { name: 'bench-submit', command: 'true', hold: true, timeLimit: '1m', stdout: '/dev/null' };
  await rt.jobs.render(spec);
  const sequential = await measure(async () => {
    for (let i = 0; i < N; i++) await rt.jobs.submit(spec);
  });
  cancelBench();
  const parallel = await measure(async () => {
    await Promise.all(Array.from({ length: N }, () => rt.jobs.submit(spec)));
  });
  cancelBench();
  await rt.close();
  report('baseline: shell loop of sbatch as alice', {
    s: shell.wallMs / 1000,
    jobsPerSec: N / (shell.wallMs / 1000),
  });
  report('SDK jobs.submit, one after another (ssh)', {
    s: sequential.wallMs / 1000,
    jobsPerSec: N / (sequential.wallMs / 1000),
    ratio: `${(sequential.wallMs / shell.wallMs).toFixed(2)}x baseline`,
  });
  report('SDK jobs.submit, all at once (8 channels)', {
    s: parallel.wallMs / 1000,
    jobsPerSec: N / (parallel.wallMs / 1000),
    ratio: `${(parallel.wallMs / shell.wallMs).toFixed(2)}x baseline`,
  });
}
