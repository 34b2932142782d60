/** What the ledger's cluster tests share: a client of the test cluster and the site's pricing for it. */
import { slurmAdapter } from '@hpckit/adapter-slurm';
import { createPricingEngine, ikkemPreset } from '@hpckit/billing';
import { createClient } from '@hpckit/core';
import { localTransport } from '@hpckit/transport';

/** A client of the test cluster as its key `hpc`, acting for users through sudo. */
export const clusterClient = () =>
  createClient({
    clusters: { hpc: { adapter: slurmAdapter({ transport: localTransport({ actAs: { mode: 'sudo' } }) }) } },
  });

/**
 * The preset's pricing engine for the client's cluster key `hpc`: every job the client returns
 * carries that key as its `cluster` (not Slurm's own ClusterName), so the price table names it.
 */
export function sitePricing() {
  const site = ikkemPreset({ cluster: 'hpc' });
  return createPricingEngine({ table: site.priceTable, clusters: [site.cluster] });
}
