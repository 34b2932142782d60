/** What the ledger's cluster tests share: a client of the test cluster and the site's pricing for it. */
import { execFileSync } from 'node:child_process';
import { slurmAdapter } from '@hpckit/adapter-slurm';
import { createPricingEngine, ikkemPreset } from '@hpckit/billing';
import { createClient } from '@hpckit/core';
import { localTransport } from '@hpckit/transport';

/** A client of the test cluster as its key `hpc`, acting for users through sudo. */
export const clusterClient = () =>
  createClient({
    clusters: { hpc: { adapter: slurmAdapter({ transport: localTransport({ actAs: { mode: 'sudo' } }) }) } },
  });

/** The preset's pricing engine for the cluster's own name, which its sacct rows carry. */
export function sitePricing() {
  const slurmCluster = execFileSync('sacctmgr', ['-n', '-P', 'show', 'cluster', 'format=cluster'], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n')[0]!;
  const site = ikkemPreset({ cluster: slurmCluster });
  return createPricingEngine({ table: site.priceTable, clusters: [site.cluster] });
}
