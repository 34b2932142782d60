import { runAdapterConformance } from '@hpckit/core/testing';
import { slurmAdapter } from '../src/index.js';
import { assertClusterUp, FIXTURES, localSudo, sleep, untilPurged } from './integration/cluster.js';

assertClusterUp();

runAdapterConformance({
  name: 'slurm (local, sudo)',
  setup: () => ({
    adapter: slurmAdapter({ transport: localSudo() }),
    advance: (s) => sleep(s * 1000),
    untilPurged,
  }),
  fixtures: FIXTURES,
  // The test cluster's MinJobAge is 10 s; slurmctld purged ended jobs within 12 s of submitting.
  queueRetentionSeconds: 25,
  timeoutMs: 120_000,
});
