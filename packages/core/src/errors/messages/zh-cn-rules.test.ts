/**
 * Every validation message of hpckit's own rules reads in Chinese in zh-CN: no English sentence
 * left inside, only the field names, values and code the message quotes.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { TimeLimitChangeSchema } from '../../adapter/time-limit-change.js';
import { JobQuerySchema } from '../../model/job-query.js';
import { JobSpecSchema } from '../../model/job-spec.js';
import { UserNameSchema } from '../../model/names.js';
import { formatError } from '../format.js';
import { ValidationError } from '../hpckit-error.js';
import { parseInput } from '../validation.js';

const long = 'x'.repeat(300);

/** Inputs that break one or more of the rules, by schema. */
const CASES: [string, z.ZodType, unknown][] = [
  ['memory as a number', JobSpecSchema, { command: 'x', memory: 64 }],
  ['memory as text', JobSpecSchema, { command: 'x', memory: '64G' }],
  ['memory size without unit', JobSpecSchema, { command: 'x', memory: { perNode: '64' } }],
  ['memory size too large', JobSpecSchema, { command: 'x', memory: { perNode: '99999999T' } }],
  ['two memory kinds', JobSpecSchema, { command: 'x', memory: { perNode: '4G', perCore: '1G' } }],
  ['perGpu without GPUs', JobSpecSchema, { command: 'x', memory: { perGpu: '4G' } }],
  ['bare-number time limit', JobSpecSchema, { command: 'x', timeLimit: 90 }],
  ['not a duration', JobSpecSchema, { command: 'x', timeLimit: 'soon' }],
  ['duration too long', JobSpecSchema, { command: 'x', timeLimit: '9999999d' }],
  ['empty duration object', JobSpecSchema, { command: 'x', timeLimit: {} }],
  ['fractional seconds', JobSpecSchema, { command: 'x', timeLimit: { seconds: 1.5 } }],
  ['negative duration', JobSpecSchema, { command: 'x', timeLimit: { minutes: -5 } }],
  ['time limit of the wrong type', JobSpecSchema, { command: 'x', timeLimit: true }],
  ['command and script', JobSpecSchema, { command: 'x', script: '#!/bin/bash\nx' }],
  ['neither command nor script', JobSpecSchema, {}],
  ['script without interpreter', JobSpecSchema, { script: 'hostname' }],
  ['cores and tasks', JobSpecSchema, { command: 'x', coresPerNode: 4, tasks: 8, cpusPerTask: 2 }],
  ['tasks that do not fit', JobSpecSchema, { command: 'x', nodes: 2, tasks: 9, tasksPerNode: 4 }],
  ['counts', JobSpecSchema, { command: 'x', nodes: 0, tasks: 1.5, gpusPerNode: -1, coresPerNode: 1e9 }],
  ['empty command', JobSpecSchema, { command: '' }],
  ['bad names', JobSpecSchema, { command: 'x', account: '-a', partition: '', qos: long }],
  ['bad paths', JobSpecSchema, { command: 'x', workingDirectory: '', stdout: 'a\0b' }],
  ['a name with a line break', JobSpecSchema, { command: 'x', comment: 'a\nb' }],
  ['bad environment', JobSpecSchema, { command: 'x', environment: { '1A': 'x', B: 'a\0' } }],
  ['bad directive names', JobSpecSchema, { command: 'x', directives: { '--mem': '1G' } }],
  ['no dependency ids', JobSpecSchema, { command: 'x', dependencies: [{ type: 'afterok', jobIds: [] }] }],
  [
    'bad dependency ids',
    JobSpecSchema,
    { command: 'x', dependencies: [{ type: 'afterok', jobIds: ['-1'] }] },
  ],
  ['array: backwards range', JobSpecSchema, { command: 'x', array: '9-1' }],
  ['array: bad item', JobSpecSchema, { command: 'x', array: 'a-b' }],
  ['array: two throttles', JobSpecSchema, { command: 'x', array: '1-9%2%3' }],
  ['array: bad throttle', JobSpecSchema, { command: 'x', array: '1-9%0' }],
  ['array: index too big', JobSpecSchema, { command: 'x', array: '0-99999999' }],
  ['array: throttle too big', JobSpecSchema, { command: 'x', array: { indices: '1-9', throttle: 1e9 } }],
  ['time change: neither', TimeLimitChangeSchema, {}],
  ['time change: bare number', TimeLimitChangeSchema, { set: 60 }],
  ['time change: bare delta', TimeLimitChangeSchema, { delta: -600 }],
  ['time change: unsigned delta', TimeLimitChangeSchema, { delta: '30m' }],
  ['time change: zero', TimeLimitChangeSchema, { set: '0s' }],
  ['time change: zero delta', TimeLimitChangeSchema, { delta: '+0m' }],
  ['user name: option', UserNameSchema, '-u'],
  ['user name: digits', UserNameSchema, '0'],
  ['user name: empty', UserNameSchema, ''],
  ['query: from after to', JobQuerySchema, { submitted: { from: new Date(2), to: new Date(1) } }],
];

function failure(schema: z.ZodType, input: unknown): ValidationError {
  try {
    parseInput(schema, input, 'job spec');
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be refused`);
}

/**
 * An English phrase: three or more ASCII words in a row, once quoted names and values, code
 * (`{ perNode: '64G' }`, `client.as()`) and the subject are taken out.
 */
function englishIn(text: string): string | undefined {
  const bare = text.replace(/"[^"]*"|'[^']*'|“[^”]*”|`[^`]*`|\{[^}]*\}/g, ' ').replace(/^job spec/, ' ');
  return /[A-Za-z]+(?:[ ,;:()/-]+[A-Za-z]+){2,}/.exec(bare)?.[0];
}

describe('validation messages in Chinese', () => {
  it.each(CASES)('words %s in Chinese, with no English sentence left', (_, schema, input) => {
    const err = failure(schema, input);
    const zh = formatError(err, { locale: 'zh-CN' });
    expect(englishIn(zh), zh).toBeUndefined();
    // The English message still says it, in English.
    expect(englishIn(err.message), err.message).toBeDefined();
  });

  it('finds the English a message would have left (the check itself can fail)', () => {
    expect(englishIn('job spec无效："memory"：give exactly one of "perNode"')).toBe('give exactly one of');
    expect(englishIn("job spec无效：请写成 { perNode: '64G' } 或 '64m'")).toBeUndefined();
  });
});
