import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jobTable, tableJob } from '../../test/job-table.js';
import type { Job } from '../model/job.js';
import { JobQuerySchema } from '../model/job-query.js';
import { listScopedJobs } from './scoped-job-listing.js';
import { scopeJobQuery } from './scoped-job-query.js';
import { canSeeJob, type Viewer } from './viewer.js';

const USERS = ['u0', 'u1', 'u2', 'u3'];
const ACCOUNTS = ['a0', 'a1', 'a2'];

const jobsArb = fc
  .array(
    fc.record({
      user: fc.constantFrom(...USERS),
      account: fc.option(fc.constantFrom(...ACCOUNTS), { nil: undefined }),
      // Few distinct seconds: many jobs share a submit time, as on a busy cluster.
      second: fc.integer({ min: 0, max: 5 }),
    }),
    { maxLength: 25 },
  )
  .map((rows) => rows.map((r, i) => tableJob(String(100 + i), r.user, r.account, r.second)));

const viewerArb = fc.record({
  user: fc.constantFrom(...USERS),
  // Platform staff one time in five: they see everything, so most runs test the narrowing.
  platform: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  adminOf: fc.subarray(ACCOUNTS).map((a) => new Set(a)),
}) as fc.Arbitrary<Viewer>;

// Each filter absent half the time, so the unfiltered case (where an admin's parts overlap) is common.
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
const queryArb = fc.record({
  users: maybe(fc.subarray([...USERS, 'nobody'])),
  accounts: maybe(fc.subarray([...ACCOUNTS, 'nowhere'])),
  jobIds: maybe(
    fc.subarray(
      Array.from({ length: 30 }, (_, i) => String(100 + i)),
      { maxLength: 8 },
    ),
  ),
  limit: fc.integer({ min: 1, max: 7 }),
});

describe('a scoped listing, whatever the jobs, viewer and query', () => {
  it('returns, page after page, exactly the visible matching jobs in the adapter order, with their count as total', async () => {
    await fc.assert(
      fc.asyncProperty(jobsArb, viewerArb, queryArb, async (jobs, viewer, input) => {
        const table = jobTable(jobs);
        const { limit, ...filters } = input;
        const everything = await table.list({ ...filters });
        const expected = everything.jobs.filter((j) => canSeeJob(viewer, j as Job)).map((j) => j.id);
        const seen: string[] = [];
        for (let offset = 0; offset < expected.length + limit; offset += limit) {
          const query = JobQuerySchema.parse({ ...filters, offset, limit });
          const page = await listScopedJobs(scopeJobQuery(query, viewer), query, table.list);
          expect(page.total).toBe(expected.length);
          expect(page.jobs.length).toBeLessThanOrEqual(limit);
          for (const job of page.jobs) expect(canSeeJob(viewer, job as Job)).toBe(true);
          seen.push(...page.jobs.map((j) => j.id));
        }
        expect(seen).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
