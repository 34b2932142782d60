import { formatMemorySize, type JobSpec, ValidationError } from '@hpckit/core';
import { formatSlurmDuration } from '../parse/slurm-values.js';

/** sbatch long options by name (no dashes): a value, or `true` for a flag. Order is kept. */
export type SbatchOptions = Map<string, string | true>;

/** Facts about the submission that are not in the spec. */
export interface SubmissionContext {
  /** Absolute working directory (the spec's, resolved against the user's home). */
  workingDirectory: string;
  /** Text stored in the job comment (the idempotency token, then the spec's comment). */
  comment?: string;
}

// Options that mean the same thing as another: a directive naming one replaces the others.
const EXCLUSIVE_GROUPS: readonly (readonly string[])[] = [
  ['mem', 'mem-per-cpu', 'mem-per-gpu'],
  ['gres', 'gpus-per-node', 'gpus', 'gpus-per-task'],
  ['chdir', 'D'],
  ['job-name', 'J'],
  ['time', 't'],
];

/**
 * Turns a validated spec into sbatch options. Every value stays a separate argv word, so job
 * names, paths and comments are never parsed by a shell or by sbatch's `#SBATCH` reader.
 * `directives` override generated options, add new ones, or remove them (`null`); a `comment`
 * directive is refused with a `ValidationError`, because the comment holds the idempotency token.
 */
export function sbatchOptions(spec: JobSpec, context: SubmissionContext): SbatchOptions {
  const o: SbatchOptions = new Map();
  if (spec.name !== undefined) o.set('job-name', spec.name);
  if (spec.account) o.set('account', spec.account);
  if (spec.partition) o.set('partition', spec.partition);
  if (spec.qos) o.set('qos', spec.qos);
  o.set('nodes', String(spec.nodes));
  if (spec.coresPerNode !== undefined) {
    // "coresPerNode" is one task per node owning all those cores.
    o.set('ntasks-per-node', '1');
    o.set('cpus-per-task', String(spec.coresPerNode));
  }
  if (spec.tasks !== undefined) o.set('ntasks', String(spec.tasks));
  if (spec.tasksPerNode !== undefined) o.set('ntasks-per-node', String(spec.tasksPerNode));
  if (spec.cpusPerTask !== undefined) o.set('cpus-per-task', String(spec.cpusPerTask));
  if (spec.gpusPerNode) o.set('gres', `gpu:${spec.gpusPerNode}`);
  if (spec.memory) {
    const flag = { node: 'mem', core: 'mem-per-cpu', gpu: 'mem-per-gpu' }[spec.memory.per];
    o.set(flag, formatMemorySize(spec.memory.mebibytes));
  }
  if (spec.timeLimit !== undefined) o.set('time', formatSlurmDuration(spec.timeLimit));
  o.set('chdir', context.workingDirectory);
  if (spec.stdout) o.set('output', spec.stdout);
  if (spec.stderr) o.set('error', spec.stderr);
  // A clean login environment by default; the spec's variables are exported by the script.
  o.set('export', spec.inheritEnvironment ? 'ALL' : 'NONE');
  if (spec.dependencies?.length) {
    o.set('dependency', spec.dependencies.map((d) => `${d.type}:${d.jobIds.join(':')}`).join(','));
  }
  if (spec.array) o.set('array', spec.array.expression);
  if (spec.hold) o.set('hold', true);
  if (context.comment) o.set('comment', context.comment);
  if (spec.directives && 'comment' in spec.directives) throw commentDirective();
  for (const [name, value] of Object.entries(spec.directives ?? {})) {
    for (const group of EXCLUSIVE_GROUPS) {
      if (group.includes(name)) for (const other of group) if (other !== name) o.delete(other);
    }
    if (value === null) o.delete(name);
    else o.set(name, value);
  }
  return o;
}

// The comment carries the idempotency token: replacing or removing it would let a retried
// submission create a second job, so only `spec.comment` (kept after the token) may set it.
function commentDirective(): ValidationError {
  return new ValidationError({
    details: {
      subject: 'job spec',
      issues: [
        {
          path: ['directives', 'comment'],
          message: 'set the job comment with "comment" in the spec, not as a directive',
          code: 'custom',
        },
      ],
    },
    message: 'The "comment" directive would replace the idempotency token hpckit keeps in the job comment.',
    hint: 'Move the text to the spec\'s "comment" field; hpckit stores it after its token.',
    adapter: 'slurm',
  });
}

/** The argv words of the options: `--name=value` or `--flag`, one word each. */
export function optionsToArgv(options: SbatchOptions): string[] {
  return [...options].map(([name, value]) => {
    const dashes = name.length === 1 ? '-' : '--';
    if (value === true) return `${dashes}${name}`;
    return name.length === 1 ? `-${name}${value}` : `--${name}=${value}`;
  });
}
