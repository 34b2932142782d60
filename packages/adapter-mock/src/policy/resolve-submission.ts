import type { JobSpec } from '@hpckit/core';
import type { MockQos } from '../cluster/mock-cluster-schema.js';
import type { AccountDirectory } from '../directory/account-directory.js';
import { type JobDemand, jobDemandOf } from '../resources/job-demand.js';
import type { PartitionRuntime } from '../scheduler/partition-runtime.js';
import { checkCpus, checkNodeConfiguration } from './resource-limits.js';
import { INVALID_ACCOUNT, POLICY_VIOLATION, refuseSubmission } from './submission-refusal.js';
import { checkTimeLimit } from './time-limits.js';

/** The cluster tables a submission is checked against. */
export interface SubmissionContext {
  partitions: ReadonlyMap<string, PartitionRuntime>;
  defaultPartition: PartitionRuntime;
  qos: ReadonlyMap<string, MockQos>;
  defaultQos: string | undefined;
  directory: AccountDirectory;
}

/** A submission with every default filled and every rule checked. */
export interface ResolvedSubmission extends JobDemand {
  account: string;
  partition: PartitionRuntime;
  qos: MockQos | undefined;
  timeLimitSeconds: number | undefined;
}

/**
 * Fills in what the spec leaves to the scheduler (account, partition, QoS, time limit, memory) and
 * checks it as slurmctld 22.05 does, in its order (measured by the differential suite against the
 * test cluster): partition, association, QoS, processors and node count, the partition's time
 * limit, the QoS's, node configuration (GPUs, memory), then submit limits (blocked account, user).
 *
 * @throws `POLICY_VIOLATION` with the matching `details.reason`, Slurm's native reason and stderr.
 */
export function resolveSubmission(spec: JobSpec, user: string, ctx: SubmissionContext): ResolvedSubmission {
  const partition = spec.partition === undefined ? ctx.defaultPartition : ctx.partitions.get(spec.partition);
  if (!partition) {
    throw refuseSubmission('invalid_partition', {
      nativeReason: 'ESLURM_INVALID_PARTITION_NAME',
      detail: `invalid partition specified: ${spec.partition}`,
      failure: 'Invalid partition name specified',
      subject: spec.partition,
      allowed: [...ctx.partitions.keys()],
    });
  }

  const userRecord = ctx.directory.user(user);
  // The names that would be accepted, for the refusal to list: the way out of a wrong name.
  const accountsOfUser = () =>
    ctx.directory
      .accounts()
      .filter((a) => a.members.has(user))
      .map((a) => a.name);
  const accountName = spec.account ?? userRecord?.defaultAccount;
  if (accountName === undefined) {
    throw refuseSubmission('invalid_account', {
      nativeReason: 'ESLURM_INVALID_ACCOUNT',
      failure: INVALID_ACCOUNT,
      user,
      allowed: accountsOfUser(),
    });
  }
  const account = ctx.directory.account(accountName);
  const member = account?.members.get(user);
  if (!account || !member) {
    throw refuseSubmission('invalid_account', {
      nativeReason: 'ESLURM_INVALID_ACCOUNT',
      failure: INVALID_ACCOUNT,
      subject: accountName,
      allowed: accountsOfUser(),
    });
  }

  const qosName = spec.qos ?? ctx.defaultQos;
  const qos = qosName === undefined ? undefined : ctx.qos.get(qosName);
  if (qosName !== undefined && !qos) {
    throw refuseSubmission('invalid_qos', {
      nativeReason: 'ESLURM_INVALID_QOS',
      failure: 'Invalid qos specification',
      subject: qosName,
      allowed: [...ctx.qos.keys()],
    });
  }
  const allowed = partition.def.qos;
  if (qosName !== undefined && allowed && !allowed.includes(qosName)) {
    throw refuseSubmission('qos_not_allowed', {
      nativeReason: 'ESLURM_INVALID_QOS',
      failure: 'Invalid qos specification',
      subject: qosName,
      partition: partition.def.name,
      allowed,
    });
  }

  const demand = jobDemandOf(spec, partition.def);
  checkCpus(demand.demand, partition.def);
  const timeLimitSeconds = checkTimeLimit(spec.timeLimit, partition.def, qos);
  checkNodeConfiguration(demand.demand, partition.def);

  if (account.blocked) {
    throw refuseSubmission('account_blocked', {
      nativeReason: 'AssocGrpSubmitJobsLimit',
      detail: 'AssocGrpSubmitJobsLimit',
      failure: POLICY_VIOLATION,
      subject: account.name,
    });
  }
  if (member.blocked) {
    throw refuseSubmission('user_blocked', {
      nativeReason: 'AssocMaxSubmitJobLimit',
      detail: 'AssocMaxSubmitJobLimit',
      failure: POLICY_VIOLATION,
      subject: account.name,
    });
  }
  return { account: account.name, partition, qos, timeLimitSeconds, ...demand };
}
