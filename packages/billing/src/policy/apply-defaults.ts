import type { JobSpecInput } from '@hpckit/core';
import { formatMemorySize, JobSpecSchema, parseInput, validationSubject } from '@hpckit/core';
import type { PreparedPolicy } from './check-spec.js';

const MEMORY_OPTIONS = ['mem', 'mem-per-cpu', 'mem-per-gpu'];

/**
 * Fills what the site fills for a job that leaves it out: memory per core, from the rules of the
 * spec's partition (or the default partition). Returns a new spec input, ready to submit; a spec
 * that requests memory is returned unchanged (as a copy).
 *
 * @throws `ValidationError` when the spec is invalid.
 */
export function applyDefaultsTo(prepared: PreparedPolicy, input: JobSpecInput): JobSpecInput {
  const spec = parseInput(JobSpecSchema, input, validationSubject('job_spec'));
  const partition = spec.partition ?? prepared.policy.defaultPartition;
  const rules = partition === undefined ? undefined : prepared.partitions.get(partition);
  // Memory the script or a directive sets in a form the fields cannot hold (`--mem=0`) is the
  // user's choice too: a default added beside it would conflict with it.
  const memoryDirective = Object.keys(spec.directives ?? {}).some((name) => MEMORY_OPTIONS.includes(name));
  if (spec.memory || memoryDirective || rules?.defaultMemoryPerCore === undefined) return { ...input };
  return { ...input, memory: { perCore: formatMemorySize(rules.defaultMemoryPerCore) } };
}
