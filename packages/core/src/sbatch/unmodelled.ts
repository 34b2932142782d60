import type { JobSpec } from '../model/job-spec.js';
import { groupOf } from './option-groups.js';
import { sbatchOption } from './option-lookup.js';

/** A directive of a validated spec that changes resources in a way the spec's fields do not show. */
export interface UnmodelledResource {
  /** Canonical long option name, e.g. `exclusive`. */
  option: string;
  /** Its value (`null`: a generated option removed, so Slurm's default applies). */
  value: string | true | null;
  /** Why the fields do not capture it, for messages. */
  reason: string;
}

/**
 * The directives of a validated spec that a policy or a quote cannot judge from the spec's fields:
 * options that change the allocation (`exclusive`, `constraint`, `nodelist`…), and values of
 * resource options the fields cannot express (`nodes=2-4`, `mem=0`, non-GPU `gres`, a removed
 * generated option). An empty list means the fields describe everything the job asks for.
 *
 * @example
 * ```ts
 * const spec = JobSpecSchema.parse({ script: '#!/bin/bash\n#SBATCH --exclusive\nhostname\n' });
 * unmodelledResources(spec); // [{ option: 'exclusive', value: true, reason: '…' }]
 * ```
 */
export function unmodelledResources(spec: Pick<JobSpec, 'directives' | 'nodes'>): UnmodelledResource[] {
  const out: UnmodelledResource[] = [];
  for (const [option, value] of Object.entries(spec.directives ?? {})) {
    const kind = sbatchOption(option).kind;
    if (kind === 'resource') {
      out.push({
        option,
        value,
        reason: `--${option} changes what the job is allocated in a way the spec's fields do not show`,
      });
      continue;
    }
    const group = groupOf(option);
    if (!group?.resource) continue;
    if (value === null) {
      out.push({ option, value, reason: `--${option} is removed, so Slurm decides it` });
      continue;
    }
    const decoded = group.decode(new Map([[option, value]]), spec.nodes);
    if ('unmodelled' in decoded) out.push({ option, value, reason: decoded.unmodelled });
  }
  return out;
}
