import type { Job } from '@hpckit/core';
import type { EndedJobSource } from '../ledger/sync/job-source.js';
import type { AccountRecord, MemberRecord } from '../stores/records.js';

/** A fixed instant the fixtures are built around: 2026-01-05T02:00:00Z. */
export const T0 = new Date('2026-01-05T02:00:00Z');

/** An account record with defaults (`chem`, internal, owner alice, balance 0). */
export function accountFixture(overrides: Partial<AccountRecord> = {}): AccountRecord {
  return {
    name: 'chem',
    type: 'internal',
    owner: 'alice',
    currency: 'CNY',
    balance: '0.00',
    blockThreshold: '0.00',
    state: 'normal',
    createdAt: T0,
    ...overrides,
  };
}

/** A member record with defaults (`alice` in `chem`, plain member). */
export function memberFixture(overrides: Partial<MemberRecord> = {}): MemberRecord {
  return {
    account: 'chem',
    user: 'alice',
    role: 'member',
    state: 'normal',
    used: '0.00',
    createdAt: T0,
    ...overrides,
  };
}

/**
 * An ended job of cluster `c1` as an adapter reports it: 1 core in `cpu` for `seconds` (default
 * 3600), ending `endOffsetSeconds` after {@link T0}.
 */
export function endedJob(
  id: number,
  overrides: Partial<Job> & { seconds?: number; endOffsetSeconds?: number } = {},
): Job {
  const { seconds = 3600, endOffsetSeconds = id, ...rest } = overrides;
  const end = new Date(T0.getTime() + endOffsetSeconds * 1000);
  const counts = { nodes: 1, cores: 1, gpus: 0 };
  return {
    cluster: 'c1',
    id: String(id),
    name: `job-${id}`,
    user: 'alice',
    account: 'chem',
    partition: 'cpu',
    qos: 'normal',
    state: { phase: 'ended', outcome: 'completed', raw: 'COMPLETED' },
    requested: counts,
    allocated: counts,
    submitTime: new Date(end.getTime() - seconds * 1000 - 60_000),
    startTime: new Date(end.getTime() - seconds * 1000),
    endTime: end,
    elapsedSeconds: seconds,
    nodeList: ['cn01'],
    ...rest,
  };
}

/**
 * An {@link EndedJobSource} over a mutable list of jobs (any cluster name maps to the list):
 * push jobs to make them "reach accounting".
 */
export function arraySource(jobs: Job[]): EndedJobSource & { jobs: Job[] } {
  const sorted = () =>
    [...jobs].sort(
      (a, b) => a.submitTime.getTime() - b.submitTime.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  return {
    jobs,
    async endedJobs(_cluster, window, page) {
      const inWindow = sorted().filter(
        (j) =>
          j.endTime &&
          j.endTime.getTime() >= window.from.getTime() &&
          j.endTime.getTime() <= window.to.getTime(),
      );
      return { jobs: inWindow.slice(page.offset, page.offset + page.limit), total: inWindow.length };
    },
    async jobsById(_cluster, ids) {
      return jobs.filter((j) => ids.includes(j.id));
    },
  };
}
