/**
 * No validation text is written as a plain English string in a package's source: each is a rule
 * (`ruleError`/`ruleIssue` in core, `defineIssueRules` in a package) worded in every locale, so
 * `formatError(err, { locale: 'zh-CN' })` shows Chinese. `issue-rules-zh.test.ts` checks the
 * rules' words; this checks that schemas use rules at all, which it cannot see.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainMessages, untranslatedTexts } from './support/plain-messages.js';

const root = join(import.meta.dirname, '..');

function sourceFiles(): string[] {
  const packages = join(root, 'packages');
  return readdirSync(packages).flatMap((pkg) =>
    readdirSync(join(packages, pkg, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !/\.test(-d)?\.ts$/.test(f))
      .map((f) => `packages/${pkg}/src/${f.split('\\').join('/')}`),
  );
}

describe('validation texts in package source', () => {
  const found = new Map(
    sourceFiles().map((file) => [file, plainMessages(file, readFileSync(join(root, file), 'utf8'))]),
  );

  it('are rules, not plain English strings', () => {
    const plain = [...found]
      .filter(([, messages]) => messages.length > 0)
      .map(([file, messages]) => `${file}: ${messages.map((m) => `${m.line} ${m.text}`).join(' | ')}`);
    expect(plain, 'word these through a rule (ruleError, ruleIssue or defineIssueRules)').toEqual([]);
  });

  it('finds each way a plain text is written (the check itself can fail)', () => {
    const source = `
      const A = z.string().min(1, 'must not be empty');
      const B = z.number().int('must be whole');
      const C = z.custom<F>(isFunction, 'must be a function');
      const D = z.string().refine((s) => s !== '', { message: 'not empty' });
      const E = z.array(z.string(), { error: 'must be a list' });
      const F = z.object({}).superRefine((v, ctx) => ctx.addIssue({ code: 'custom', message: \`bad \${v}\` }));
      issues.push({ path: ['script'], message: 'line 2 is wrong' });
      const G = z.string().min(1, { error: ruleError('not_empty') });
      const H = 'x'.startsWith('/');
    `;
    expect(plainMessages('x.ts', source).map((m) => m.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });
});

// Errors worded in English only, by file: none is left, and none may be added.
const UNTRANSLATED: Record<string, number> = {};

describe('texts an error shows in one language only', () => {
  const found = sourceFiles()
    .map((file) => [file, untranslatedTexts(file, readFileSync(join(root, file), 'utf8'))] as const)
    .filter(([, texts]) => texts.length > 0);

  it('are rules or named subjects, except the few listed', () => {
    const counts = Object.fromEntries(found.map(([file, texts]) => [file, texts.length]));
    const detail = found.map(
      ([file, texts]) => `${file}: ${texts.map((t) => `${t.line} ${t.text}`).join(' | ')}`,
    );
    expect(counts, detail.join('\n')).toEqual(UNTRANSLATED);
  });

  it('finds each kind of site (the check itself can fail)', () => {
    const source = `
      throw new NotFoundError({ details: { kind: 'account', id }, hint: 'Create it first, or check the spelling.' });
      throw new InternalError({ details: { operation: 'x' }, message: \`no free port in \${range}\` });
      throw fail.permission({ details: { action: 'x' }, message: 'you may not do that here' });
      throw new ValidationError({ details: { subject: 'job spec', issues } });
      moneyToDecimal(total, currency, 'year total');
      parseInput(Schema, input, \`form of app \${id}\`);
      throw invalid(subject, ['partition'], 'is missing: name a partition');
      throw new NotFoundError({ details, message: 'gone for good', translations: { 'zh-CN': '没了' } });
      throw invalid(validationSubject('job'), ['partition'], 'job_partition_missing');
      moneyToDecimal(total, currency, billingRules.subject('year_total'));
      const e = new Error('a plain error is not an hpckit message');
    `;
    expect(untranslatedTexts('x.ts', source).map((m) => m.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });
});
