import type { Membership, NodeAddress } from '../adapter/scheduler-adapter.js';
import type { BlockStatus, SchedulerAccount } from '../model/account.js';
import type { Availability, ClusterConfig } from '../model/cluster-config.js';
import type { CallOptions } from './call-options.js';
import type { ClusterRuntime } from './cluster-runtime.js';

/** Account operations of a client. Block and unblock are idempotent; running jobs keep running. */
export interface AccountsApi {
  /** Creates an account. @throws `ALREADY_EXISTS` */
  create(account: { name: string; owner?: string }, options?: CallOptions): Promise<void>;
  /** Accounts with their members; with `user`, only that user's accounts. */
  list(filter?: { user?: string }, options?: CallOptions): Promise<SchedulerAccount[]>;
  /** Blocks an account; new submissions charged to it are refused. */
  block(account: string, options?: CallOptions): Promise<void>;
  /** Unblocks an account. */
  unblock(account: string, options?: CallOptions): Promise<void>;
  /** Whether an account is blocked. @throws `NOT_FOUND` */
  status(account: string, options?: CallOptions): Promise<BlockStatus>;
}

/** User-in-account operations of a client. Block and unblock are idempotent. */
export interface UsersApi {
  /** Adds a user to an account. */
  add(membership: Membership, options?: CallOptions): Promise<void>;
  /** Removes a user from an account. */
  remove(membership: Membership, options?: CallOptions): Promise<void>;
  /** Blocks a user in one account. */
  block(membership: Membership, options?: CallOptions): Promise<void>;
  /** Unblocks a user in one account. */
  unblock(membership: Membership, options?: CallOptions): Promise<void>;
  /** Whether a user is blocked in an account. @throws `NOT_FOUND` */
  status(membership: Membership, options?: CallOptions): Promise<BlockStatus>;
}

/** Discovery operations of a client. */
export interface ConfigApi {
  /** Partitions and QoS of a cluster. */
  cluster(options?: CallOptions): Promise<ClusterConfig>;
  /** Partitions and QoS a (user, account) pair may use, or why it may use none. */
  availability(membership: Membership, options?: CallOptions): Promise<Availability>;
  /**
   * Host names and addresses of the named nodes (a job's `nodeList`); unknown names are left out.
   * @throws `UNSUPPORTED` unless the adapter has the `config.nodes` capability
   */
  nodes(query: { names: string[] }, options?: CallOptions): Promise<NodeAddress[]>;
}

type Runtime = (cluster: string | undefined) => ClusterRuntime;

/** Builds the account, user and config APIs of a client acting as `user`. */
export function createAdminApis(runtime: Runtime, user: string | undefined) {
  const ctx = (options: CallOptions | undefined) => ({ user, signal: options?.signal });
  const on = (options: CallOptions | undefined) => runtime(options?.cluster);
  const accounts: AccountsApi = {
    create: async (account, o) => on(o).call((a) => a.accounts.create(account, ctx(o)), o?.signal),
    list: async (filter, o) => on(o).call((a) => a.accounts.list(filter, ctx(o)), o?.signal),
    block: async (name, o) => on(o).call((a) => a.accounts.block(name, ctx(o)), o?.signal),
    unblock: async (name, o) => on(o).call((a) => a.accounts.unblock(name, ctx(o)), o?.signal),
    status: async (name, o) => on(o).call((a) => a.accounts.status(name, ctx(o)), o?.signal),
  };
  const users: UsersApi = {
    add: async (m, o) => on(o).call((a) => a.users.add(m, ctx(o)), o?.signal),
    remove: async (m, o) => on(o).call((a) => a.users.remove(m, ctx(o)), o?.signal),
    block: async (m, o) => on(o).call((a) => a.users.block(m, ctx(o)), o?.signal),
    unblock: async (m, o) => on(o).call((a) => a.users.unblock(m, ctx(o)), o?.signal),
    status: async (m, o) => on(o).call((a) => a.users.status(m, ctx(o)), o?.signal),
  };
  const config: ConfigApi = {
    cluster: async (o) => on(o).call((a) => a.config.cluster(ctx(o)), o?.signal),
    availability: async (m, o) => on(o).call((a) => a.config.availability(m, ctx(o)), o?.signal),
    nodes: async (query, o) => on(o).call((a) => a.config.nodes(query, ctx(o)), o?.signal),
  };
  return { accounts, users, config };
}
