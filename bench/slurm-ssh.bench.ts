/**
 * SSH transport on the test cluster: the latency of one `jobs.list` over the pooled connection
 * beside a fresh OpenSSH `ssh host squeue` per call (the usual alternative), and 200 concurrent
 * operations over one connection beside the same 200 run one at a time. Needs the cluster
 * (scripts/slurm-cluster/up.sh).
 */
import { execFileSync } from 'node:child_process';
import { slurmAdapter } from '@hpckit/adapter-slurm';
import { createClient, type HpckitClient } from '@hpckit/core';
import { sshTransport } from '@hpckit/transport';
import { clusterUp, KEY, KNOWN_HOSTS, OPENSSH_OPTIONS, PORT } from './lib/slurm-cluster.js';
import { figures, measure, median, report, section } from './lib/measure.js';

// sshd's MaxSessions on the test cluster (templates/sshd_config.in).
const SERVER_MAX_SESSIONS = 10;

const transport = (maxChannels = 8) =>
  sshTransport({
    host: '127.0.0.1',
    port: PORT,
    credentials: { username: 'alice', privateKeyPath: KEY },
    hostKey: { knownHosts: [KNOWN_HOSTS] },
    maxChannels,
  });

export async function run(): Promise<void> {
  if (!clusterUp()) {
    console.log('  skipped: cluster not up (run scripts/slurm-cluster/up.sh)');
    return;
  }
  section('one list call: pooled SSH vs a fresh OpenSSH connection per call (median of 15)');
  const clientOf = (t: ReturnType<typeof transport>) =>
    createClient({ clusters: { hpc: { adapter: slurmAdapter({ transport: t }) } } });
  const rt = clientOf(transport());
  const query = { users: ['alice'], states: ['queued', 'running'] as ('queued' | 'running')[] };
  const fresh = await median(15, () =>
    execFileSync('ssh', ['-p', String(PORT), ...OPENSSH_OPTIONS, 'alice@127.0.0.1', 'squeue', '--me'], {
      stdio: 'pipe',
    }),
  );
  const pooled = await median(15, () => rt.jobs.list(query));
  report('baseline: ssh alice@host squeue (new connection)', figures(fresh));
  report('client.jobs.list over the pooled connection', {
    ...figures(pooled),
    ratio: `${(pooled.wallMs / fresh.wallMs).toFixed(2)}x baseline`,
  });
  await rt.close();

  section('200 list operations over one connection');
  const ops = (c: HpckitClient, i: number) => (i % 2 === 0 ? c.jobs.list(query) : c.config.cluster());
  const serialT = transport(1);
  const serial = clientOf(serialT);
  await serial.config.cluster();
  const one = await measure(async () => {
    for (let i = 0; i < 200; i++) await ops(serial, i);
  });
  await serial.close();
  const cap = 8;
  const concurrentT = transport(cap);
  const concurrent = clientOf(concurrentT);
  await concurrent.config.cluster();
  let failed = 0;
  const many = await measure(async () => {
    const results = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => ops(concurrent, i)));
    failed = results.filter((r) => r.status === 'rejected').length;
  });
  report('baseline: 200 one at a time (1 channel)', figures(one));
  report(`200 concurrent (cap ${cap} channels)`, {
    ...figures(many),
    ratio: `${(many.wallMs / one.wallMs).toFixed(2)}x baseline`,
    failed,
    maxChannels: concurrentT.maxOpenChannels(),
    serverMaxSessions: SERVER_MAX_SESSIONS,
    connections: concurrentT.stats().connections,
    channelRetries: concurrentT.stats().channelRetries,
  });
  await concurrent.close();
}
