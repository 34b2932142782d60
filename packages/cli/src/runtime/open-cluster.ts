import { mockAdapter } from '@hpckit/adapter-mock';
import { localTransport, slurmAdapter, sshTransport } from '@hpckit/adapter-slurm';
import { createPricingEngine, createResourcePolicy, ikkemPreset, type SitePreset } from '@hpckit/billing';
import { createClient, type HpckitClient, ValidationError } from '@hpckit/core';
import { cliRules } from '../config/cli-rules.js';
import type { CliCluster, CliConfig } from '../config/schema.js';

/** One cluster of the config, opened: a client (acting as the `--as` user when given) and its site. */
export interface OpenCluster {
  /** The cluster's key in the config (also `job.cluster`). */
  name: string;
  cluster: CliCluster;
  /** The root client, for closing and for operations no user view has. */
  root: HpckitClient;
  /** The client acting as the mapped `--as` user, or the root client. */
  client: HpckitClient;
  /** The login `--as` maps to on this cluster. */
  user: string | undefined;
  site: SitePreset | undefined;
}

/** The name of the cluster to use: `--cluster`, else `defaultCluster`, else the first. */
export function clusterName(config: CliConfig, chosen: string | undefined): string {
  const names = Object.keys(config.clusters);
  const name = chosen ?? config.defaultCluster ?? names[0]!;
  if (!Object.hasOwn(config.clusters, name)) {
    throw new ValidationError({
      details: {
        subject: '--cluster',
        issues: [
          cliRules.validationIssue(['cluster'], 'unknown_cluster', { value: name, text: names.join(', ') }),
        ],
      },
    });
  }
  return name;
}

/** The site preset a cluster names, priced and checked under the cluster's key. */
export function siteOf(name: string, cluster: CliCluster): SitePreset | undefined {
  return cluster.site === 'ikkem' ? ikkemPreset({ cluster: name }) : undefined;
}

/** The site of a cluster, refusing one without: quotes and checks need its rules. */
export function requireSite(open: Pick<OpenCluster, 'name' | 'site'>): SitePreset {
  if (open.site) return open.site;
  throw new ValidationError({
    details: {
      subject: 'hpckit.yaml',
      issues: [cliRules.validationIssue(['clusters', open.name, 'site'], 'no_site', { value: open.name })],
    },
  });
}

/** Opens a cluster of the config: its adapter, a client with the site's policy as submit guard. */
export function openCluster(
  config: CliConfig,
  chosen: string | undefined,
  as: string | undefined,
): OpenCluster {
  const name = clusterName(config, chosen);
  const cluster = config.clusters[name]!;
  const site = siteOf(name, cluster);
  const policy = site ? createResourcePolicy(site.resourcePolicy) : undefined;
  const root = createClient({
    clusters: {
      [name]: {
        adapter: adapterOf(name, cluster),
        // Without a user to act for, commands run as the adapter's own login, as the Slurm tools would.
        actAsLogin: true,
        ...(policy ? { beforeSubmit: policy.submitGuard } : {}),
      },
    },
  });
  const who = as ?? cluster.user;
  const user = who === undefined ? undefined : (cluster.users[who] ?? who);
  return { name, cluster, root, client: user === undefined ? root : root.as(user), user, site };
}

function adapterOf(name: string, cluster: CliCluster) {
  if (cluster.adapter === 'mock') {
    return mockAdapter(cluster.clockScale ? { clock: { mode: 'scaled', scale: cluster.clockScale } } : {});
  }
  const { kind, ...options } = cluster.transport ?? { kind: 'local' };
  const transport =
    kind === 'ssh' ? sshTransport(options as Parameters<typeof sshTransport>[0]) : localTransport(options);
  return slurmAdapter({
    transport,
    cluster: name,
    ...(cluster.slurmCluster ? { slurmCluster: cluster.slurmCluster } : {}),
  });
}

/** The pricing engine of a site. */
export function pricingOf(site: SitePreset) {
  return createPricingEngine({ table: site.priceTable, clusters: [site.cluster] });
}
