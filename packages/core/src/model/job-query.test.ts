import { describe, expect, it } from 'vitest';
import { JobQuerySchema, MAX_QUERY_LIST_LENGTH } from './job-query.js';

const issues = (value: unknown) =>
  JobQuerySchema.safeParse(value).error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];

describe('JobQuerySchema limits', () => {
  it.each(['users', 'accounts', 'partitions', 'jobIds'])(
    `refuses a %s list of more than ${MAX_QUERY_LIST_LENGTH} values and takes one of exactly that many`,
    (field) => {
      const names = Array.from({ length: MAX_QUERY_LIST_LENGTH + 1 }, (_, i) => `n${i}`);
      expect(issues({ [field]: names })).toEqual([
        [field, `must hold at most ${MAX_QUERY_LIST_LENGTH} values`],
      ]);
      expect(JobQuerySchema.safeParse({ [field]: names.slice(1) }).success).toBe(true);
    },
  );

  it('refuses overlong states and fields lists too', () => {
    const states = Array.from({ length: MAX_QUERY_LIST_LENGTH + 1 }, () => 'running');
    expect(issues({ states })).toEqual([['states', `must hold at most ${MAX_QUERY_LIST_LENGTH} values`]]);
    const fields = Array.from({ length: MAX_QUERY_LIST_LENGTH + 1 }, () => 'name');
    expect(issues({ fields })).toEqual([['fields', `must hold at most ${MAX_QUERY_LIST_LENGTH} values`]]);
  });

  it('caps a job id and the job name like the job spec does', () => {
    expect(issues({ jobIds: ['1'.repeat(200_000)] })).toEqual([
      ['jobIds.0', 'must be at most 128 characters'],
    ]);
    expect(issues({ name: 'x'.repeat(201) })).toEqual([['name', 'must be at most 200 characters']]);
    expect(issues({ name: 'a\0b' })).toEqual([['name', 'must not contain a NUL character']]);
    expect(JobQuerySchema.parse({ name: 'x'.repeat(200) }).name).toHaveLength(200);
  });
});
