import { CAPABILITY_KEYS, type CapabilityKey, DurationSchema, NameSchema } from '@hpckit/core';
import { z } from 'zod';
import { mockRules } from './errors/mock-rules.js';
import { MockClusterSchema } from './cluster/mock-cluster-schema.js';
import type { MockFileSink } from './files/job-files-sink.js';
import type { JobBehavior } from './jobs/job-behavior.js';
import { ikkemMockCluster } from './presets/ikkem-mock-cluster.js';

/** Virtual time when a mock adapter starts, unless told otherwise: 2026-01-01T00:00:00Z. */
export const DEFAULT_MOCK_START = new Date(Date.UTC(2026, 0, 1));

const DateInputSchema = z.union([z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))]);
const isFunction = (value: unknown) => typeof value === 'function';

/** How the mock's virtual clock moves. */
export const MockClockOptionsSchema = z.strictObject({
  /** `manual`: only `advance`/`advanceTo`/`runUntilIdle` move it; `scaled`: it follows real time × `scale`. @default 'manual' */
  mode: z.enum(['manual', 'scaled']).default('manual'),
  /** Virtual time at creation (a Date or an ISO string with offset). @default 2026-01-01T00:00:00Z */
  start: DateInputSchema.default(() => new Date(DEFAULT_MOCK_START)),
  /** Virtual seconds per real second in `scaled` mode (600: ten virtual minutes per second). @default 60 */
  scale: z
    .number()
    .finite()
    .positive({ error: mockRules.error('greater_than_zero') })
    .default(60),
  /** The real clock in ms, read in `scaled` mode. @default performance.now */
  realTime: z.custom<() => number>(isFunction, { error: mockRules.error('not_a_real_clock') }).optional(),
});

/**
 * The capabilities the mock declares, each on unless turned off. A capability turned off leaves its
 * operations out of the adapter (so core refuses them with `UNSUPPORTED`, as for a real adapter
 * without them); `accounting.history` off keeps ended jobs out of accounting, so they are visible
 * only while in the live queue. Lets an adapter's harness or the conformance suite exercise what
 * callers see from a smaller scheduler.
 *
 * @example
 * ```ts
 * mockAdapter({ capabilities: { 'jobs.hold': false, actAsUser: false } });
 * ```
 */
export const MockCapabilitiesSchema = z.strictObject(
  Object.fromEntries(CAPABILITY_KEYS.map((key) => [key, z.boolean().default(true)])) as {
    [K in CapabilityKey]: z.ZodDefault<z.ZodBoolean>;
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? mockRules.error('not_a_capability', { keys: issue.keys, names: [...CAPABILITY_KEYS] })(issue)
        : undefined,
  },
);

/**
 * Options of {@link mockAdapter}, validated when the adapter is created.
 *
 * @example
 * ```ts
 * mockAdapter({ clock: { mode: 'scaled', scale: 600 }, minJobAge: '30s', defaultUser: 'bob' });
 * ```
 */
export const MockAdapterOptionsSchema = z
  .strictObject({
    /** The simulated cluster. @default ikkemMockCluster() */
    cluster: MockClusterSchema.prefault(() => ikkemMockCluster()),
    /** @default { mode: 'manual', start: 2026-01-01T00:00:00Z } */
    clock: MockClockOptionsSchema.prefault({}),
    /** How long ended jobs stay in the live queue (Slurm's MinJobAge). @default 300 */
    minJobAge: DurationSchema.default(300),
    /** How jobs behave when they run. @default defaultJobBehavior (reads `sleep`, `exit` and `# mock:` lines) */
    jobBehavior: z
      .custom<JobBehavior>(isFunction, { error: mockRules.error('not_a_job_behavior') })
      .optional(),
    /** The user of calls that name none. @default 'alice' if the cluster has her, else its first user */
    defaultUser: NameSchema.optional(),
    /** Users who may act on anyone's jobs and raise any time limit, like Slurm's root. @default ['root'] */
    admins: z.array(NameSchema).default(['root']),
    /** Id of the first job. @default 1000 */
    firstJobId: z
      .number()
      .int()
      .positive()
      .max(2 ** 31, { error: mockRules.error('first_job_id_too_big') })
      .default(1000),
    /** Text before every job id, e.g. `"m"` for `m1000`. @default '' */
    idPrefix: z
      .string()
      .regex(/^(?:[A-Za-z][A-Za-z.-]*)?$/, { error: mockRules.error('id_prefix') })
      .default(''),
    /** Array indices must stay below this (Slurm's MaxArraySize). @default 10001 */
    maxArraySize: z.number().int().positive().default(10_001),
    /** Jobs examined for backfill behind the first blocked one, per pass (Slurm's bf_max_job_test). @default 100 */
    backfillDepth: z.number().int().nonnegative().default(100),
    /**
     * Each user's home, where relative working directories start: a directory holding one home per
     * user (`"/tmp/t/home"` gives alice `/tmp/t/home/alice`), or a function of the login name.
     * @default '/home'
     */
    homes: z
      .union(
        [
          z.string().startsWith('/', { error: mockRules.error('absolute_directory') }),
          z.custom<(user: string) => string>(isFunction),
        ],
        { error: mockRules.error('not_homes') },
      )
      .default('/home'),
    /**
     * Where jobs' working directories (`createWorkingDirectory`) and output files are written: any
     * object with `mkdir` and `writeFile` as `@hpckit/remote`'s `FileSystem` has them, e.g.
     * `localFileSystem({ home: dir })` with `homes: dir`. Writes finish before the next call to the
     * adapter answers, and a failed write fails that call. @default none: nothing is written
     */
    files: z
      .custom<MockFileSink>(
        (v) =>
          typeof v === 'object' &&
          v !== null &&
          typeof (v as MockFileSink).mkdir === 'function' &&
          typeof (v as MockFileSink).writeFile === 'function',
        { error: mockRules.error('not_a_file_sink') },
      )
      .optional(),
    /** Capabilities to turn off, e.g. `{ 'jobs.hold': false }` (see {@link MockCapabilitiesSchema}). @default every capability on */
    capabilities: MockCapabilitiesSchema.prefault({}),
  })
  .superRefine((o, ctx) => {
    if (o.defaultUser === undefined) return;
    const known =
      o.cluster.users.some((u) => u.name === o.defaultUser) ||
      o.cluster.accounts.some((a) => a.members.some((m) => m.user === o.defaultUser));
    if (!known) {
      ctx.addIssue({
        ...mockRules.issue('unknown_default_user', { value: o.defaultUser }),
        path: ['defaultUser'],
      });
    }
  });

/** Options of {@link mockAdapter}, as given. */
export type MockAdapterOptionsInput = z.input<typeof MockAdapterOptionsSchema>;
/** Options of {@link mockAdapter}, validated, with defaults. */
export type MockAdapterOptions = z.output<typeof MockAdapterOptionsSchema>;
/** Clock options, as given. */
export type MockClockOptionsInput = z.input<typeof MockClockOptionsSchema>;
