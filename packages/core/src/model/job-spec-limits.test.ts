import { describe, expect, it } from 'vitest';
import { fakeAdapter } from '../../test/fake-adapter.js';
import { createRuntimeAdapter } from '../adapter/runtime-adapter.js';
import { isHpckitError, type ValidationError } from '../errors/hpckit-error.js';
import { JobSpecSchema } from './job-spec.js';
import {
  MAX_ENVIRONMENT_VALUE_LENGTH,
  MAX_LINE_LENGTH,
  MAX_PATH_LENGTH,
  MAX_RECORD_ENTRIES,
  MAX_TEXT_LENGTH,
} from './names.js';

const issues = (spec: Record<string, unknown>) =>
  JobSpecSchema.safeParse(spec).error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );
}

describe('job spec length caps', () => {
  const long = 'x'.repeat(200 * 1024);

  it.each(['workingDirectory', 'stdout', 'stderr'])(
    'a 200 KiB %s is VALIDATION at its path, not an argv the kernel refuses',
    (field) => {
      expect(issues({ command: 'x', [field]: long })).toEqual([
        [field, `must be at most ${MAX_PATH_LENGTH} characters (PATH_MAX)`],
      ]);
      expect(JobSpecSchema.safeParse({ command: 'x', [field]: 'd'.repeat(MAX_PATH_LENGTH) }).success).toBe(
        true,
      );
    },
  );

  it('caps environment values and the number of variables', () => {
    expect(
      issues({ command: 'x', environment: { BIG: 'v'.repeat(MAX_ENVIRONMENT_VALUE_LENGTH + 1) } }),
    ).toEqual([
      [
        'environment.BIG',
        `must be at most ${MAX_ENVIRONMENT_VALUE_LENGTH} characters (Linux refuses longer variables); pass bigger data in a file`,
      ],
    ]);
    const many = Object.fromEntries(Array.from({ length: MAX_RECORD_ENTRIES + 1 }, (_, i) => [`V${i}`, '1']));
    expect(issues({ command: 'x', environment: many })).toEqual([
      ['environment', `has ${MAX_RECORD_ENTRIES + 1} entries; at most ${MAX_RECORD_ENTRIES} are allowed`],
    ]);
  });

  it('caps directive values, comments, commands and scripts', () => {
    expect(issues({ command: 'x', directives: { constraint: long } })).toEqual([
      ['directives.constraint', `must be at most ${MAX_LINE_LENGTH} characters`],
    ]);
    expect(issues({ command: 'x', comment: long })).toContainEqual([
      'comment',
      'Too big: expected string to have <=500 characters',
    ]);
    const huge = 'y'.repeat(MAX_TEXT_LENGTH + 1);
    expect(issues({ command: huge })).toEqual([['command', `must be at most ${MAX_TEXT_LENGTH} characters`]]);
    expect(issues({ script: `#!/bin/sh\n${huge}` })).toEqual([
      ['script', `must be at most ${MAX_TEXT_LENGTH} characters`],
    ]);
  });

  it('the runtime refuses an overlong path or job id before the adapter sees it', async () => {
    const fake = fakeAdapter();
    const rt = createRuntimeAdapter(fake);
    const err = await rejection(rt.jobs.submit({ command: 'x', workingDirectory: long }));
    expect(isHpckitError(err, 'VALIDATION')).toBe(true);
    expect((err as ValidationError).details.issues.map((i) => i.path)).toEqual([['workingDirectory']]);
    const byId = await rejection(rt.jobs.get('1'.repeat(200_000)));
    expect(isHpckitError(byId, 'VALIDATION')).toBe(true);
    expect(fake.calls['jobs.submit']).toBeUndefined();
    expect(fake.calls['jobs.get']).toBeUndefined();
  });

  it.each([
    ['array', { array: '9007199254740993' }],
    ['array', { array: '99999999999999999999' }],
    ['timeLimit', { timeLimit: `${'9'.repeat(400)}h` }],
    ['timeLimit', { timeLimit: { seconds: Number.MAX_VALUE } }],
    ['memory', { memory: { perNode: `${'9'.repeat(400)}G` } }],
    ['nodes', { nodes: 1e300 }],
  ])('the runtime refuses a spec whose %s cannot be represented, promptly and typed', async (path, extra) => {
    const fake = fakeAdapter();
    const rt = createRuntimeAdapter(fake);
    const err = await rejection(rt.jobs.submit({ command: 'x', ...extra }));
    expect(isHpckitError(err, 'VALIDATION')).toBe(true);
    expect((err as ValidationError).details.issues.map((i) => i.path[0])).toEqual([path]);
    expect(fake.calls['jobs.submit']).toBeUndefined();
  });
});
