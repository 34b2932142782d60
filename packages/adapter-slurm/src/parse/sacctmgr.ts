import type { Qos } from '@hpckit/core';
import { parseSlurmDuration } from './slurm-values.js';

/** One association row of `sacctmgr -n -P show assoc`. */
export interface Association {
  account: string;
  /** Empty for the account's own association. */
  user: string;
  /** Empty unless the association is for one partition. */
  partition: string;
  qos: string[];
  defaultQos?: string;
  maxSubmitJobs?: number;
  grpSubmitJobs?: number;
}

/** The `format=` list {@link parseAssociations} reads. */
export const ASSOC_FORMAT = 'account,user,partition,qos,defaultqos,maxsubmitjobs,grpsubmitjobs';

/** Parses `sacctmgr -n -P show assoc format=<ASSOC_FORMAT>`. */
export function parseAssociations(output: string): Association[] {
  return rows(output, 7).map(([account, user, partition, qos, defaultQos, maxSubmit, grpSubmit]) => ({
    account: account!,
    user: user!,
    partition: partition!,
    qos: qos ? qos.split(',').filter(Boolean) : [],
    defaultQos: defaultQos || undefined,
    maxSubmitJobs: maxSubmit ? Number(maxSubmit) : undefined,
    grpSubmitJobs: grpSubmit ? Number(grpSubmit) : undefined,
  }));
}

/** The `format=` list {@link parseQos} reads. */
export const QOS_FORMAT = 'name,priority,maxwall';

/** Parses `sacctmgr -n -P show qos format=<QOS_FORMAT>`. */
export function parseQos(output: string): Qos[] {
  return rows(output, 3).map(([name, priority, maxWall]) => {
    const seconds = parseSlurmDuration(maxWall ?? '');
    return {
      name: name!,
      priority: Number(priority || 0),
      maxWallSeconds: seconds && seconds > 0 ? seconds : undefined,
    };
  });
}

/** Parses `sacctmgr -n -P show account format=account` into names. */
export function parseAccountNames(output: string): string[] {
  return rows(output, 1).map(([name]) => name!);
}

/**
 * Parses `sacctmgr -n -P show account withcoord format=account,coordinators`: each account with
 * coordinators, to their names (a comma-separated list; accounts without any are left out).
 */
export function parseCoordinators(output: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [account, names] of rows(output, 2)) {
    const set = new Set(
      (names ?? '')
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean),
    );
    if (set.size > 0) out.set(account!, set);
  }
  return out;
}

function rows(output: string, fields: number): string[][] {
  return output
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('|'))
    .filter((r) => r.length >= fields);
}
