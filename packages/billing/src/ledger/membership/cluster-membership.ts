import { type HpckitClient, isHpckitError, type JobStateFilter, PolicyError } from '@hpckit/core';

/** The part of an hpckit client that membership changes reach the clusters through. */
export type MembershipClient = Pick<HpckitClient, 'accounts' | 'users' | 'jobs' | 'clusters'>;

/** Where a ledger's account and membership changes go: the clusters of a client. */
export interface LedgerSchedulerOptions {
  /** The client of the clusters (acting as the platform: it creates, blocks and removes associations). */
  client: MembershipClient;
  /** Clusters to reach. @default every cluster of the client */
  clusters?: string[];
}

/** Phases in which a job still holds a membership: it may yet run and be charged to the account. */
const ACTIVE_PHASES: readonly JobStateFilter[] = ['queued', 'held', 'running', 'suspended', 'completing'];

/**
 * The cluster side of membership: one association per (user, account) on every cluster.
 * Writes are idempotent in effect: "already there" counts as done when adding, "not found" as done
 * when removing, so a change that failed half-way is finished by calling it again.
 */
export interface ClusterMembership {
  /** The clusters reached. */
  clusters(): string[];
  /** Creates the account (with its owner) on every cluster that lacks it. */
  ensureAccount(account: string, owner: string): Promise<void>;
  /** Adds the user to the account on every cluster. */
  add(account: string, user: string): Promise<void>;
  /** Blocks the user in the account on every cluster where they are a member. */
  block(account: string, user: string): Promise<void>;
  /** Ids of the user's jobs charged to the account that are not over yet, over every cluster. */
  activeJobs(account: string, user: string): Promise<string[]>;
  /** Removes the user's association with the account on every cluster. */
  remove(account: string, user: string): Promise<void>;
}

/** Builds the cluster side of membership over a client. */
export function clusterMembership(options: LedgerSchedulerOptions): ClusterMembership {
  const { client } = options;
  const clusters = () => options.clusters ?? [...client.clusters];
  const each = async (fn: (cluster: string) => Promise<void>) => {
    for (const cluster of clusters()) await fn(cluster);
  };
  return {
    clusters,
    ensureAccount: (account, owner) =>
      each((cluster) =>
        tolerate(client.accounts.create({ name: account, owner }, { cluster }), 'ALREADY_EXISTS'),
      ),
    add: (account, user) =>
      each((cluster) => tolerate(client.users.add({ user, account }, { cluster }), 'ALREADY_EXISTS')),
    block: (account, user) =>
      each((cluster) => tolerate(client.users.block({ user, account }, { cluster }), 'NOT_FOUND')),
    async activeJobs(account, user) {
      const ids: string[] = [];
      for (const cluster of clusters()) ids.push(...(await activeJobsOn(client, cluster, account, user)));
      return ids;
    },
    remove: (account, user) =>
      each((cluster) => tolerate(client.users.remove({ user, account }, { cluster }), 'NOT_FOUND')),
  };
}

/** Ids of a user's unfinished jobs charged to an account on one cluster. */
export async function activeJobsOn(
  client: Pick<HpckitClient, 'jobs'>,
  cluster: string,
  account: string,
  user: string,
): Promise<string[]> {
  const page = await client.jobs.list(
    { users: [user], accounts: [account], states: [...ACTIVE_PHASES], limit: 100 },
    { cluster },
  );
  return page.jobs.map((j) => j.id);
}

/** The refusal of a removal while the member still has jobs that may run and be charged. */
export function memberHasJobs(account: string, user: string, jobIds: string[]): PolicyError {
  return new PolicyError({ details: { reason: 'member_has_jobs', subject: account, user, jobIds } });
}

/** Awaits a cluster write, counting the given error code as "already done". */
export async function tolerate(write: Promise<void>, done: 'ALREADY_EXISTS' | 'NOT_FOUND'): Promise<void> {
  try {
    await write;
  } catch (err) {
    if (!isHpckitError(err, done)) throw err;
  }
}
