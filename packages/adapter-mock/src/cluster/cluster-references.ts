import type { z } from 'zod';

interface ClusterShape {
  partitions: { name: string; default: boolean; maxTime?: number; defaultTime?: number; qos?: string[] }[];
  qos: { name: string }[];
  defaultQos?: string;
  accounts: { name: string; members: { user: string }[] }[];
  users: { name: string; defaultAccount?: string; uid?: number }[];
}

/**
 * Checks what a field-by-field schema cannot: unique names, references between partitions, QoS,
 * accounts and users, and defaults within limits. Each problem is reported at its path.
 */
export function checkClusterReferences(cluster: ClusterShape, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  unique(cluster.partitions, 'partitions', 'partition', issue);
  unique(cluster.qos, 'qos', 'QoS', issue);
  unique(cluster.accounts, 'accounts', 'account', issue);
  unique(cluster.users, 'users', 'user', issue);

  const qosNames = new Set(cluster.qos.map((q) => q.name));
  const defaults = cluster.partitions.flatMap((p, i) => (p.default ? [i] : []));
  if (defaults.length > 1) {
    issue(
      ['partitions', defaults[1]!, 'default'],
      `only one partition may be the default; "${cluster.partitions[defaults[0]!]!.name}" already is`,
    );
  }
  cluster.partitions.forEach((p, i) => {
    if (p.defaultTime !== undefined && p.maxTime !== undefined && p.defaultTime > p.maxTime) {
      issue(['partitions', i, 'defaultTime'], `must not exceed the partition's maxTime (${p.maxTime} s)`);
    }
    p.qos?.forEach((q, j) => {
      if (!qosNames.has(q)) issue(['partitions', i, 'qos', j], `QoS "${q}" is not defined in "qos"`);
    });
  });
  if (cluster.defaultQos !== undefined && !qosNames.has(cluster.defaultQos)) {
    issue(['defaultQos'], `QoS "${cluster.defaultQos}" is not defined in "qos"`);
  }

  const uids = new Map<number, string>();
  cluster.users.forEach((u, i) => {
    if (u.uid !== undefined) {
      const other = uids.get(u.uid);
      if (other !== undefined) issue(['users', i, 'uid'], `uid ${u.uid} is already used by "${other}"`);
      uids.set(u.uid, u.name);
    }
    if (u.defaultAccount === undefined) return;
    const account = cluster.accounts.find((a) => a.name === u.defaultAccount);
    if (!account)
      issue(['users', i, 'defaultAccount'], `account "${u.defaultAccount}" is not defined in "accounts"`);
    else if (!account.members.some((m) => m.user === u.name)) {
      issue(
        ['users', i, 'defaultAccount'],
        `"${u.name}" is not a member of "${u.defaultAccount}": add it to that account's members`,
      );
    }
  });
}

function unique(
  items: { name: string }[],
  field: string,
  what: string,
  issue: (path: (string | number)[], message: string) => void,
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.name)) issue([field, i, 'name'], `${what} "${item.name}" is defined twice`);
    seen.add(item.name);
  });
}
