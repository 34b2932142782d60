import type { Availability, Membership } from '@hpckit/core';
import type { AccountDirectory } from '../directory/account-directory.js';
import type { MockCluster } from './mock-cluster-schema.js';

/**
 * What a (user, account) pair may submit to: every partition with the QoS allowed there, or the
 * reason it may submit nothing (unknown account or not a member, account blocked, user blocked).
 */
export function availabilityOf(
  membership: Membership,
  cluster: MockCluster,
  directory: AccountDirectory,
): Availability {
  const { user, account } = membership;
  const refused = (
    reason: NonNullable<Availability['refusal']>['reason'],
    message: string,
  ): Availability => ({
    user,
    account,
    partitions: [],
    refusal: { reason, message },
  });
  const record = directory.account(account);
  const member = record?.members.get(user);
  if (!record) return refused('invalid_account', `Account "${account}" does not exist.`);
  if (!member) return refused('invalid_account', `User "${user}" is not a member of account "${account}".`);
  if (record.blocked)
    return refused('account_blocked', `Account "${account}" is blocked and cannot submit jobs.`);
  if (member.blocked) return refused('user_blocked', `User "${user}" is blocked in account "${account}".`);
  const allQos = cluster.qos.map((q) => q.name);
  return {
    user,
    account,
    partitions: cluster.partitions.map((p) => {
      const qos = p.qos ? [...p.qos] : allQos;
      const available: Availability['partitions'][number] = { partition: p.name, qos };
      if (cluster.defaultQos !== undefined && qos.includes(cluster.defaultQos))
        available.defaultQos = cluster.defaultQos;
      return available;
    }),
  };
}
