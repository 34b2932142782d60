/**
 * What was invalid is named in the reader's language: a zh-CN validation message never starts
 * with an English subject ("job spec无效：…"). Core names its subjects in its tables
 * (`validationSubject`), each package through `defineIssueRules(…).subject`; these tests check
 * the tables, the calls that pass a subject, and bad input through the public API.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mockAdapter } from '@hpckit/adapter-mock';
import { slurmAdapter } from '@hpckit/adapter-slurm';
import { defineApp } from '@hpckit/apps';
import { createBonusCalculator, createPricingEngine } from '@hpckit/billing';
import { createLedger, createMemoryStore } from '@hpckit/billing/ledger';
import {
  createClient,
  formatError,
  JobSpecSchema,
  parseInput,
  registeredSubjects,
  ValidationError,
  validationSubject,
} from '@hpckit/core';
import { localFileSystem } from '@hpckit/remote';
import { localTransport, sshTransport } from '@hpckit/transport';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const CJK = /[\u4e00-\u9fff]/;

/** The subject of a zh-CN validation message: what comes before "无效：". */
function subjectOf(err: unknown): string {
  expect(err).toBeInstanceOf(ValidationError);
  const zh = formatError(err, { locale: 'zh-CN', hint: false });
  const at = zh.indexOf('无效：');
  expect(at, zh).toBeGreaterThan(0);
  return zh.slice(0, at);
}

async function thrown(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to throw');
}

describe('subject names', () => {
  it('of every package are worded in Chinese', () => {
    const scopes = [...registeredSubjects()];
    expect(scopes.map(([scope]) => scope)).toEqual(
      expect.arrayContaining(['apps', 'billing', 'mock', 'remote', 'slurm', 'transport']),
    );
    for (const [scope, tables] of scopes) {
      for (const name of Object.keys(tables.en)) {
        const facts = { value: 'alice', rule: `${scope}.${name}` };
        expect(tables['zh-CN'][name]?.(facts), `${scope}.${name}`).toMatch(CJK);
      }
    }
  });

  it("of core are worded in Chinese, and parseInput's message uses them", () => {
    const named = validationSubject('access_roles', { value: 'alice' });
    expect(named.subject).toBe('access roles of user "alice"');
    const e = new ValidationError({ details: { ...named, issues: [] } });
    expect(subjectOf(e)).toBe('用户“alice”的访问角色');
    const spec = validationSubject('job_spec');
    const thrownSpec = (() => {
      try {
        parseInput(JobSpecSchema, { command: 'x', nodes: 0 }, spec);
      } catch (x) {
        return x as ValidationError;
      }
    })();
    expect(thrownSpec?.message).toMatch(/Invalid job spec: /);
    expect(subjectOf(thrownSpec)).toBe('作业描述');
  });

  it('are given by every parseInput in package source, never as English text', () => {
    const root = join(import.meta.dirname, '..', 'packages');
    const literal: string[] = [];
    for (const pkg of readdirSync(root)) {
      const src = join(root, pkg, 'src');
      let files: string[];
      try {
        files = readdirSync(src, { recursive: true, encoding: 'utf8' });
      } catch {
        continue;
      }
      for (const f of files.filter((n) => n.endsWith('.ts') && !/\.test(-d)?\.ts$/.test(n))) {
        const file = ts.createSourceFile(f, readFileSync(join(src, f), 'utf8'), ts.ScriptTarget.Latest, true);
        const visit = (n: ts.Node): void => {
          if (ts.isCallExpression(n) && /(^|\.)parseInput$/.test(n.expression.getText(file))) {
            const subject = n.arguments[2];
            if (subject && (ts.isStringLiteral(subject) || ts.isTemplateExpression(subject)))
              literal.push(`${pkg}/src/${f}: ${subject.getText(file)}`);
          }
          ts.forEachChild(n, visit);
        };
        visit(file);
      }
    }
    expect(literal).toEqual([]);
  });
});

describe('bad input through the public API', () => {
  const cases: [string, () => unknown][] = [
    ['createClient', () => createClient({} as never)],
    [
      'a job spec',
      () =>
        createClient({ clusters: { hpc: { adapter: mockAdapter() } } })
          .as('alice')
          .jobs.submit({ command: '' } as never),
    ],
    ['mockAdapter', () => mockAdapter({ firstJobId: -1 })],
    ['slurmAdapter', () => slurmAdapter({ shell: 'bash' })],
    ['localTransport', () => localTransport({ bogus: 1 } as never)],
    ['sshTransport', () => sshTransport({} as never)],
    ['localFileSystem', () => localFileSystem({ user: '' })],
    ['defineApp', () => defineApp({} as never)],
    ['createPricingEngine', () => createPricingEngine({} as never)],
    ['createBonusCalculator', () => createBonusCalculator({} as never)],
    ['createLedger', () => createLedger({} as never)],
    [
      'a payment',
      async () => {
        const ledger = createLedger({ store: createMemoryStore(), currency: 'CNY' });
        await ledger.as({ user: 'fin', roles: ['finance'] }).recordPayment('chem', { amount: 12.5 } as never);
      },
    ],
  ];
  it.each(cases)('%s names what was invalid in Chinese', async (_, call) => {
    const subject = subjectOf(await thrown(call));
    expect(subject, subject).toMatch(CJK);
  });
});
