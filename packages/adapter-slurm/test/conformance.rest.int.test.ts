import { runAdapterConformance } from '@hpckit/core/testing';
import { jwtAuth, slurmRestAdapter } from '../src/index.js';
import {
  assertClusterUp,
  FIXTURES,
  REST_URL,
  scontrolToken,
  sleep,
  untilPurged,
} from './integration/cluster.js';

assertClusterUp();

runAdapterConformance({
  name: 'slurm (rest, jwt)',
  setup: () => ({
    adapter: slurmRestAdapter({
      url: REST_URL,
      auth: jwtAuth({ serviceUser: 'portal', mint: (user) => scontrolToken(user) }),
    }),
    advance: (s) => sleep(s * 1000),
    untilPurged,
  }),
  fixtures: FIXTURES,
  // The test cluster's MinJobAge is 10 s; slurmctld purged ended jobs within 12 s of submitting.
  queueRetentionSeconds: 25,
  timeoutMs: 120_000,
  skip: {
    'jobs-output: createWorkingDirectory makes the directory the job runs and writes its output in':
      'slurmrestd runs no commands on the file system: the REST adapter refuses createWorkingDirectory (UNSUPPORTED)',
    'state-transitions: a job that runs past its time limit times out':
      'a 60-90 s wait that tests Slurm, not the transport; the local conformance run covers it',
  },
});
