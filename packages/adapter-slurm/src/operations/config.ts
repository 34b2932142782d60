import type { Availability, CallContext, ClusterConfig, Membership, NodeAddress } from '@hpckit/core';
import { compressHostlist } from '../parse/hostlist.js';
import { onlyUnknownNodes, parseNodeAddresses } from '../parse/node-addresses.js';
import { parseQos, QOS_FORMAT } from '../parse/sacctmgr.js';
import { parseNodes, parsePartitions, type SlurmPartition } from '../parse/scontrol-partitions.js';
import type { OperationContext } from './context.js';
import { accountNames, associations } from './sacctmgr-reads.js';

/** Partitions with their access rules (scontrol) and node shapes. */
/** The cluster's partitions as `scontrol show partition` and `show node` describe them. */
export async function slurmPartitions(ops: OperationContext, ctx: CallContext): Promise<SlurmPartition[]> {
  const [partitions, nodes] = await Promise.all([
    ops.runner.run({
      program: 'scontrol',
      args: ['show', 'partition', '-o'],
      signal: ctx.signal,
      idempotent: true,
    }),
    ops.runner.run({
      program: 'scontrol',
      args: ['show', 'node', '-o'],
      signal: ctx.signal,
      idempotent: true,
    }),
  ]);
  return parsePartitions(partitions.stdout, parseNodes(nodes.stdout));
}

/** Partitions (per-node cores, memory, GPUs, limits) and QoS of the cluster. */
export async function clusterConfig(ops: OperationContext, ctx: CallContext): Promise<ClusterConfig> {
  const [partitions, qos, name] = await Promise.all([
    slurmPartitions(ops, ctx),
    ops.runner.run({
      program: 'sacctmgr',
      args: ['-n', '-P', 'show', 'qos', `format=${QOS_FORMAT}`],
      signal: ctx.signal,
      idempotent: true,
    }),
    ops.clusterName(ctx.signal),
  ]);
  return {
    name,
    partitions: partitions.map(({ allowAccounts, denyAccounts, allowQos, denyQos, ...p }) => p),
    qos: parseQos(qos.stdout),
  };
}

/**
 * What a (user, account) pair may use: the partitions whose AllowAccounts/DenyAccounts admit the
 * account and the association's QoS allowed there. A refusal says why the pair may use nothing
 * (unknown account, not a member, account or user blocked).
 */
export async function availability(
  ops: OperationContext,
  m: Membership,
  ctx: CallContext,
): Promise<Availability> {
  const [names, rows, partitions] = await Promise.all([
    accountNames(ops, ctx.signal),
    associations(ops, { accounts: [m.account] }, ctx.signal),
    slurmPartitions(ops, ctx),
  ]);
  const refuse = (
    reason: 'invalid_account' | 'account_blocked' | 'user_blocked',
    message: string,
  ): Availability => ({
    user: m.user,
    account: m.account,
    partitions: [],
    refusal: { reason, message },
  });
  if (!names.includes(m.account)) return refuse('invalid_account', `account "${m.account}" does not exist.`);
  const mine = rows.filter((r) => r.user === m.user);
  if (mine.length === 0)
    return refuse('invalid_account', `user "${m.user}" is not a member of account "${m.account}".`);
  if (rows.some((r) => r.user === '' && r.partition === '' && r.grpSubmitJobs === 0)) {
    return refuse('account_blocked', `account "${m.account}" is blocked: it may not submit jobs.`);
  }
  if (mine.every((r) => r.maxSubmitJobs === 0)) {
    return refuse('user_blocked', `user "${m.user}" is blocked in account "${m.account}".`);
  }
  const general = mine.find((r) => r.partition === '');
  const result: Availability['partitions'] = [];
  // Every partition or QoS left out is listed with Slurm's reason, so a portal can explain it.
  const refused: NonNullable<Availability['refused']> = [];
  const skip = (partition: string, reason: string, qos?: string) => refused.push({ partition, qos, reason });
  for (const p of partitions) {
    if (!p.up) {
      skip(p.name, 'the partition is down');
      continue;
    }
    if (p.allowAccounts && !p.allowAccounts.includes(m.account)) {
      skip(p.name, `AllowAccounts of the partition does not include "${m.account}"`);
      continue;
    }
    if (p.denyAccounts?.includes(m.account)) {
      skip(p.name, `DenyAccounts of the partition includes "${m.account}"`);
      continue;
    }
    const assoc = mine.find((r) => r.partition === p.name) ?? general;
    if (!assoc) {
      skip(p.name, `user "${m.user}" has no association with account "${m.account}" for this partition`);
      continue;
    }
    if (assoc.maxSubmitJobs === 0) {
      skip(
        p.name,
        `user "${m.user}" is blocked in account "${m.account}" on this partition (MaxSubmitJobs=0)`,
      );
      continue;
    }
    const qos: string[] = [];
    for (const q of assoc.qos) {
      if (p.allowQos && !p.allowQos.includes(q))
        skip(p.name, 'AllowQos of the partition does not include it', q);
      else if (p.denyQos?.includes(q)) skip(p.name, 'DenyQos of the partition includes it', q);
      else qos.push(q);
    }
    if (qos.length > 0) result.push({ partition: p.name, qos, defaultQos: assoc.defaultQos });
  }
  if (refused.length > 0) return { user: m.user, account: m.account, partitions: result, refused };
  return { user: m.user, account: m.account, partitions: result };
}

/**
 * Host names and addresses of the named nodes, in one `scontrol show node -o <hostlist>`; names
 * Slurm does not know are left out.
 */
export async function nodeAddresses(
  ops: OperationContext,
  query: { names: string[] },
  ctx: CallContext,
): Promise<NodeAddress[]> {
  const result = await ops.runner.run({
    program: 'scontrol',
    args: ['show', 'node', '-o', compressHostlist(query.names)],
    signal: ctx.signal,
    idempotent: true,
    // An unknown name makes scontrol print "Node <name> not found" on stdout and exit 1, after the
    // nodes it knows.
    acceptsFailure: (r) => onlyUnknownNodes(r.stdout, r.stderr),
  });
  const wanted = new Set(query.names);
  return parseNodeAddresses(result.stdout).filter((n) => wanted.has(n.name));
}
