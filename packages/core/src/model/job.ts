import { z } from 'zod';
import { JobStateSchema } from './job-state.js';

/** Resources as counts: nodes, cores, GPUs and memory in MiB (totals over all nodes). */
export const ResourceCountsSchema = z.object({
  nodes: z.number().int().nonnegative(),
  cores: z.number().int().nonnegative(),
  gpus: z.number().int().nonnegative(),
  /** Total memory in MiB, when known. */
  memoryMiB: z.number().int().nonnegative().optional(),
  /** The scheduler's own billing units (Slurm's `billing` TRES), when it reports them. */
  billing: z.number().nonnegative().optional(),
});

/** Resource totals of a job. */
export type ResourceCounts = z.output<typeof ResourceCountsSchema>;

/**
 * A job as a scheduler reports it. A job is identified by `(cluster, id, submitTime)`: schedulers
 * reuse ids after a reset, and an old ended job may share its id with a new one.
 */
export const JobSchema = z.object({
  cluster: z.string(),
  /** Scheduler job id; array tasks look like `1234_7`. */
  id: z.string().min(1),
  /** For an array task: the id of the array job. */
  arrayJobId: z.string().optional(),
  /** For an array task: its index. */
  arrayTaskId: z.number().int().nonnegative().optional(),
  name: z.string(),
  user: z.string(),
  account: z.string().optional(),
  partition: z.string().optional(),
  qos: z.string().optional(),
  state: JobStateSchema,
  requested: ResourceCountsSchema,
  /** What the job was given; absent until it starts. */
  allocated: ResourceCountsSchema.optional(),
  submitTime: z.date(),
  startTime: z.date().optional(),
  endTime: z.date().optional(),
  /** Seconds the job has run (start to end, or start to now while running); 0 before it starts. */
  elapsedSeconds: z.number().int().nonnegative(),
  /** Time limit in seconds; absent means unlimited. */
  timeLimitSeconds: z.number().int().positive().optional(),
  workingDirectory: z.string().optional(),
  stdoutPath: z.string().optional(),
  stderrPath: z.string().optional(),
  /** Nodes the job runs or ran on, expanded (`["cn01", "cn02"]`). */
  nodeList: z.array(z.string()),
  comment: z.string().optional(),
});

/** A job as a scheduler reports it. */
export type Job = z.output<typeof JobSchema>;

/** Names of {@link Job} fields, for list projections. */
export type JobField = keyof Job;

/** Fields every listed job carries, whatever the projection. */
export const ALWAYS_LISTED_FIELDS = ['cluster', 'id', 'state'] as const satisfies readonly JobField[];

/**
 * A job as a listing returns it, projected onto `F` plus the {@link ALWAYS_LISTED_FIELDS}.
 * `ListedJob<never>` is the whole job (a listing without `fields`); plain `ListedJob` is a job of
 * any projection (the always-listed fields, the others possibly absent), as adapters return them.
 *
 * @example
 * ```ts
 * const page = await client.jobs.list({ fields: ['name'] }); // JobPage<ListedJob<'name'>>
 * page.jobs[0]?.name;
 * ```
 */
export type ListedJob<F extends JobField = JobField> = [F] extends [never]
  ? Job
  : [JobField] extends [F]
    ? Pick<Job, (typeof ALWAYS_LISTED_FIELDS)[number]> & Partial<Job>
    : Pick<Job, F | (typeof ALWAYS_LISTED_FIELDS)[number]>;

/** @deprecated Use {@link ListedJob}: one name for a listed job in core and the adapter contract. */
export type JobRecord = ListedJob;
