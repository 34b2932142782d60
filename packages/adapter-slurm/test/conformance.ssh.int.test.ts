import { runAdapterConformance } from '@hpckit/core/testing';
import { slurmAdapter } from '../src/index.js';
import { assertClusterUp, FIXTURES, sleep, sshServiceAccount, untilPurged } from './integration/cluster.js';

assertClusterUp();

runAdapterConformance({
  name: 'slurm (ssh, service account + sudo)',
  setup: () => ({
    adapter: slurmAdapter({ transport: sshServiceAccount() }),
    advance: (s) => sleep(s * 1000),
    untilPurged,
  }),
  fixtures: FIXTURES,
  // The test cluster's MinJobAge is 10 s; slurmctld purged ended jobs within 12 s of submitting.
  queueRetentionSeconds: 25,
  timeoutMs: 120_000,
  skip: {
    'state-transitions: a job that runs past its time limit times out':
      'a 60-90 s wait that tests Slurm, not the transport; the local conformance run covers it',
  },
});
