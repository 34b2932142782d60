/**
 * The readable interfaces of the API reference are the schemas' inferred types, exactly: a field
 * added, removed or retyped on one side only fails here (vitest's typecheck and `tsc`).
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { ArraySpec, ArraySpecSchema } from './array-spec.js';
import type {
  ClientOptions,
  ClientOptionsSchema,
  ClusterOptions,
  ClusterOptionsSchema,
} from '../client/options.js';
import type { PollingOptions, PollingOptionsInput, PollingOptionsSchema } from '../watch/backoff.js';
import type { Job, JobSchema, ResourceCounts, ResourceCountsSchema } from './job.js';
import type {
  ArraySpecInput,
  Directives,
  DirectivesSchema,
  JobDependency,
  JobDependencySchema,
  JobSpec,
  JobSpecInput,
  JobSpecSchema,
  MemoryRequest,
  MemoryRequestInput,
  MemoryRequestSchema,
} from './job-spec.js';
import type { JobState, JobStateSchema } from './job-state.js';
import type { JobQuery, JobQueryInput, JobQuerySchema } from './job-query.js';
import type {
  AccountMember,
  AccountMemberSchema,
  SchedulerAccount,
  SchedulerAccountSchema,
  User,
  UserSchema,
} from './account.js';

import type {
  Charge,
  ChargeSchema,
  JobReference,
  JobReferenceSchema,
  Payment,
  PaymentSchema,
} from './ledger-entries.js';

/** The same object type written as one object instead of an intersection. */
type Flat<T> = Pick<T, keyof T>;

describe('readable interfaces equal the schemas they document', () => {
  it('job spec', () => {
    expectTypeOf<JobSpecInput>().toEqualTypeOf<z.input<typeof JobSpecSchema>>();
    // The schema's output is an intersection (the transform fills defaults into the parsed object);
    // expect-type compares intersections by their parts, so it is flattened first.
    expectTypeOf<JobSpec>().toEqualTypeOf<Flat<z.output<typeof JobSpecSchema>>>();
    expectTypeOf<MemoryRequestInput>().toEqualTypeOf<z.input<typeof MemoryRequestSchema>>();
    expectTypeOf<MemoryRequest>().toEqualTypeOf<z.output<typeof MemoryRequestSchema>>();
    expectTypeOf<string | ArraySpecInput>().toEqualTypeOf<z.input<typeof ArraySpecSchema>>();
    expectTypeOf<ArraySpec>().toEqualTypeOf<z.output<typeof ArraySpecSchema>>();
    expectTypeOf<JobDependency>().toEqualTypeOf<z.input<typeof JobDependencySchema>>();
    expectTypeOf<JobDependency>().toEqualTypeOf<z.output<typeof JobDependencySchema>>();
    expectTypeOf<Directives>().toEqualTypeOf<z.input<typeof DirectivesSchema>>();
    expectTypeOf<Directives>().toEqualTypeOf<z.output<typeof DirectivesSchema>>();
  });

  it('job', () => {
    expectTypeOf<Job>().toEqualTypeOf<z.output<typeof JobSchema>>();
    expectTypeOf<JobState>().toEqualTypeOf<z.output<typeof JobStateSchema>>();
    expectTypeOf<ResourceCounts>().toEqualTypeOf<z.output<typeof ResourceCountsSchema>>();
  });

  it('job query', () => {
    expectTypeOf<JobQueryInput>().toEqualTypeOf<z.input<typeof JobQuerySchema>>();
    expectTypeOf<JobQuery>().toEqualTypeOf<z.output<typeof JobQuerySchema>>();
  });

  it('ledger entries', () => {
    expectTypeOf<JobReference>().toEqualTypeOf<z.output<typeof JobReferenceSchema>>();
    expectTypeOf<Charge>().toEqualTypeOf<Flat<z.output<typeof ChargeSchema>>>();
    expectTypeOf<Payment>().toEqualTypeOf<Flat<z.output<typeof PaymentSchema>>>();
  });

  it('accounts and users', () => {
    expectTypeOf<AccountMember>().toEqualTypeOf<z.output<typeof AccountMemberSchema>>();
    expectTypeOf<SchedulerAccount>().toEqualTypeOf<z.output<typeof SchedulerAccountSchema>>();
    expectTypeOf<User>().toEqualTypeOf<z.output<typeof UserSchema>>();
  });

  it('client options', () => {
    expectTypeOf<ClientOptions>().toEqualTypeOf<z.input<typeof ClientOptionsSchema>>();
    expectTypeOf<ClusterOptions>().toEqualTypeOf<z.input<typeof ClusterOptionsSchema>>();
    expectTypeOf<PollingOptionsInput>().toEqualTypeOf<z.input<typeof PollingOptionsSchema>>();
    expectTypeOf<PollingOptions>().toEqualTypeOf<z.output<typeof PollingOptionsSchema>>();
  });
});
