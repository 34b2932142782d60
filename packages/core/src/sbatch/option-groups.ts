import type { IssueRule } from '../errors/messages/en-issues.js';
import type { RuleFacts } from '../errors/validation.js';
import type { ArraySpec } from '../model/array-spec.js';
import type { JobDependency, MemoryRequest } from '../model/job-spec.js';
import { formatMemorySize } from '../model/memory.js';
import {
  formatSbatchTime,
  parseGpuCount,
  parseGres,
  parseSbatchMemory,
  parseSbatchTime,
} from './slurm-values.js';

/** sbatch options by canonical long name: a value, or `true` for a flag. Order is kept. */
export type SbatchOptions = Map<string, string | true>;

/** The job-spec fields sbatch options can set, in their validated form. */
export interface SpecFields {
  name?: string;
  account?: string;
  partition?: string;
  qos?: string;
  nodes?: number;
  coresPerNode?: number;
  tasks?: number;
  tasksPerNode?: number;
  cpusPerTask?: number;
  gpusPerNode?: number;
  memory?: MemoryRequest;
  timeLimit?: number;
  workingDirectory?: string;
  stdout?: string;
  stderr?: string;
  inheritEnvironment?: boolean;
  dependencies?: JobDependency[];
  array?: ArraySpec;
  hold?: boolean;
}

/** A field name of {@link SpecFields}. */
export type SpecField = keyof SpecFields;

/**
 * What a group's options say, as job-spec input (`{ memory: { perNode: '4096M' } }`) for the
 * spec's own schemas to validate; or why sbatch would refuse them; or, for a value sbatch accepts
 * but the model cannot express (`--nodes=2-4`, `--mem=0`), that it stays a raw option.
 */
export type Decoded =
  | { input: Record<string, unknown> }
  | { problem: OptionValueProblem }
  | { unmodelled: string };

/** Why sbatch would refuse an option's value: a rule, worded with the option as written (`value`). */
export type OptionValueProblem = { rule: IssueRule; facts: RuleFacts };

const refused = (
  rule: IssueRule,
  option: string,
  value: string,
  item?: string,
): { problem: OptionValueProblem } => ({
  problem: { rule, facts: { value: `--${option}=${value}`, ...(item !== undefined && { item }) } },
});

/** Options that together set some job-spec fields, e.g. `mem`, `mem-per-cpu`, `mem-per-gpu`. */
export interface OptionGroup {
  readonly id: string;
  /** Canonical option names of the group. */
  readonly options: readonly string[];
  /** Fields the group sets. */
  readonly fields: readonly SpecField[];
  /** Whether it decides what the job is allocated or charged for (account, partition, size, time). */
  readonly resource: boolean;
  /**
   * Whether its options replace one another (memory per node, core or GPU): a directive naming
   * one removes the others generated from the fields. Otherwise options combine.
   */
  readonly exclusive: boolean;
  /** The options that express the fields, for the fields that are set. */
  encode(fields: SpecFields): [string, string | true][];
  /** The fields the options set; `nodes` is the job's node count where a value depends on it. */
  decode(options: ReadonlyMap<string, string | true>, nodes: number): Decoded;
}

const text = (v: string | true) => (v === true ? '' : v);
const count = (v: string | true, option: string): number | { problem: OptionValueProblem } => {
  const s = text(v);
  return /^\d+$/.test(s) ? Number(s) : refused('sbatch_value_not_whole_number', option, s);
};

function single(
  id: string,
  option: string,
  field: SpecField,
  resource: boolean,
  read: (value: string, option: string) => Decoded = (value) => ({ input: { [field]: value } }),
): OptionGroup {
  return {
    id,
    options: [option],
    fields: [field],
    resource,
    exclusive: false,
    encode: (f) => (f[field] === undefined ? [] : [[option, String(f[field])]]),
    decode: (options) => read(text(options.get(option)!), option),
  };
}

const nameList =
  (field: SpecField) =>
  (value: string, option: string): Decoded =>
    value.includes(',')
      ? refused('sbatch_value_names_several', option, value, field)
      : { input: { [field]: value } };

const GROUPS: readonly OptionGroup[] = [
  single('name', 'job-name', 'name', false),
  single('account', 'account', 'account', true),
  single('partition', 'partition', 'partition', true, nameList('partition')),
  single('qos', 'qos', 'qos', true, nameList('qos')),
  single('nodes', 'nodes', 'nodes', true, (value, option) => {
    if (/^\d+$/.test(value)) return { input: { nodes: Number(value) } };
    if (/^\d+[-,:]/.test(value))
      return { unmodelled: `--${option}=${value} asks for a range of node counts` };
    return refused('sbatch_value_not_node_count', option, value);
  }),
  {
    id: 'cpus',
    options: ['ntasks', 'ntasks-per-node', 'cpus-per-task'],
    fields: ['coresPerNode', 'tasks', 'tasksPerNode', 'cpusPerTask'],
    resource: true,
    exclusive: false,
    encode(f) {
      // "coresPerNode" is one task per node owning all those cores.
      if (f.coresPerNode !== undefined)
        return [
          ['ntasks-per-node', '1'],
          ['cpus-per-task', String(f.coresPerNode)],
        ];
      const out: [string, string][] = [];
      if (f.tasks !== undefined) out.push(['ntasks', String(f.tasks)]);
      if (f.tasksPerNode !== undefined) out.push(['ntasks-per-node', String(f.tasksPerNode)]);
      if (f.cpusPerTask !== undefined) out.push(['cpus-per-task', String(f.cpusPerTask)]);
      return out;
    },
    decode(options) {
      const input: Record<string, unknown> = {};
      const fields = { ntasks: 'tasks', 'ntasks-per-node': 'tasksPerNode', 'cpus-per-task': 'cpusPerTask' };
      for (const [option, field] of Object.entries(fields)) {
        const value = options.get(option);
        if (value === undefined) continue;
        const n = count(value, option);
        if (typeof n !== 'number') return n;
        input[field] = n;
      }
      return { input };
    },
  },
  {
    id: 'gpus',
    options: ['gres', 'gpus-per-node', 'gpus'],
    fields: ['gpusPerNode'],
    resource: true,
    exclusive: true,
    encode: (f) => (f.gpusPerNode ? [['gres', `gpu:${f.gpusPerNode}`]] : []),
    decode(options, nodes) {
      const [option, value] = [...options].at(-1)!;
      const v = text(value);
      if (option === 'gres') {
        const items = parseGres(v);
        if (!items) return refused('sbatch_value_not_gres', option, v);
        if (items.some((i) => i.name !== 'gpu'))
          return { unmodelled: `--gres=${v} asks for generic resources other than GPUs` };
        return { input: { gpusPerNode: items.reduce((sum, i) => sum + i.count, 0) } };
      }
      const gpus = parseGpuCount(v);
      if (!gpus) return refused('sbatch_value_not_gpu_count', option, v);
      if (option === 'gpus' && nodes !== 1)
        return { unmodelled: `--gpus=${v} spreads GPUs over ${nodes} nodes in a way Slurm decides` };
      return { input: { gpusPerNode: gpus.count } };
    },
  },
  {
    id: 'memory',
    options: ['mem', 'mem-per-cpu', 'mem-per-gpu'],
    fields: ['memory'],
    resource: true,
    exclusive: true,
    encode(f) {
      if (!f.memory) return [];
      const option = { node: 'mem', core: 'mem-per-cpu', gpu: 'mem-per-gpu' }[f.memory.per];
      return [[option, formatMemorySize(f.memory.mebibytes)]];
    },
    decode(options) {
      const [option, value] = [...options].at(-1)!;
      const v = text(value);
      const mib = parseSbatchMemory(v);
      if (mib === undefined) return refused('sbatch_value_not_memory', option, v);
      if (mib === 0) return { unmodelled: `--${option}=0 asks for all the memory of each node` };
      const per = { mem: 'perNode', 'mem-per-cpu': 'perCore', 'mem-per-gpu': 'perGpu' }[option]!;
      return { input: { memory: { [per]: `${mib}M` } } };
    },
  },
  {
    ...single('time', 'time', 'timeLimit', true, (value, option) => {
      const seconds = parseSbatchTime(value);
      return seconds === undefined
        ? refused('sbatch_value_not_time_limit', option, value)
        : { input: { timeLimit: { seconds } } };
    }),
    encode: (f) => (f.timeLimit === undefined ? [] : [['time', formatSbatchTime(f.timeLimit)]]),
  },
  single('chdir', 'chdir', 'workingDirectory', false),
  single('output', 'output', 'stdout', false),
  single('error', 'error', 'stderr', false),
  {
    id: 'export',
    options: ['export'],
    fields: ['inheritEnvironment'],
    resource: false,
    exclusive: false,
    encode: (f) =>
      f.inheritEnvironment === undefined ? [] : [['export', f.inheritEnvironment ? 'ALL' : 'NONE']],
    decode(options) {
      const v = text(options.get('export')!);
      if (/^all$/i.test(v)) return { input: { inheritEnvironment: true } };
      if (/^none$/i.test(v)) return { input: { inheritEnvironment: false } };
      return { unmodelled: `--export=${v} passes chosen variables` };
    },
  },
  {
    id: 'dependency',
    options: ['dependency'],
    fields: ['dependencies'],
    resource: false,
    exclusive: false,
    encode: (f) =>
      f.dependencies?.length
        ? [['dependency', f.dependencies.map((d) => `${d.type}:${d.jobIds.join(':')}`).join(',')]]
        : [],
    decode(options) {
      const v = text(options.get('dependency')!);
      const dependencies = [];
      for (const item of v.split(',')) {
        const [type = '', ...jobIds] = item.split(':');
        // "?" (any of), singleton, aftercorr, "+time": Slurm's, beyond the model.
        if (
          !['after', 'afterok', 'afternotok', 'afterany'].includes(type) ||
          jobIds.length === 0 ||
          /[?+]/.test(item)
        )
          return { unmodelled: `--dependency=${v} uses Slurm dependency syntax beyond the model` };
        dependencies.push({ type, jobIds });
      }
      return { input: { dependencies } };
    },
  },
  {
    ...single('array', 'array', 'array', true),
    encode: (f) => (f.array === undefined ? [] : [['array', f.array.expression]]),
  },
  {
    id: 'hold',
    options: ['hold'],
    fields: ['hold'],
    resource: false,
    exclusive: false,
    encode: (f) => (f.hold ? [['hold', true]] : []),
    decode: () => ({ input: { hold: true } }),
  },
];

/** Every group, in the order options are generated. */
export const OPTION_GROUPS: readonly OptionGroup[] = GROUPS;

const GROUP_OF = new Map(GROUPS.flatMap((g) => g.options.map((o) => [o, g] as const)));

/** The group an option belongs to, if it sets job-spec fields. */
export function groupOf(option: string): OptionGroup | undefined {
  return GROUP_OF.get(option);
}
