import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type MockAdapter, mockAdapter } from '@hpckit/adapter-mock';
import {
  localTransport,
  slurmAdapter,
  sshTransport,
  type SshTransport,
  type Transport,
} from '@hpckit/adapter-slurm';
import { createPricingEngine, createResourcePolicy, ikkemPreset, type SitePreset } from '@hpckit/billing';
import {
  type AccessSource,
  createClient,
  type HpckitClient,
  UnsupportedError,
  ValidationError,
} from '@hpckit/core';
import { type FileSystem, jobOutputSource, localFileSystem, sftpFileSystem } from '@hpckit/remote';
import { siteRules } from '../config/site-rules.js';
import type { SiteCluster, SiteConfig } from '../config/schema.js';

/** One cluster of the config, opened: a client (acting as the `--as` user when given) and its site. */
export interface OpenCluster {
  /** The cluster's key in the config (also `job.cluster`). */
  name: string;
  cluster: SiteCluster;
  /** The root client, for closing and for operations no user view has. */
  root: HpckitClient;
  /** The client acting as the mapped `--as` user, or the root client. */
  client: HpckitClient;
  /** The login `--as` maps to on this cluster. */
  user: string | undefined;
  site: SitePreset | undefined;
  /** The mock adapter, on a mock cluster (`hpckit apps` plays its compute nodes). */
  mock: MockAdapter | undefined;
  /** How the Slurm tools are run (undefined on the mock): `hpckit apps` runs its file commands on it. */
  transport: Transport | undefined;
  /**
   * The files of `user` (default: the acting user) on the cluster: SFTP over an ssh transport, this
   * machine's disk for a local one, the mock's `homes` directory on the mock. Closed with the cluster.
   */
  files(user?: string): FileSystem;
  /** Closes the file systems opened, then the client (and its transport). */
  close(): Promise<void>;
}

// The mock adapter's own login (its defaultUser): whom commands without a user act as.
const MOCK_LOGIN = 'alice';

/** A user's home in the mock's `homes` directory (the mock's own login without a user). */
export const mockHome = (homes: string, user: string | undefined) => join(homes, user ?? MOCK_LOGIN);

/** The name of the cluster to use: `--cluster`, else `defaultCluster`, else the first. */
export function clusterName(config: SiteConfig, chosen: string | undefined): string {
  const names = Object.keys(config.clusters);
  const name = chosen ?? config.defaultCluster ?? names[0]!;
  if (!Object.hasOwn(config.clusters, name)) {
    throw new ValidationError({
      details: {
        subject: '--cluster',
        issues: [
          siteRules.validationIssue(['cluster'], 'unknown_cluster', { value: name, text: names.join(', ') }),
        ],
      },
    });
  }
  return name;
}

/** The site preset a cluster names, priced and checked under the cluster's key. */
export function siteOf(name: string, cluster: SiteCluster): SitePreset | undefined {
  return cluster.site === 'ikkem' ? ikkemPreset({ cluster: name }) : undefined;
}

/** The site of a cluster, refusing one without: quotes and checks need its rules. */
export function requireSite(open: Pick<OpenCluster, 'name' | 'site'>): SitePreset {
  if (open.site) return open.site;
  throw new ValidationError({
    details: {
      subject: 'hpckit.yaml',
      issues: [siteRules.validationIssue(['clusters', open.name, 'site'], 'no_site', { value: open.name })],
    },
  });
}

/** Options of {@link openCluster} a program adds to what the config says. */
export interface OpenClusterOptions {
  /**
   * Who administers which account, asked by the client on every call (a portal passes
   * `ledgerAccess({ ledger })` of `@hpckit/billing/ledger`); without it, the client's default.
   */
  access?: AccessSource;
}

/** Opens a cluster of the config: its adapter, a client with the site's policy as submit guard. */
export function openCluster(
  config: SiteConfig,
  chosen: string | undefined,
  as: string | undefined,
  options: OpenClusterOptions = {},
): OpenCluster {
  const name = clusterName(config, chosen);
  const cluster = config.clusters[name]!;
  const site = siteOf(name, cluster);
  const policy = site ? createResourcePolicy(site.resourcePolicy) : undefined;
  const who = as ?? cluster.user;
  const user = who === undefined ? undefined : (cluster.users[who] ?? who);
  const transport = cluster.adapter === 'slurm' ? transportOf(cluster) : undefined;
  const made = new Map<string, FileSystem>();
  const files = (owner: string | undefined = user): FileSystem => {
    const key = owner ?? '';
    let fs = made.get(key);
    if (!fs) {
      fs = fileSystemOf(name, cluster, transport, owner);
      made.set(key, fs);
    }
    return fs;
  };
  const mock = transport ? undefined : mockOf(cluster);
  const adapter = mock ?? slurmAdapterOf(name, cluster, transport!);
  // Job output is read as the user whose handle asks: the same files `hpckit files` uses.
  const jobOutput = jobOutputSource({ files: (owner) => files(owner) });
  const root = createClient({
    clusters: {
      [name]: {
        adapter,
        // Without a user to act for, commands run as the adapter's own login, as the Slurm tools would.
        actAsLogin: true,
        jobOutput,
        ...(policy ? { beforeSubmit: policy.submitGuard } : {}),
      },
    },
    ...(options.access ? { access: options.access } : {}),
  });
  return {
    name,
    cluster,
    root,
    client: user === undefined ? root : root.as(user),
    user,
    site,
    mock,
    transport,
    files,
    async close() {
      await Promise.all([...made.values()].map((fs) => fs.close()));
      await root.close();
    },
  };
}

function transportOf(cluster: SiteCluster): Transport {
  const { kind, userKeyPath, ...options } = cluster.transport ?? { kind: 'local' };
  if (kind !== 'ssh') return localTransport(options);
  // A file cannot hold the function `userCredentials` is: each user's key is found by the path's
  // pattern instead, the login being the user acted for.
  const perUser =
    typeof userKeyPath === 'string'
      ? {
          userCredentials: (user: string) => ({
            username: user,
            privateKeyPath: userKeyPath.replaceAll('{user}', user),
          }),
        }
      : {};
  return sshTransport({ ...(options as Parameters<typeof sshTransport>[0]), ...perUser });
}

// The files of `user`: SFTP logs in as the transport's user (the remote package refuses another
// one, as SFTP cannot act through sudo); a local transport's files are this process's.
function fileSystemOf(
  name: string,
  cluster: SiteCluster,
  transport: Transport | undefined,
  user: string | undefined,
): FileSystem {
  if (cluster.adapter === 'mock') {
    if (!cluster.homes) {
      throw new ValidationError({
        details: {
          subject: 'hpckit.yaml',
          issues: [siteRules.validationIssue(['clusters', name, 'homes'], 'no_homes', { value: name })],
        },
      });
    }
    const home = mockHome(cluster.homes, user);
    mkdirSync(home, { recursive: true });
    // Every home belongs to this process: the file system itself keeps each user inside theirs.
    return localFileSystem({ home, user: user ?? MOCK_LOGIN, confine: true });
  }
  if (transport && 'session' in transport) {
    const ssh = cluster.transport as { actAs?: { mode?: string }; credentials?: { username?: string } };
    // Only per-user credentials log in as another user; the transport's own login needs no user.
    const as = ssh.actAs?.mode !== 'credentials' && user === ssh.credentials?.username ? undefined : user;
    return sftpFileSystem({ transport: transport as SshTransport, ...(as ? { user: as } : {}) });
  }
  const local = localFileSystem();
  if (user !== undefined && user !== local.user) {
    throw new UnsupportedError({
      details: { capability: 'files', adapter: 'remote', reason: 'other_login', user, login: local.user },
    });
  }
  return local;
}

function mockOf(cluster: SiteCluster): MockAdapter {
  return mockAdapter({
    ...(cluster.clockScale ? { clock: { mode: 'scaled', scale: cluster.clockScale } } : {}),
    // Jobs' working directories and output files land in the homes, as on a cluster's file system.
    ...(cluster.homes ? { homes: cluster.homes, files: localFileSystem({ home: cluster.homes }) } : {}),
  });
}

function slurmAdapterOf(name: string, cluster: SiteCluster, transport: Transport) {
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
