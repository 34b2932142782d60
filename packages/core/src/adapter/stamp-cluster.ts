import type { AdapterOperation } from './operation-types.js';

type WithCluster = { cluster: string };

const stamp = <T extends WithCluster>(job: T, cluster: string): T =>
  job.cluster === cluster ? job : { ...job, cluster };

/**
 * Writes the client's cluster key into every job an operation returns. An adapter only knows its
 * own name (`slurm`, `mock`), while every call takes the client's key (`hpc`): without this,
 * passing `job.cluster` back to a call would name a cluster the client does not have.
 */
export function stampCluster(path: AdapterOperation, result: unknown, cluster: string): unknown {
  switch (path) {
    case 'jobs.get':
      return stamp(result as WithCluster, cluster);
    case 'jobs.list': {
      const page = result as { jobs: WithCluster[] };
      return { ...page, jobs: page.jobs.map((j) => stamp(j, cluster)) };
    }
    case 'jobs.submit': {
      const submitted = result as { job: WithCluster };
      return { ...submitted, job: stamp(submitted.job, cluster) };
    }
    case 'jobs.submitMany':
      return (result as { status: string; result?: { job: WithCluster } }[]).map((o) =>
        o.status === 'submitted' && o.result
          ? { ...o, result: { ...o.result, job: stamp(o.result.job, cluster) } }
          : o,
      );
    default:
      return result;
  }
}
