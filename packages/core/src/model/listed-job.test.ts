/**
 * A listed job has one name in core, `ListedJob`: the client's typed listings and the adapter
 * contract's listings of any projection. `JobRecord` stays one minor version as its deprecated
 * alias. Checked by tsc, which compiles this file.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { HpckitClient, Job, JobPage, JobRecord, ListedJob, SchedulerAdapter } from '../index.js';

describe('ListedJob', () => {
  it('is the whole job without a projection and the projected fields plus cluster, id and state with one', () => {
    expectTypeOf<ListedJob<never>>().toEqualTypeOf<Job>();
    expectTypeOf<ListedJob<'name' | 'user'>>().toEqualTypeOf<
      Pick<Job, 'name' | 'user' | 'cluster' | 'id' | 'state'>
    >();
  });

  it('without an argument is a job of any projection: only cluster, id and state are sure to be there', () => {
    expectTypeOf<ListedJob['id']>().toEqualTypeOf<string>();
    expectTypeOf<ListedJob['state']>().toEqualTypeOf<Job['state']>();
    expectTypeOf<ListedJob['name']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Job>().toExtend<ListedJob>();
  });

  it('is what the client and the adapter contract list', () => {
    const listAll = (client: HpckitClient) => client.jobs.list();
    const listNames = (client: HpckitClient) => client.jobs.list({ fields: ['name'] });
    expectTypeOf<ReturnType<typeof listAll>>().toEqualTypeOf<Promise<JobPage<ListedJob<never>>>>();
    expectTypeOf<ReturnType<typeof listNames>>().toEqualTypeOf<Promise<JobPage<ListedJob<'name'>>>>();
    expectTypeOf<ReturnType<SchedulerAdapter['jobs']['list']>>().toEqualTypeOf<Promise<JobPage<ListedJob>>>();
  });

  it('keeps JobRecord as its deprecated alias', () => {
    expectTypeOf<JobRecord>().toEqualTypeOf<ListedJob>();
  });
});
