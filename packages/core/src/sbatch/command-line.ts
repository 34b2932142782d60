import type { JobSpec } from '../model/job-spec.js';
import { groupOf, OPTION_GROUPS, type SbatchOptions } from './option-groups.js';

/** Facts about a submission that are not in the spec. */
export interface SubmissionContext {
  /** Absolute working directory (the spec's, resolved against the user's home). */
  workingDirectory: string;
  /** Text stored in the job comment (an idempotency token, then the spec's comment). */
  comment?: string;
}

/**
 * The sbatch options of a validated spec, in a fixed readable order: every field the spec sets,
 * the working directory and comment of the context, then the spec's `directives` on top (one of
 * the mutually exclusive memory or GPU options replaces the generated one). A validated spec is
 * already folded (its script's `#SBATCH` lines are in its fields), so these options repeat what
 * the script says rather than override it.
 */
export function sbatchCommandLine(spec: JobSpec, context: SubmissionContext): SbatchOptions {
  const options: SbatchOptions = new Map();
  for (const group of OPTION_GROUPS) {
    if (group.id === 'chdir') options.set('chdir', context.workingDirectory);
    else for (const [name, value] of group.encode(spec)) options.set(name, value);
  }
  if (context.comment) options.set('comment', context.comment);
  for (const [name, value] of Object.entries(spec.directives ?? {})) {
    if (value === null) {
      options.delete(name);
      continue;
    }
    const group = groupOf(name);
    if (group?.exclusive) for (const other of group.options) options.delete(other);
    options.set(name, value);
  }
  return options;
}

/** The argv words of options: `--name=value` or `--flag`, one word each, never split by a shell. */
export function optionsToArgv(options: SbatchOptions): string[] {
  return [...options].map(([name, value]) => (value === true ? `--${name}` : `--${name}=${value}`));
}
