/**
 * Every validation rule a package contributes (`defineIssueRules`) has Chinese words, and they are
 * Chinese: formatError(err, { locale: 'zh-CN' }) leaves no English sentence for them. The rule
 * tables register when their package loads, so each package is imported first.
 */
import { defineIssueRules, formatError, registeredIssueRules, ValidationError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import '@hpckit/apps';
import '@hpckit/billing';
import '@hpckit/billing/ledger';
import '@hpckit/remote';
import '@hpckit/transport';

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

/** An English phrase: three ASCII words in a row once quoted names, code and values are taken out. */
function englishIn(text: string): string | undefined {
  // Code a message quotes: calls such as `commandSessionFiles(transport, user)`.
  const bare = text.replace(/"[^"]*"|'[^']*'|“[^”]*”|`[^`]*`|\{[^}]*\}|[A-Za-z_.]+\([^)]*\)/g, ' ');
  return /[A-Za-z]+(?:[ ,;:()/-]+[A-Za-z]+){2,}/.exec(bare)?.[0];
}

const scopes = [...registeredIssueRules()];

describe('rules contributed by packages', () => {
  it('are registered by apps, billing, remote and transport', () => {
    expect(scopes.map(([scope]) => scope)).toEqual(
      expect.arrayContaining(['apps', 'billing', 'remote', 'transport']),
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
