import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatError } from './format.js';
import { ValidationError } from './hpckit-error.js';
import { JobSpecSchema } from '../model/job-spec.js';
import { parseInput } from './validation.js';

function failure(schema: z.ZodType, input: unknown): ValidationError {
  try {
    parseInput(schema, input, 'job spec');
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error('expected a ValidationError');
}

const both = (schema: z.ZodType, input: unknown) => {
  const err = failure(schema, input);
  return [formatError(err), formatError(err, { locale: 'zh-CN' })];
};

describe('parseInput issues in every locale', () => {
  it('words a wrong type in English and Chinese', () => {
    const schema = z.object({ memory: z.object({ perNode: z.string() }) });
    expect(both(schema, { memory: { perNode: 64 } })).toEqual([
      'Invalid job spec: at "memory.perNode": Invalid input: expected string, received number.',
      'job spec无效："memory.perNode"：应为字符串，实际为数字。',
    ]);
  });

  it('keeps the facts, not the input, in the issue', () => {
    const err = failure(z.object({ name: z.string() }), { name: 64 });
    expect(err.details.issues).toEqual([
      {
        path: ['name'],
        code: 'invalid_type',
        message: 'Invalid input: expected string, received number',
        facts: { expected: 'string', received: 'number' },
      },
    ]);
  });

  it('words bounds of numbers and sizes of strings and arrays', () => {
    const schema = z.object({
      nodes: z.number().min(1),
      cores: z.number().lt(10),
      name: z.string().max(3),
      ids: z.array(z.string()).min(1),
    });
    expect(both(schema, { nodes: 0, cores: 10, name: 'abcd', ids: [] })).toEqual([
      'Invalid job spec: at "nodes": Too small: expected number to be >=1; at "cores": Too big: expected number to be <10; ' +
        'at "name": Too big: expected string to have <=3 characters; at "ids": Too small: expected array to have >=1 items.',
      'job spec无效："nodes"：应 ≥ 1；"cores"：应 < 10；"name"：最多应有 3 个字符；"ids"：至少应有 1 项。',
    ]);
  });

  it('lists the accepted values and the unknown keys', () => {
    const schema = z.strictObject({ qos: z.enum(['normal', 'high']), kind: z.literal('batch') });
    expect(both(schema, { qos: 'urgent', kind: 'x', colour: 1, size: 2 })).toEqual([
      'Invalid job spec: at "qos": Invalid option: expected one of "normal"|"high"; at "kind": Invalid input: expected "batch"; ' +
        'Unrecognized keys: "colour", "size".',
      'job spec无效："qos"：应为以下之一："normal"、"high"；"kind"：应为 "batch"；不认识的键："colour"、"size"。',
    ]);
  });

  it('words formats, unions and generic custom issues', () => {
    const schema = z.object({
      id: z.string().regex(/^\d+$/),
      mail: z.email(),
      size: z.union([z.number(), z.boolean()]),
      odd: z.number().refine((n) => n % 2 === 1),
    });
    expect(both(schema, { id: 'x', mail: 'no', size: 'big', odd: 2 })).toEqual([
      'Invalid job spec: at "id": Invalid string: must match pattern /^\\d+$/; at "mail": Invalid email address; ' +
        'at "size": Invalid input; at "odd": Invalid input.',
      'job spec无效："id"：格式无效，应匹配 /^\\d+$/；"mail"：不是有效的电子邮件地址；"size"：不符合任何一种允许的形式；"odd"：输入无效。',
    ]);
  });

  it('keeps text a schema wrote itself, which carries no facts', () => {
    const schema = z.object({ n: z.number().refine((n) => n > 0, 'must be positive') });
    const err = failure(schema, { n: -1 });
    expect(err.details.issues[0]).not.toHaveProperty('facts');
    expect(formatError(err, { locale: 'zh-CN' })).toBe('job spec无效："n"：must be positive。');
  });
});

describe('memory without what it is per', () => {
  const spec = (memory: unknown) => both(JobSpecSchema, { command: 'x', memory });

  it('says to write { perNode: "64G" } for memory: 64', () => {
    expect(spec(64)).toEqual([
      `Invalid job spec: at "memory": Invalid input: expected object, received number; write { perNode: '64G' } or { perCore: '4G' }.`,
      `job spec无效："memory"：应为对象，实际为数字；请写成 { perNode: '64G' } 或 { perCore: '4G' }。`,
    ]);
  });

  it("says to write { perNode: '64G' } for memory: '64G'", () => {
    const err = failure(JobSpecSchema, { command: 'x', memory: '64G' });
    expect(err.details.issues.map((i) => i.path)).toEqual([['memory']]);
    expect([formatError(err), formatError(err, { locale: 'zh-CN' })]).toEqual([
      `Invalid job spec: at "memory": Invalid input: expected object, received string; write { perNode: '64G' } or { perCore: '4G' }.`,
      `job spec无效："memory"：应为对象，实际为字符串；请写成 { perNode: '64G' } 或 { perCore: '4G' }。`,
    ]);
  });

  it("uses the caller's own amount when it is a size", () => {
    expect(spec('32g')[1]).toBe(
      `job spec无效："memory"：应为对象，实际为字符串；请写成 { perNode: '32G' } 或 { perCore: '4G' }。`,
    );
    expect(spec(128)[0]).toContain(`write { perNode: '128G' }`);
  });

  it('echoes no hostile text, only a size', () => {
    const [en] = spec('$(rm -rf ~)');
    expect(en).toBe(
      `Invalid job spec: at "memory": Invalid input: expected object, received string; write { perNode: '64G' } or { perCore: '4G' }.`,
    );
  });
});
