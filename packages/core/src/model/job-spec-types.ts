/**
 * The shapes of a job spec as readable interfaces, so the API reference and editor hovers list
 * every field with its help. The zod schemas in `job-spec.ts` stay the runtime truth:
 * `job-spec-types.test.ts` fails when an interface and its schema's inferred type differ, or when a
 * field's summary here differs from the schema's `.describe()` text (which the JSON Schema of
 * portal forms carries).
 */
import type { TimeLimitInput } from '../time/duration.js';
import type { ArraySpec } from './array-spec.js';

/**
 * Memory for a job, as given: exactly one of the three fields, each a size with a unit. Sizes are
 * binary whatever their spelling, as in Slurm: `"4G"`, `"4GB"` and `"4GiB"` are all 4096 MiB.
 *
 * @example
 * ```ts
 * const memory: MemoryRequestInput = { perCore: '4G' };
 * ```
 */
export interface MemoryRequestInput {
  /**
   * Memory per node, e.g. "64G"
   *
   * A number with a unit `K`, `M`, `G` or `T`; a bare number is refused. Slurm's `--mem`.
   */
  perNode?: string;
  /**
   * Memory per allocated core, e.g. "4G"
   *
   * Multiplied by the cores a node runs. Slurm's `--mem-per-cpu`.
   */
  perCore?: string;
  /**
   * Memory per allocated GPU, e.g. "192G"
   *
   * Needs `gpusPerNode` of at least 1. Slurm's `--mem-per-gpu`.
   */
  perGpu?: string;
}

/** Normalised memory request: an amount in MiB and what it is per. */
export interface MemoryRequest {
  /** What the amount is per: each node, each allocated core or each allocated GPU. */
  per: 'node' | 'core' | 'gpu';
  /** The amount in MiB (a given `"4G"` is 4096). */
  mebibytes: number;
}

/**
 * A job array as an object; the text form `"0-99%10"` says the same.
 *
 * @example
 * ```ts
 * const array: ArraySpecInput = { indices: '0-99', throttle: 10 };
 * ```
 */
export interface ArraySpecInput {
  /**
   * Indices and ranges, e.g. "0-99" or "1,3,5-11:2"
   *
   * Comma-separated indices and `start-end` ranges with an optional `:step`; indices go up to
   * {@link MAX_ARRAY_INDEX}.
   */
  indices: string;
  /**
   * At most this many tasks run at once
   *
   * Slurm's `%N`; unlimited if omitted. At most {@link MAX_ARRAY_TASKS}.
   */
  throttle?: number;
}

/** One dependency of a job: start only after the named jobs have reached a condition. */
export interface JobDependency {
  /**
   * When the job may start, in Slurm's words: `after` (the named jobs have started), `afterok`
   * (they succeeded), `afternotok` (they failed) or `afterany` (they ended in any way).
   */
  type: 'after' | 'afterok' | 'afternotok' | 'afterany';
  /** The jobs waited for, at least one, e.g. `["1234", "1235_7"]`. */
  jobIds: string[];
}

/**
 * Raw sbatch options keyed by long option name without dashes (`"mem-per-cpu"`, `"exclusive"`).
 * A string or `true` adds the option or overrides a generated one; `null` removes a generated one.
 */
export type Directives = Record<string, string | true | null>;

/**
 * What callers may pass as a job spec: what to run and with which resources. Give exactly one of
 * `command` or `script`; everything else is optional. `JobSpecSchema` validates it (the client
 * does it on every call) into a {@link JobSpec}.
 *
 * @example
 * ```ts
 * const spec: JobSpecInput = {
 *   name: 'relax',
 *   command: 'srun vasp_std',
 *   account: 'electroplating',
 *   partition: 'cpu',
 *   nodes: 2,
 *   coresPerNode: 64,
 *   memory: { perCore: '3G' },
 *   timeLimit: '12h',
 * };
 * ```
 */
export interface JobSpecInput {
  /**
   * Job name shown in queues
   *
   * At most 200 characters. Slurm's `--job-name`.
   */
  name?: string;
  /**
   * Shell commands to run; hpckit writes the script header around them
   *
   * Not empty. Give this or `script`, not both. Example: `"srun vasp_std"`.
   */
  command?: string;
  /**
   * A complete batch script starting with "#!". Its #SBATCH lines count as sbatch reads them: the validated spec carries what they ask for in its fields, a field or directive that contradicts a line is refused, and reserved options are refused. The adapter may add the "environment" exports to the script.
   *
   * Give this or `command`, not both. Example: `"#!/bin/bash\n#SBATCH --time=1:00:00\nsrun ./a.out\n"`.
   */
  script?: string;
  /**
   * Account charged for the job; the user's default if omitted
   *
   * A name of letters, digits, `_`, `-` and `.`. Slurm's `--account`.
   */
  account?: string;
  /**
   * Partition; the cluster's default if omitted
   *
   * Slurm's `--partition`, e.g. `"cpu"` or `"gpu"`.
   */
  partition?: string;
  /**
   * Quality of service; the association's default if omitted
   *
   * Slurm's `--qos`.
   */
  qos?: string;
  /**
   * Number of nodes (1 unless the script says otherwise)
   *
   * A whole number of at least 1. Slurm's `--nodes`.
   *
   * @defaultValue 1
   */
  nodes?: number;
  /**
   * CPU cores per node (one task per node using them all)
   *
   * Use this or the task fields (`tasks`, `tasksPerNode`, `cpusPerTask`), not both.
   */
  coresPerNode?: number;
  /**
   * Total number of tasks (MPI ranks)
   *
   * Slurm's `--ntasks`; with `tasksPerNode`, must fit in `nodes × tasksPerNode`.
   */
  tasks?: number;
  /**
   * Tasks per node
   *
   * Slurm's `--ntasks-per-node`.
   */
  tasksPerNode?: number;
  /**
   * CPU cores per task
   *
   * Slurm's `--cpus-per-task`; 1 if omitted.
   */
  cpusPerTask?: number;
  /**
   * GPUs per node
   *
   * A whole number, 0 for none. Slurm's `--gres=gpu:N`.
   */
  gpusPerNode?: number;
  /**
   * Memory per node, per core or per GPU, with a unit
   *
   * Exactly one of the three, e.g. `{ perNode: '64G' }` or `{ perCore: '4G' }`; the partition's
   * default if omitted.
   */
  memory?: MemoryRequestInput;
  /**
   * Maximum run time, e.g. "90m", "2h", "1-00:00:00" or { minutes: 90 }; never a bare number
   *
   * Units `d`, `h`, `m`, `s` and compounds such as `"1d12h"`, Slurm's clock forms `MM:SS`,
   * `HH:MM:SS` and `D-HH:MM:SS`, or an object for computed values (`{ minutes: n }`,
   * `{ seconds: n }`); at most 100 years. A bare number is refused: Slurm's `--time=90` means
   * minutes where most people read seconds. The partition's default if omitted.
   */
  timeLimit?: TimeLimitInput;
  /**
   * Working directory: relative to the user's home, or absolute
   *
   * Slurm's `--chdir`; the user's home if omitted.
   */
  workingDirectory?: string;
  /**
   * Create the working directory before submitting
   *
   * Like `mkdir -p`, as the user the job runs as (through the adapter's way of acting for users),
   * so the directory belongs to them. Off by default: Slurm does not create it, and a job whose
   * directory is missing fails to write its output. A relative directory that leaves the home
   * (`../bob`) is refused whether or not this is set.
   */
  createWorkingDirectory?: boolean;
  /**
   * Standard output file (relative to the working directory); may use %j
   *
   * `%j` is replaced by the job id, e.g. `"logs/relax-%j.out"`. Slurm's default if omitted.
   */
  stdout?: string;
  /**
   * Standard error file (relative to the working directory); may use %j
   *
   * Goes to `stdout` if omitted.
   */
  stderr?: string;
  /**
   * Environment variables set for the job
   *
   * Names are letters, digits and `_`, not starting with a digit; at most 1000 variables. Values
   * are passed as data, never through a shell. Example: `{ OMP_NUM_THREADS: '8' }`.
   */
  environment?: Record<string, string>;
  /**
   * Also pass the submitting process's environment (off unless the script says --export=ALL: jobs start from a clean login environment)
   *
   * @defaultValue false
   */
  inheritEnvironment?: boolean;
  /**
   * Jobs this one waits for
   *
   * Example: `[{ type: 'afterok', jobIds: ['1234'] }]`.
   */
  dependencies?: JobDependency[];
  /**
   * Job array, e.g. "0-99%10" (at most 10 tasks at once)
   *
   * Text as Slurm's `--array` reads it, or `{ indices: '0-99', throttle: 10 }`.
   */
  array?: string | ArraySpecInput;
  /**
   * Submit held: the job waits until released
   *
   * @defaultValue false
   */
  hold?: boolean;
  /**
   * Free-text comment stored with the job
   *
   * One line, at most 500 characters.
   */
  comment?: string;
  /**
   * Raw scheduler options that add to, override or remove generated ones
   *
   * Keyed by sbatch's long option name without dashes: `{ 'mem-per-cpu': '4G', exclusive: true,
   * 'mail-type': null }`. Reserved options (`comment`, `parsable`, `wrap`, `uid`…) are refused.
   */
  directives?: Directives;
}

/**
 * A validated, normalised job spec: what `JobSpecSchema` returns for a {@link JobSpecInput}, with
 * durations in seconds, memory in MiB, array text parsed and defaults filled. When the input had
 * a script or directives, the fields carry what they ask for.
 */
export interface JobSpec {
  /** Job name shown in queues. */
  name?: string;
  /** Shell commands to run; hpckit writes the script header around them. */
  command?: string;
  /** The complete batch script, when the spec gave one. */
  script?: string;
  /** Account charged for the job; the user's default if absent. */
  account?: string;
  /** Partition; the cluster's default if absent. */
  partition?: string;
  /** Quality of service; the association's default if absent. */
  qos?: string;
  /** Number of nodes. */
  nodes: number;
  /** CPU cores per node (one task per node using them all). */
  coresPerNode?: number;
  /** Total number of tasks (MPI ranks). */
  tasks?: number;
  /** Tasks per node. */
  tasksPerNode?: number;
  /** CPU cores per task. */
  cpusPerTask?: number;
  /** GPUs per node. */
  gpusPerNode?: number;
  /** Memory in MiB per node, per core or per GPU. */
  memory?: MemoryRequest;
  /** Maximum run time in seconds. */
  timeLimit?: number;
  /** Working directory: relative to the user's home, or absolute. */
  workingDirectory?: string;
  /** Whether the working directory is created (as the user) before submitting. */
  createWorkingDirectory?: boolean;
  /** Standard output file (relative to the working directory); may use `%j`. */
  stdout?: string;
  /** Standard error file (relative to the working directory); may use `%j`. */
  stderr?: string;
  /** Environment variables set for the job. */
  environment?: Record<string, string>;
  /** Whether the submitting process's environment is passed too. */
  inheritEnvironment: boolean;
  /** Jobs this one waits for. */
  dependencies?: JobDependency[];
  /** The job array, parsed. */
  array?: ArraySpec;
  /** Whether the job is submitted held. */
  hold: boolean;
  /** Free-text comment stored with the job. */
  comment?: string;
  /** Raw scheduler options left after the fields took what they model. */
  directives?: Directives;
}
