/**
 * Every validation rule a package contributes (`defineIssueRules`) has Chinese words, and they are
 * Chinese: formatError(err, { locale: 'zh-CN' }) leaves no English sentence for them. The rule
 * tables register when their package loads, so each package is imported first.
 */
import { mockAdapter } from '@hpckit/adapter-mock';
import { slurmAdapter } from '@hpckit/adapter-slurm';
import { parseConnectionFile } from '@hpckit/apps';
import {
  AppPortRangeSchema,
  AppSchema,
  defineIssueRules,
  formatError,
  IdempotencyKeySchema,
  JobSpecSchema,
  MoneySchema,
  parseInput,
  registeredIssueRules,
  ValidationError,
} from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import '@hpckit/apps';
import '@hpckit/billing';
import '@hpckit/billing/ledger';
import '@hpckit/remote';
import '@hpckit/transport';
import { englishIn } from './support/english-in.js';

/** Facts of every kind a rule may quote, so each wording shows all of its own text. */
const FACTS = {
  value: 'x',
  item: 'y',
  names: ['a', 'b'],
  count: 2,
  minimum: 1,
  maximum: 8,
  text: 'coresPerNode',
};

const scopes = [...registeredIssueRules()];

describe('rules contributed by packages', () => {
  it('are registered by apps, billing, remote, transport and the Slurm adapter', () => {
    expect(scopes.map(([scope]) => scope)).toEqual(
      expect.arrayContaining(['apps', 'billing', 'remote', 'transport', 'slurm']),
    );
  });

  const rules = scopes.flatMap(([scope, tables]) =>
    Object.keys(tables.en).map((rule) => [scope, rule] as const),
  );
  it.each(rules)('%s.%s is worded in Chinese, with no English sentence left', (scope, rule) => {
    const tables = registeredIssueRules().get(scope);
    const zh = tables?.['zh-CN'][rule]?.({ ...FACTS, rule: `${scope}.${rule}` });
    expect(zh, `${scope}.${rule} has no Chinese words`).toBeTypeOf('string');
    expect(englishIn(zh ?? ''), zh).toBeUndefined();
    expect(tables?.en[rule]?.(FACTS), 'the English words are English').toMatch(/[A-Za-z]+ [A-Za-z]+/);
    // And formatError uses them.
    const err = new ValidationError({
      details: {
        subject: 'options',
        issues: [
          {
            path: ['field'],
            message: 'English',
            code: 'custom',
            facts: { ...FACTS, rule: `${scope}.${rule}` },
          },
        ],
      },
    });
    expect(formatError(err, { locale: 'zh-CN' })).toContain(zh);
  });

  it('refuses a table whose Chinese misses a rule (a JavaScript caller, which types do not check)', () => {
    expect(() => defineIssueRules('test-missing', { en: { a: () => 'a' }, 'zh-CN': {} } as never)).toThrow(
      /test-missing: rules without zh-CN words: a/,
    );
  });

  it('finds the English a message would have left (the check itself can fail)', () => {
    expect(englishIn('应为 must be a header name')).toBe('must be a header name');
    expect(englishIn('“gpus”不是基础应用的属性（它的属性：partition、account）')).toBeUndefined();
  });
});

/** The error a call throws (the test fails if it throws none). */
function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to throw');
}

describe('bad input through public schemas and entries', () => {
  const app = {
    id: 'Bad Id',
    name: '',
    kind: 'web',
    script: '',
    attributes: [
      { name: 'cores', type: 'text', target: 'coresPerNode' },
      { name: 'CORES', type: 'select', options: [{ value: 'x' }], defaultValue: 'y', target: 'gpusPerNode' },
      { name: 'n', type: 'number', min: 5, max: 1, defaultValue: 0.5, integer: true },
    ],
    connect: { path: 'lab', readyPath: 'x' },
    portRange: { min: 80, max: 70_000.5 },
  };
  const cases: [string, () => unknown][] = [
    ['an app', () => parseInput(AppSchema, app, 'app')],
    ['a port range', () => parseInput(AppPortRangeSchema, { min: 9000, max: 8000 }, 'port range')],
    ['money', () => parseInput(MoneySchema, { amount: '1,5', currency: 'yuan' }, 'money')],
    ['an idempotency key', () => parseInput(IdempotencyKeySchema, 'a b', 'key')],
    [
      'sbatch options a script and directives set',
      () =>
        parseInput(
          JobSpecSchema,
          {
            nodes: 1,
            script:
              '#!/bin/bash\n#SBATCH --uid=0\n#SBATCH --nodes=2\n#SBATCH --mem=1G\n#SBATCH --mem-per-cpu=1G\n',
            directives: { wait: 'yes', partition: true, 'ntasks-per': '2', zzz: '1' },
          },
          'job spec',
        ),
    ],
    [
      'a script line the spec disagrees with',
      () => parseInput(JobSpecSchema, { nodes: 1, script: '#!/bin/bash\n#SBATCH --nodes=2\n' }, 'job spec'),
    ],
    [
      '#SBATCH lines sbatch cannot split',
      () =>
        parseInput(
          JobSpecSchema,
          { script: '#!/bin/bash\n#SBATCH hetjob\n#SBATCH --chdir="a\n#SBATCH :b\n' },
          'job spec',
        ),
    ],
    [
      '#SBATCH words sbatch stops at',
      () => parseInput(JobSpecSchema, { script: '#!/bin/bash\n#SBATCH --exclusive=1 -y\n' }, 'job spec'),
    ],
    [
      'option values sbatch would not read, in a script and in directives',
      () =>
        parseInput(
          JobSpecSchema,
          {
            script: '#!/bin/bash\n#SBATCH -p a,b\n#SBATCH --nodes=x\n#SBATCH --mem=4Q\n#SBATCH --time=soon\n',
            directives: { qos: 'low,high', gres: 'gpu::', 'gpus-per-node': 'many', ntasks: 'two' },
          },
          'job spec',
        ),
    ],
    [
      'an option value the field it sets refuses',
      () =>
        parseInput(
          JobSpecSchema,
          { script: '#!/bin/bash\n#SBATCH --nodes=0\n#SBATCH --mem=2000000000000G\n' },
          'job spec',
        ),
    ],
    [
      'Slurm adapter options',
      () => slurmAdapter({ transport: {} as never, blockMechanism: 1 as never, shell: 'bash' }),
    ],
    ['a connection file', () => parseConnectionFile('{"host":"","port":0}', '/srv/c.json')],
  ];
  it('mock adapter options are refused in Chinese, the subject named by the call', () => {
    const err = thrown(() =>
      mockAdapter({
        clock: { scale: 0, realTime: 1 as never },
        firstJobId: 2 ** 32,
        idPrefix: '1',
        homes: 'rel',
        files: {} as never,
      }),
    );
    const zh = formatError(err, { locale: 'zh-CN', hint: false });
    expect(zh).toContain('应为返回毫秒数的函数');
    expect(zh.startsWith('mockAdapter 的选项无效：'), zh).toBe(true);
    expect(englishIn(zh), zh).toBeUndefined();
  });
  it.each(cases)('%s is refused in Chinese with no English sentence left', (_, call) => {
    const err = thrown(call);
    const zh = formatError(err, { locale: 'zh-CN', hint: false });
    expect(englishIn(zh), zh).toBeUndefined();
    expect(formatError(err, { hint: false })).not.toBe(zh);
  });
});
