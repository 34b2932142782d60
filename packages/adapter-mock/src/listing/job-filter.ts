import { type JobQuery, matchesStateFilter } from '@hpckit/core';
import { jobState } from '../jobs/job-view.js';
import type { SimJob } from '../jobs/sim-job.js';

/**
 * A predicate for every filter of a query, AND-ed (a list inside a filter is OR-ed; time ranges
 * include both ends). `jobIds` is handled by the caller through the id index.
 */
export function jobFilterOf(query: JobQuery, now: number): (job: SimJob) => boolean {
  const checks: ((job: SimJob) => boolean)[] = [];
  const users = query.users && new Set(query.users);
  const accounts = query.accounts && new Set(query.accounts);
  const partitions = query.partitions && new Set(query.partitions);
  if (users) checks.push((j) => users.has(j.user));
  if (accounts) checks.push((j) => accounts.has(j.account));
  if (partitions) checks.push((j) => partitions.has(j.partition.def.name));
  if (query.name !== undefined) {
    const name = query.name;
    checks.push((j) => j.name === name);
  }
  const submit = query.submitTime;
  if (submit) checks.push((j) => within(j.submitTime, submit));
  const ended = query.endTime;
  if (ended) checks.push((j) => j.endTime !== undefined && within(j.endTime, ended));
  const states = query.states;
  if (states) checks.push((j) => matchesStateFilter(jobState(j, now), states));
  return (job) => checks.every((check) => check(job));
}

function within(ms: number, range: { from?: Date; to?: Date }): boolean {
  return (
    (range.from === undefined || ms >= range.from.getTime()) &&
    (range.to === undefined || ms <= range.to.getTime())
  );
}
