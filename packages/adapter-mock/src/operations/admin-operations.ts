import type { AccountOperations, ConfigOperations, UserOperations } from '@hpckit/core';
import { availabilityOf } from '../cluster/availability.js';
import { clusterConfigOf } from '../cluster/cluster-config.js';
import { nodeAddressesOf } from '../cluster/node-addresses.js';
import type { Immediate } from './immediate-operations.js';
import type { MockContext } from './mock-context.js';

/** Account operations: create, list, and idempotent block/unblock. */
export function createAccountOperations(ctx: MockContext): Immediate<AccountOperations> {
  const { directory } = ctx;
  return {
    create: (account) => directory.createAccount(account.name, account.owner),
    list: (filter) => directory.list(filter.user),
    block: (name) => {
      directory.requireAccount(name).blocked = true;
    },
    unblock: (name) => {
      directory.requireAccount(name).blocked = false;
    },
    status: (name) => ({ blocked: directory.requireAccount(name).blocked }),
  };
}

/** User-in-account operations: add, remove, and idempotent block/unblock. */
export function createUserOperations(ctx: MockContext): Immediate<UserOperations> {
  const { directory } = ctx;
  return {
    add: (m) => directory.addMember(m.user, m.account),
    remove: (m) => directory.removeMember(m.user, m.account),
    block: (m) => {
      directory.requireMember(m.user, m.account).blocked = true;
    },
    unblock: (m) => {
      directory.requireMember(m.user, m.account).blocked = false;
    },
    status: (m) => ({ blocked: directory.requireMember(m.user, m.account).blocked }),
  };
}

/** Discovery operations: the cluster's partitions and QoS, what a pair may use, node addresses. */
export function createConfigOperations(ctx: MockContext): Immediate<ConfigOperations> {
  const config = clusterConfigOf(ctx.cluster);
  const nodeNames = new Set([...ctx.submission.partitions.values()].flatMap((p) => p.nodeNames));
  return {
    cluster: () => structuredClone(config),
    availability: (m) => availabilityOf(m, ctx.cluster, ctx.directory),
    nodes: (query) => nodeAddressesOf(query.names, nodeNames, ctx.cluster.nodeAddress),
  };
}
