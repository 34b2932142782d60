import type { Availability, CallContext, ClusterConfig, Membership } from '@hpckit/core';
import { parseQos, QOS_FORMAT } from '../parse/sacctmgr.js';
import { parseNodes, parsePartitions, type SlurmPartition } from '../parse/scontrol-partitions.js';
import type { OperationContext } from './context.js';
import { accountNames, associations } from './sacctmgr-reads.js';

/** Partitions with their access rules (scontrol) and node shapes. */
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
  for (const p of partitions) {
    if (!p.up) continue;
    if (p.allowAccounts && !p.allowAccounts.includes(m.account)) continue;
    if (p.denyAccounts?.includes(m.account)) continue;
    const assoc = mine.find((r) => r.partition === p.name) ?? general;
    if (!assoc || assoc.maxSubmitJobs === 0) continue;
    const qos = assoc.qos.filter((q) => (!p.allowQos || p.allowQos.includes(q)) && !p.denyQos?.includes(q));
    if (qos.length === 0) continue;
    result.push({ partition: p.name, qos, defaultQos: assoc.defaultQos });
  }
  return { user: m.user, account: m.account, partitions: result };
}
