import { formatMemorySize, type JobSpec } from '@hpckit/core';
import { formatSlurmDuration } from './slurm-duration.js';

/** sbatch long options by name (without dashes): a value, or `true` for a flag. */
export type SbatchOptions = Map<string, string | true>;

/**
 * The sbatch options a spec asks for, in a fixed readable order, then the spec's `directives`
 * applied on top: a value adds or overrides an option in place, `null` removes a generated one.
 * `workingDirectory` is the resolved absolute path.
 */
export function sbatchOptionsOf(spec: JobSpec, workingDirectory: string): SbatchOptions {
  const o: SbatchOptions = new Map();
  const set = (key: string, value: string | number | true | undefined) => {
    if (value !== undefined) o.set(key, value === true ? true : String(value));
  };
  set('job-name', spec.name);
  set('account', spec.account);
  set('partition', spec.partition);
  set('qos', spec.qos);
  set('nodes', spec.nodes);
  if (spec.coresPerNode !== undefined) {
    set('ntasks-per-node', 1);
    set('cpus-per-task', spec.coresPerNode);
  } else {
    set('ntasks', spec.tasks);
    set('ntasks-per-node', spec.tasksPerNode);
    set('cpus-per-task', spec.cpusPerTask);
  }
  if (spec.gpusPerNode) set('gres', `gpu:${spec.gpusPerNode}`);
  if (spec.memory) {
    const key =
      spec.memory.per === 'node' ? 'mem' : spec.memory.per === 'core' ? 'mem-per-cpu' : 'mem-per-gpu';
    set(key, formatMemorySize(spec.memory.mebibytes));
  }
  if (spec.timeLimit !== undefined) set('time', formatSlurmDuration(spec.timeLimit));
  set('chdir', workingDirectory);
  set('output', spec.stdout);
  set('error', spec.stderr);
  set('export', spec.inheritEnvironment ? 'ALL' : 'NONE');
  if (spec.dependencies?.length) {
    set('dependency', spec.dependencies.map((d) => [d.type, ...d.jobIds].join(':')).join(','));
  }
  set('array', spec.array?.expression);
  if (spec.hold) set('hold', true);
  set('comment', spec.comment);
  for (const [key, value] of Object.entries(spec.directives ?? {})) {
    if (value === null) o.delete(key);
    else o.set(key, value);
  }
  return o;
}
