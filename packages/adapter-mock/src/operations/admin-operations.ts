import type { AccountOperations, ConfigOperations, UserOperations } from '@hpckit/core';
import { availabilityOf } from '../cluster/availability.js';
import { clusterConfigOf } from '../cluster/cluster-config.js';
import { nodeAddressesOf } from '../cluster/node-addresses.js';
import type { CallGuard } from './call-guard.js';
import type { MockContext } from './mock-context.js';

/** Account operations: create, list, and idempotent block/unblock. */
export function createAccountOperations(ctx: MockContext, guard: CallGuard): Required<AccountOperations> {
  const { directory } = ctx;
  return {
    create: (account, call) =>
      guard('accounts.create', call, () => directory.createAccount(account.name, account.owner)),
    list: (filter, call) => guard('accounts.list', call, () => directory.list(filter.user)),
    block: (name, call) =>
      guard('accounts.block', call, () => {
        directory.requireAccount(name).blocked = true;
      }),
    unblock: (name, call) =>
      guard('accounts.unblock', call, () => {
        directory.requireAccount(name).blocked = false;
      }),
    status: (name, call) =>
      guard('accounts.status', call, () => ({ blocked: directory.requireAccount(name).blocked })),
  };
}

/** User-in-account operations: add, remove, and idempotent block/unblock. */
export function createUserOperations(ctx: MockContext, guard: CallGuard): Required<UserOperations> {
  const { directory } = ctx;
  return {
    add: (m, call) => guard('users.add', call, () => directory.addMember(m.user, m.account)),
    remove: (m, call) => guard('users.remove', call, () => directory.removeMember(m.user, m.account)),
    block: (m, call) =>
      guard('users.block', call, () => {
        directory.requireMember(m.user, m.account).blocked = true;
      }),
    unblock: (m, call) =>
      guard('users.unblock', call, () => {
        directory.requireMember(m.user, m.account).blocked = false;
      }),
    status: (m, call) =>
      guard('users.status', call, () => ({ blocked: directory.requireMember(m.user, m.account).blocked })),
  };
}

/** Discovery operations: the cluster's partitions and QoS, what a pair may use, node addresses. */
export function createConfigOperations(ctx: MockContext, guard: CallGuard): Required<ConfigOperations> {
  const config = clusterConfigOf(ctx.cluster);
  const nodeNames = new Set([...ctx.submission.partitions.values()].flatMap((p) => p.nodeNames));
  return {
    cluster: (call) => guard('config.cluster', call, () => structuredClone(config)),
    availability: (m, call) =>
      guard('config.availability', call, () => availabilityOf(m, ctx.cluster, ctx.directory)),
    nodes: (query, call) =>
      guard('config.nodes', call, () => nodeAddressesOf(query.names, nodeNames, ctx.cluster.nodeAddress)),
  };
}
