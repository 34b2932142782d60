import { z } from 'zod';
import type { IssueRule } from '../errors/messages/en-issues.js';
import {
  type RawIssue,
  type RuleFacts,
  recordFacts,
  ruleError,
  ruleIssue,
  typeOf,
  validate,
} from '../errors/validation.js';
import { TimeLimitSchema } from '../time/duration.js';
import { ArraySpecSchema } from './array-spec.js';
import type { JobSpec, MemoryRequest } from './job-spec-types.js';
import { MemorySizeSchema } from './memory.js';
import { foldSbatchOptions, type FieldParser } from '../sbatch/effective-options.js';
import type { SpecField, SpecFields } from '../sbatch/option-groups.js';
import {
  EnvironmentValueSchema,
  JobIdSchema,
  JobNameSchema,
  keyedRecord,
  LineSchema,
  NameSchema,
  PathSchema,
  TextSchema,
} from './names.js';
import { OptionalResourceCountSchema, ResourceCountSchema } from './resource-count.js';

const Count = ResourceCountSchema;

/**
 * The words for memory given as a bare amount (`64`, `"64G"`): it must say what it is per, so the
 * way out is the object, with the caller's own amount when it is one.
 */
function memoryShapeError(issue: RawIssue): string | undefined {
  if (issue.code !== 'invalid_type') return undefined;
  const amount = sizeOf(issue.input);
  const examples = [`{ perNode: '${amount}' }`, `{ perCore: '4G' }`];
  const received = typeOf(issue.input);
  recordFacts(issue, { expected: 'object', received, examples });
  return `Invalid input: expected object, received ${received}; write ${examples.join(' or ')}`;
}

// The caller's amount as a size with a unit, when it is a plain small one; else a sample. Echoed
// only when it matches the size pattern, since the input is hostile.
function sizeOf(input: unknown): string {
  if (typeof input === 'number' && Number.isInteger(input) && input > 0 && input < 1e6) return `${input}G`;
  if (typeof input === 'string' && input.length <= 12 && /^\d+(?:\.\d+)?[KMGT]$/i.test(input.trim())) {
    return input.trim().toUpperCase();
  }
  return '64G';
}

/** Memory requested per node, per allocated core or per allocated GPU (exactly one). */
export const MemoryRequestSchema = z
  .strictObject(
    {
      perNode: MemorySizeSchema.optional().describe('Memory per node, e.g. "64G"'),
      perCore: MemorySizeSchema.optional().describe('Memory per allocated core, e.g. "4G"'),
      perGpu: MemorySizeSchema.optional().describe('Memory per allocated GPU, e.g. "192G"'),
    },
    { error: memoryShapeError },
  )
  .superRefine((m, ctx) => {
    const given = Object.values(m).filter((v) => v !== undefined).length;
    if (given !== 1) {
      ctx.addIssue(ruleIssue('memory_one_of'));
    }
  })
  .transform((m): MemoryRequest => {
    if (m.perNode !== undefined) return { per: 'node', mebibytes: m.perNode };
    if (m.perCore !== undefined) return { per: 'core', mebibytes: m.perCore };
    return { per: 'gpu', mebibytes: m.perGpu! };
  });

/** Kinds of job dependency, with Slurm's meaning. */
export const DEPENDENCY_TYPES = ['after', 'afterok', 'afternotok', 'afterany'] as const;

/** Start only after other jobs have started (`after`), succeeded, failed, or ended in any way. */
export const JobDependencySchema = z.strictObject({
  type: z.enum(DEPENDENCY_TYPES),
  jobIds: z.array(JobIdSchema).min(1, { error: ruleError('at_least_one_job_id') }),
});

/**
 * Raw sbatch options keyed by long option name without dashes (`"mem-per-cpu"`, `"exclusive"`;
 * an unambiguous prefix is read as sbatch reads it). A string or `true` adds the option or
 * overrides the one hpckit would generate; `null` removes a generated one. Reserved options
 * (`comment`, `parsable`, `wrap`, `uid`…) are refused. Values are passed as separate argv words,
 * never spliced into a shell.
 */
export const DirectivesSchema = keyedRecord(
  /^[A-Za-z][A-Za-z0-9-]+$/,
  'directive_name',
  z.union([LineSchema, z.literal(true), z.null()]),
);

const JobSpecObject = z.strictObject({
  name: JobNameSchema.optional().describe('Job name shown in queues'),
  command: TextSchema.min(1, { error: ruleError('not_empty') })
    .optional()
    .describe('Shell commands to run; hpckit writes the script header around them'),
  script: TextSchema.optional().describe(
    'A complete batch script starting with "#!". Its #SBATCH lines count as sbatch reads them: the validated spec carries what they ask for in its fields, a field or directive that contradicts a line is refused, and reserved options are refused. The adapter may add the "environment" exports to the script.',
  ),
  account: NameSchema.optional().describe("Account charged for the job; the user's default if omitted"),
  partition: NameSchema.optional().describe("Partition; the cluster's default if omitted"),
  qos: NameSchema.optional().describe("Quality of service; the association's default if omitted"),
  nodes: Count.optional()
    .meta({ default: 1 })
    .describe('Number of nodes (1 unless the script says otherwise)'),
  coresPerNode: Count.optional().describe('CPU cores per node (one task per node using them all)'),
  tasks: Count.optional().describe('Total number of tasks (MPI ranks)'),
  tasksPerNode: Count.optional().describe('Tasks per node'),
  cpusPerTask: Count.optional().describe('CPU cores per task'),
  gpusPerNode: OptionalResourceCountSchema.optional().describe('GPUs per node'),
  memory: MemoryRequestSchema.optional().describe('Memory per node, per core or per GPU, with a unit'),
  timeLimit: TimeLimitSchema.optional().describe(
    'Maximum run time, e.g. "90m", "2h", "1-00:00:00" or { minutes: 90 }; never a bare number',
  ),
  workingDirectory: PathSchema.optional().describe(
    "Working directory: relative to the user's home, or absolute",
  ),
  createWorkingDirectory: z.boolean().optional().describe('Create the working directory before submitting'),
  stdout: PathSchema.optional().describe(
    'Standard output file (relative to the working directory); may use %j',
  ),
  stderr: PathSchema.optional().describe(
    'Standard error file (relative to the working directory); may use %j',
  ),
  environment: keyedRecord(/^[A-Za-z_][A-Za-z0-9_]*$/, 'environment_name', EnvironmentValueSchema)
    .optional()
    .describe('Environment variables set for the job'),
  inheritEnvironment: z
    .boolean()
    .optional()
    .describe(
      "Also pass the submitting process's environment (off unless the script says --export=ALL: jobs start from a clean login environment)",
    ),
  dependencies: z.array(JobDependencySchema).optional().describe('Jobs this one waits for'),
  array: ArraySpecSchema.optional().describe('Job array, e.g. "0-99%10" (at most 10 tasks at once)'),
  hold: z.boolean().default(false).describe('Submit held: the job waits until released'),
  comment: LineSchema.max(500).optional().describe('Free-text comment stored with the job'),
  directives: DirectivesSchema.optional().describe(
    'Raw scheduler options that add to, override or remove generated ones',
  ),
});

/**
 * What to run and with which resources: the portable description of a batch job.
 *
 * Parse with `JobSpecSchema.parse(input)`, or let the client do it: every entry point validates
 * and reports all problems at once with their paths.
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
 *   memory: { perCore: '3G' }, // 192 GiB per node: fits a 64-core node with 251 GiB usable
 *   timeLimit: '12h',
 * };
 * ```
 */
export const JobSpecSchema = JobSpecObject.superRefine((raw, ctx) => {
  // Rules of what the caller wrote; they run even when a field is invalid, so every problem is
  // reported at once. The fold below runs only on a spec whose fields are all valid.
  if ((raw.command === undefined) === (raw.script === undefined)) {
    addIssue(ctx, ['command'], 'command_or_script');
  }
  if (raw.script !== undefined && !raw.script.startsWith('#!')) {
    addIssue(ctx, ['script'], 'script_interpreter');
  }
  const taskFields = (['tasks', 'tasksPerNode', 'cpusPerTask'] as const).filter((k) => raw[k] !== undefined);
  if (raw.coresPerNode !== undefined && taskFields.length > 0) {
    addIssue(ctx, ['coresPerNode'], 'cores_or_tasks', { names: taskFields });
  }
}).transform((raw, ctx) => {
  // zod's output is a fresh object, so the fold fills it in place: copying a spec object with
  // spreads was most of the cost of parsing one.
  const spec = raw as Omit<typeof raw, 'directives'> & { directives?: Record<string, string | true | null> };
  // Without a script or directives the fields are the whole job: nothing to fold (the hot path of
  // a portal's form submissions, checked and quoted many times).
  if (raw.script !== undefined || raw.directives !== undefined) {
    const folded = foldSbatchOptions(
      { fields: givenFields(raw), directives: raw.directives, script: raw.script },
      parseFields,
    );
    if ('issues' in folded) {
      for (const i of folded.issues) {
        addIssue(ctx, i.path, i.rule, i.facts);
      }
      return z.NEVER;
    }
    for (const field of SPEC_FIELDS) delete spec[field];
    Object.assign(spec, folded.fields);
    if (Object.keys(folded.directives).length > 0) spec.directives = folded.directives;
    else delete spec.directives;
  }
  const job = Object.assign(spec, {
    nodes: spec.nodes ?? 1,
    inheritEnvironment: spec.inheritEnvironment ?? false,
    hold: spec.hold ?? false,
  });
  return checkEffectiveJob(job, ctx) ? job : z.NEVER;
});

/** Rules of the job as it will run, whichever source set its fields. */
function checkEffectiveJob(
  spec: {
    workingDirectory?: string;
    memory?: MemoryRequest;
    gpusPerNode?: number;
    tasks?: number;
    tasksPerNode?: number;
    nodes: number;
  },
  ctx: z.core.$RefinementCtx,
): boolean {
  let ok = true;
  // Checked on the effective job, so a script's `#SBATCH --chdir=../bob` is refused too.
  if (spec.workingDirectory !== undefined && leavesHome(spec.workingDirectory)) {
    addIssue(ctx, ['workingDirectory'], 'working_directory_leaves_home', {
      value: JSON.stringify(spec.workingDirectory),
    });
    ok = false;
  }
  if (spec.memory?.per === 'gpu' && !spec.gpusPerNode) {
    addIssue(ctx, ['memory'], 'memory_per_gpu_needs_gpus');
    ok = false;
  }
  if (
    spec.tasks !== undefined &&
    spec.tasksPerNode !== undefined &&
    spec.tasks > spec.tasksPerNode * spec.nodes
  ) {
    addIssue(ctx, ['tasks'], 'tasks_do_not_fit', {
      count: spec.tasks,
      minimum: spec.nodes,
      maximum: spec.tasksPerNode,
    });
    ok = false;
  }
  return ok;
}

/**
 * Whether a relative directory climbs out of the home it is relative to at some point
 * (`../bob`, `runs/../../bob`). Decided on the text alone, since the home is not known here.
 */
function leavesHome(dir: string): boolean {
  if (dir.startsWith('/')) return false;
  let depth = 0;
  for (const part of dir.split('/')) {
    if (part === '..') depth--;
    else if (part !== '' && part !== '.') depth++;
    if (depth < 0) return true;
  }
  return false;
}

function addIssue(
  ctx: z.core.$RefinementCtx,
  path: (string | number)[],
  rule: IssueRule,
  facts?: RuleFacts,
): void {
  ctx.addIssue({ ...ruleIssue(rule, facts), path });
}

/** The fields sbatch options set that a spec gives (unset ones left out). */
function givenFields(raw: Partial<Record<SpecField, unknown>>): SpecFields {
  const given: Partial<Record<SpecField, unknown>> = {};
  for (const field of SPEC_FIELDS) if (raw[field] !== undefined) given[field] = raw[field];
  return given as SpecFields;
}

// The fields sbatch options set: the schemas that validate a script's values for them.
const SPEC_FIELDS: readonly SpecField[] = [
  'name',
  'account',
  'partition',
  'qos',
  'nodes',
  'coresPerNode',
  'tasks',
  'tasksPerNode',
  'cpusPerTask',
  'gpusPerNode',
  'memory',
  'timeLimit',
  'workingDirectory',
  'stdout',
  'stderr',
  'inheritEnvironment',
  'dependencies',
  'array',
  'hold',
];

// A script's values are validated by the same schemas as the fields a caller writes.
const FieldsSchema = JobSpecObject.pick(
  Object.fromEntries(SPEC_FIELDS.map((k) => [k, true])) as Record<SpecField, true>,
).partial();

const parseFields: FieldParser = (input) => {
  const parsed = validate(FieldsSchema, input);
  return 'data' in parsed ? { fields: parsed.data as SpecFields } : { problems: parsed.issues };
};

// The readable shapes of a spec, checked against these schemas by job-spec-types.test.ts.
export type {
  ArraySpecInput,
  Directives,
  JobDependency,
  JobSpec,
  JobSpecInput,
  MemoryRequest,
  MemoryRequestInput,
} from './job-spec-types.js';

/** Resources a spec asks for, in totals and per node. */
export interface RequestedShape {
  nodes: number;
  /** Cores per node (the largest per-node share when tasks do not divide evenly). */
  coresPerNode: number;
  /** Total cores. */
  cores: number;
  gpusPerNode: number;
  gpus: number;
  /** Total memory in MiB, or undefined if the spec leaves it to the partition's default. */
  memoryMiB?: number;
}

/**
 * Works out the cores, GPUs and memory a spec requests, whichever way it states them.
 *
 * Memory given per core or per GPU is multiplied out; memory left unset stays `undefined` (the
 * scheduler applies the partition default).
 */
export function requestedShape(spec: JobSpec): RequestedShape {
  const nodes = spec.nodes;
  let coresPerNode: number;
  if (spec.coresPerNode !== undefined) coresPerNode = spec.coresPerNode;
  else {
    const cpusPerTask = spec.cpusPerTask ?? 1;
    const tasksPerNode = spec.tasksPerNode ?? (spec.tasks !== undefined ? Math.ceil(spec.tasks / nodes) : 1);
    coresPerNode = tasksPerNode * cpusPerTask;
  }
  const cores =
    spec.coresPerNode === undefined && spec.tasks !== undefined
      ? spec.tasks * (spec.cpusPerTask ?? 1)
      : coresPerNode * nodes;
  const gpusPerNode = spec.gpusPerNode ?? 0;
  const gpus = gpusPerNode * nodes;
  let memoryMiB: number | undefined;
  if (spec.memory) {
    if (spec.memory.per === 'node') memoryMiB = spec.memory.mebibytes * nodes;
    else if (spec.memory.per === 'core') memoryMiB = spec.memory.mebibytes * cores;
    else memoryMiB = spec.memory.mebibytes * gpus;
  }
  return { nodes, coresPerNode, cores, gpusPerNode, gpus, memoryMiB };
}
