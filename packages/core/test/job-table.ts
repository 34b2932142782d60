/**
 * An in-memory job listing for core's unit tests: filters users, accounts, job ids and names,
 * orders by submit time then id, pages and projects like an adapter's `jobs.list`, and counts
 * calls. (The real simulator, @hpckit/adapter-mock, tests the same rule end to end.)
 */
import {
  ALWAYS_LISTED_FIELDS,
  type Job,
  type JobPage,
  type JobQueryInput,
  JobQuerySchema,
  type ListedJob,
} from '@hpckit/core';

/** A job with only what listing tests need; the rest is filled in. */
export function tableJob(id: string, user: string, account: string | undefined, submitSecond: number): Job {
  return {
    cluster: 'test',
    id,
    name: `job-${id}`,
    user,
    account,
    state: { phase: 'queued', raw: 'PENDING' },
    requested: { nodes: 1, cores: 1, gpus: 0 },
    submitTime: new Date(Date.UTC(2026, 0, 1) + submitSecond * 1000),
    elapsedSeconds: 0,
    nodeList: [],
  };
}

/** Lists `jobs` for a query as an adapter would; `calls` counts the listings. */
export function jobTable(jobs: readonly Job[]) {
  const sorted = [...jobs].sort(
    (a, b) => a.submitTime.getTime() - b.submitTime.getTime() || Number(a.id) - Number(b.id),
  );
  const table = {
    calls: 0,
    async list(input: JobQueryInput): Promise<JobPage<ListedJob>> {
      table.calls++;
      const q = JobQuerySchema.parse(input);
      const matched = sorted.filter(
        (j) =>
          (!q.users || q.users.includes(j.user)) &&
          (!q.accounts || (j.account !== undefined && q.accounts.includes(j.account))) &&
          (!q.jobIds || q.jobIds.includes(j.id)) &&
          (q.name === undefined || j.name === q.name),
      );
      const page = matched.slice(q.offset, q.limit === undefined ? undefined : q.offset + q.limit);
      const keys = q.fields && new Set<string>([...ALWAYS_LISTED_FIELDS, ...q.fields]);
      const project = (j: Job) =>
        keys ? (Object.fromEntries(Object.entries(j).filter(([k]) => keys.has(k))) as ListedJob) : j;
      return { jobs: page.map(project), total: matched.length };
    },
  };
  return table;
}
