import { describe, expect, it } from 'vitest';
import { jobTable, tableJob } from '../../test/job-table.js';
import { type JobQueryInput, JobQuerySchema } from '../model/job-query.js';
import { listScopedJobs } from './scoped-job-listing.js';
import { scopeJobQuery } from './scoped-job-query.js';
import type { Viewer } from './viewer.js';

// bob administers chem. Submit seconds tie on purpose: the merge must keep the adapter's order.
const jobs = [
  tableJob('1', 'alice', 'chem', 0),
  tableJob('2', 'bob', 'chem', 0),
  tableJob('3', 'bob', 'bio', 1),
  tableJob('4', 'carol', 'bio', 1),
  tableJob('5', 'alice', 'chem', 2),
  tableJob('6', 'bob', undefined, 3),
  tableJob('7', 'carol', 'chem', 3),
  tableJob('8', 'alice', 'bio', 4),
];
const bob: Viewer = { user: 'bob', platform: false, adminOf: new Set(['chem']) };

async function list(input: JobQueryInput, viewer: Viewer = bob) {
  const table = jobTable(jobs);
  const query = JobQuerySchema.parse(input);
  const page = await listScopedJobs(scopeJobQuery(query, viewer), query, table.list);
  return { ...page, ids: page.jobs.map((j) => j.id), calls: table.calls };
}

describe('listScopedJobs', () => {
  it('lets the adapter page a single part itself, in one call', async () => {
    const page = await list({ users: ['bob'], offset: 1, limit: 1 });
    expect([page.ids, page.total, page.calls]).toEqual([['3'], 3, 1]);
  });

  it('answers an empty scope without asking the adapter', async () => {
    const plain: Viewer = { user: 'bob', platform: false, adminOf: new Set() };
    const page = await list({ users: ['alice'] }, plain);
    expect([page.ids, page.total, page.calls]).toEqual([[], 0, 0]);
  });

  it("merges an admin's parts in order and counts the jobs of both parts once", async () => {
    // Own jobs (2, 3, 6) and chem's (1, 2, 5, 7): 2 is in both.
    const all = await list({});
    expect(all.ids).toEqual(['1', '2', '3', '5', '6', '7']);
    expect(all.total).toBe(6);
  });

  it('pages the merge without skipping or repeating a job, with the same total on every page', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 8; offset += 2) {
      const page = await list({ offset, limit: 2 });
      expect(page.total).toBe(6);
      seen.push(...page.ids);
    }
    expect(seen).toEqual(['1', '2', '3', '5', '6', '7']);
    // chem's 1, 2, 5, 7 and bob's own 3 in bio.
    const split = await list({ accounts: ['chem', 'bio'], offset: 2, limit: 2 });
    expect([split.ids, split.total]).toEqual([['3', '5'], 5]);
  });

  it('reads the submit time it merges by even when the projection leaves it out, and drops it again', async () => {
    const page = await list({ fields: ['user'], limit: 3 });
    expect(page.jobs).toEqual([
      { cluster: 'test', id: '1', state: jobs[0]!.state, user: 'alice' },
      { cluster: 'test', id: '2', state: jobs[1]!.state, user: 'bob' },
      { cluster: 'test', id: '3', state: jobs[2]!.state, user: 'bob' },
    ]);
    const timed = await list({ fields: ['submitTime'], limit: 1 });
    expect(timed.jobs[0]?.submitTime).toEqual(jobs[0]!.submitTime);
  });
});
