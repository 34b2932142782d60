/**
 * The visibility rule of client views as a property, on the mock scheduler: whatever the jobs,
 * users, accounts, roles and query, a user view's pages hold exactly the jobs the root client
 * lists for that query that the user may see (their own, their administered accounts', all for
 * platform staff), in the same order, each once, with that count as `total` on every page.
 */
import { type AccessRolesInput, createClient, type JobQueryInput, type ListedJob } from '@hpckit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ikkemMockCluster, mockAdapter } from '../src/index.js';

const USERS = ['u0', 'u1', 'u2', 'u3'];
const ACCOUNTS = ['a0', 'a1', 'a2'];

const jobsArb = fc.array(
  fc.record({
    user: fc.constantFrom(...USERS),
    account: fc.constantFrom(...ACCOUNTS),
    held: fc.boolean(),
    // Zero often: several jobs share a submit second, as on a busy cluster.
    advanceSeconds: fc.constantFrom(0, 0, 1, 90),
  }),
  { maxLength: 14 },
);

const rolesArb = fc.dictionary(
  fc.constantFrom(...USERS),
  fc.record({
    platform: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
    adminOf: fc.subarray(ACCOUNTS),
  }),
) as fc.Arbitrary<Record<string, { platform: boolean; adminOf: string[] }>>;

// Each filter absent half the time, so the unfiltered case (where an admin's parts overlap) is common.
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
const queryArb = fc.record({
  users: maybe(fc.subarray([...USERS, 'nobody'])),
  accounts: maybe(fc.subarray([...ACCOUNTS, 'nowhere'])),
  jobIds: maybe(fc.subarray(['1000', '1001', '1003', '1005', '1008', '1013', '99'])),
  states: maybe(fc.subarray(['queued', 'held', 'running', 'ended'] as const, { minLength: 1 })),
  limit: fc.integer({ min: 1, max: 5 }),
});

describe('what a user view lists, whatever the jobs, roles and query', () => {
  it('is every job the root lists that the user may see, page after page, in order, with a steady total', async () => {
    await fc.assert(
      fc.asyncProperty(
        jobsArb,
        rolesArb,
        fc.constantFrom(...USERS),
        queryArb,
        async (jobs, roles, viewer, { limit, ...filters }) => {
          const adapter = mockAdapter({
            cluster: ikkemMockCluster({
              accounts: ACCOUNTS.map((name) => ({ name, members: USERS })),
              users: USERS.map((name) => ({ name })),
            }),
          });
          const client = createClient({
            clusters: { hpc: { adapter } },
            access: { roles: (user): AccessRolesInput => roles[user] ?? {} },
          });
          try {
            for (const job of jobs) {
              adapter.clock.advance(`${job.advanceSeconds}s`);
              await client
                .as(job.user)
                .jobs.submit({ command: 'sleep 60', account: job.account, timeLimit: '5m', hold: job.held });
            }
            const query: JobQueryInput = Object.fromEntries(
              Object.entries(filters).filter(([, v]) => v !== undefined),
            );
            const role = roles[viewer];
            const maySee = (j: ListedJob) =>
              role?.platform === true ||
              j.user === viewer ||
              role?.adminOf.includes(j.account ?? '') === true;
            const expected = (await client.jobs.list(query)).jobs.filter(maySee).map((j) => j.id);
            const seen: string[] = [];
            for (let offset = 0; offset < expected.length + limit; offset += limit) {
              const page = await client.as(viewer).jobs.list({ ...query, offset, limit });
              expect(page.total).toBe(expected.length);
              expect(page.jobs.every(maySee)).toBe(true);
              seen.push(...page.jobs.map((j) => j.id));
            }
            expect(seen).toEqual(expected);
          } finally {
            await client.close();
          }
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);
});
