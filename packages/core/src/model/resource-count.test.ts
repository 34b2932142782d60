import { describe, expect, it } from 'vitest';
import { JobSpecSchema } from './job-spec.js';
import { MAX_RESOURCE_COUNT } from './resource-count.js';

const issues = (extra: Record<string, unknown>) =>
  JobSpecSchema.safeParse({ command: 'x', ...extra }).error?.issues.map((i) => [
    i.path.join('.'),
    i.message,
  ]) ?? [];

describe('job spec counts', () => {
  const fields = ['nodes', 'coresPerNode', 'tasks', 'tasksPerNode', 'cpusPerTask', 'gpusPerNode'];

  it.each(fields)('%s refuses numbers past the cap with one message naming it', (field) => {
    for (const n of [MAX_RESOURCE_COUNT + 1, 2 ** 53, 1e300, Number.MAX_VALUE]) {
      expect(issues({ [field]: n })).toEqual([[field, `must be at most ${MAX_RESOURCE_COUNT}`]]);
    }
  });

  it.each(fields)('%s takes the cap itself', (field) => {
    const spec = JobSpecSchema.parse({ command: 'x', [field]: MAX_RESOURCE_COUNT });
    expect(spec[field as 'nodes']).toBe(MAX_RESOURCE_COUNT);
  });

  it('keeps the other rules and their messages', () => {
    expect(issues({ nodes: 1.5 })).toEqual([['nodes', 'must be a whole number']]);
    expect(issues({ nodes: 0 })).toEqual([['nodes', 'must be at least 1']]);
    expect(issues({ gpusPerNode: -1 })).toEqual([['gpusPerNode', 'must not be negative']]);
    expect(JobSpecSchema.parse({ command: 'x', gpusPerNode: 0 }).gpusPerNode).toBe(0);
  });
});
