import type { SchedulerAccount } from '@hpckit/core';
import type { DesiredAccount } from './desired-state.js';
import type { ReconcileFailure } from './report.js';

/** Every difference between what the ledger wants on a cluster and what the cluster lists. */
export function differences(
  cluster: string,
  desired: DesiredAccount[],
  actual: Map<string, SchedulerAccount>,
): ReconcileFailure[] {
  const out: ReconcileFailure[] = [];
  for (const want of desired) {
    const have = actual.get(want.name);
    if (!have) {
      out.push({ cluster, account: want.name, wanted: 'present' });
      continue;
    }
    if (have.blocked !== want.blocked) {
      out.push({ cluster, account: want.name, wanted: want.blocked ? 'blocked' : 'unblocked' });
    }
    const members = new Map(have.members.map((m) => [m.user, m.blocked]));
    for (const [user, blocked] of want.members) {
      const was = members.get(user);
      if (was === undefined) out.push({ cluster, account: want.name, user, wanted: 'present' });
      else if (was !== blocked)
        out.push({ cluster, account: want.name, user, wanted: blocked ? 'blocked' : 'unblocked' });
    }
    for (const user of members.keys()) {
      if (!want.members.has(user)) out.push({ cluster, account: want.name, user, wanted: 'absent' });
    }
  }
  return out;
}
