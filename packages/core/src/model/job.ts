import { z } from 'zod';
import { type JobState, JobStateSchema } from './job-state.js';

/** Resources as counts; parses to {@link ResourceCounts}. */
export const ResourceCountsSchema = z.object({
  nodes: z.number().int().nonnegative(),
  cores: z.number().int().nonnegative(),
  gpus: z.number().int().nonnegative(),
  memoryMiB: z.number().int().nonnegative().optional(),
  billing: z.number().nonnegative().optional(),
});

/** Resources as counts: nodes, cores, GPUs and memory in MiB, each a total over all nodes. */
export interface ResourceCounts {
  /** Number of nodes. */
  nodes: number;
  /** Total CPU cores over all nodes. */
  cores: number;
  /** Total GPUs over all nodes. */
  gpus: number;
  /** Total memory in MiB, when known. */
  memoryMiB?: number;
  /** The scheduler's own billing units (Slurm's `billing` TRES), when it reports them. */
  billing?: number;
}

/**
 * A job as a scheduler reports it, as adapters return it; parses to {@link Job}. A job is
 * identified by `(cluster, id, submitTime)`.
 */
export const JobSchema = z.object({
  cluster: z.string(),
  id: z.string().min(1),
  arrayJobId: z.string().optional(),
  arrayTaskId: z.number().int().nonnegative().optional(),
  name: z.string(),
  user: z.string(),
  account: z.string().optional(),
  partition: z.string().optional(),
  qos: z.string().optional(),
  state: JobStateSchema,
  requested: ResourceCountsSchema,
  allocated: ResourceCountsSchema.optional(),
  submitTime: z.date(),
  startTime: z.date().optional(),
  endTime: z.date().optional(),
  elapsedSeconds: z.number().int().nonnegative(),
  timeLimitSeconds: z.number().int().positive().optional(),
  workingDirectory: z.string().optional(),
  stdoutPath: z.string().optional(),
  stderrPath: z.string().optional(),
  nodeList: z.array(z.string()),
  comment: z.string().optional(),
});

/**
 * A job as a scheduler reports it. A job is identified by `(cluster, id, submitTime)`: schedulers
 * reuse ids after a reset, and an old ended job may share its id with a new one.
 *
 * @example
 * ```ts
 * const job: Job = await client.jobs.get('1234');
 * if (job.state.phase === 'ended') console.log(job.state.outcome, job.elapsedSeconds);
 * ```
 */
export interface Job {
  /** Name of the cluster the job runs on, as configured in the client's `clusters`. */
  cluster: string;
  /** Scheduler job id; array tasks look like `1234_7`. */
  id: string;
  /** For an array task: the id of the array job (`1234` for `1234_7`). */
  arrayJobId?: string;
  /** For an array task: its index (`7` for `1234_7`). */
  arrayTaskId?: number;
  /** Job name shown in queues. */
  name: string;
  /** Login name of the user who submitted the job. */
  user: string;
  /** Account charged for the job. */
  account?: string;
  /** Partition the job was submitted to. */
  partition?: string;
  /** Quality of service of the job. */
  qos?: string;
  /** Normalised state (phase and outcome) plus what the scheduler said. */
  state: JobState;
  /** What the job asked for, as totals. */
  requested: ResourceCounts;
  /** What the job was given; absent until it starts. */
  allocated?: ResourceCounts;
  /** When the job was submitted. */
  submitTime: Date;
  /** When the job started; absent before it starts. */
  startTime?: Date;
  /** When the job ended; absent before it ends. */
  endTime?: Date;
  /** Seconds the job has run (start to end, or start to now while running); 0 before it starts. */
  elapsedSeconds: number;
  /** Time limit in seconds; absent means unlimited. */
  timeLimitSeconds?: number;
  /** Working directory of the job, absolute. */
  workingDirectory?: string;
  /** Standard output file as the scheduler reports it (`%j` expanded where the scheduler does). */
  stdoutPath?: string;
  /** Standard error file as the scheduler reports it. */
  stderrPath?: string;
  /** Nodes the job runs or ran on, expanded (`["cn01", "cn02"]`); empty before it starts. */
  nodeList: string[];
  /** Free-text comment stored with the job. */
  comment?: string;
}

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
