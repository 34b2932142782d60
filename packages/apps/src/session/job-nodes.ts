import type { CallOptions, HpckitClient, Job, NodeAddress } from '@hpckit/core';

/**
 * The nodes a job runs on, with their host names and addresses from the scheduler
 * (`config.nodes`). An adapter without that capability gives only the names, which then stand
 * for host name and address too.
 */
export async function jobNodes(client: HpckitClient, job: Job, options: CallOptions): Promise<NodeAddress[]> {
  const names = [...new Set(job.nodeList)];
  if (names.length === 0) return [];
  if (!client.capabilities(options.cluster)['config.nodes']) {
    return names.map((name) => ({ name, hostname: name, address: name }));
  }
  return client.config.nodes({ names }, options);
}
