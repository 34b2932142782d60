/**
 * Billing's own errors come from one place in both languages: validation through core's rules
 * (`ruleError`) or billing's, refusals and CSV errors through `billingRules.errorText`.
 */
import { formatError, parseInput, registeredIssueRules, type ValidationError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { thrownBy } from './thrown-by.js';
import { ResourcePolicySchema } from '../src/index.js';
import { createLedger, createMemoryStore, parseChargesCsv } from '../src/ledger/index.js';

describe("billing's words", () => {
  it("use core's rules for whole numbers and counts, and keep no copy of them", () => {
    const tables = registeredIssueRules().get('billing');
    for (const duplicate of ['whole_number', 'at_least_one', 'comment_too_long', 'no_cluster'])
      expect(Object.keys(tables?.en ?? {})).not.toContain(duplicate);
    const err = thrownBy(() =>
      parseInput(ResourcePolicySchema, { partitions: [{ name: 'cpu', maxCoresPerNode: 1.5 }] }, 'policy'),
    ) as ValidationError;
    expect(err.details.issues.map((i) => i.facts?.rule)).toEqual(['whole_number']);
    expect(formatError(err, { locale: 'zh-CN' })).toContain('应为整数');
  });

  it('word a CSV the ledger cannot read in English and Chinese, with the way out', () => {
    const err = thrownBy(() => parseChargesCsv('a,b\n1,2\n'));
    expect(formatError(err)).toMatch(
      /^The CSV header is not ".*"\. Read only files written by the matching export function\.$/,
    );
    expect(formatError(err, { locale: 'zh-CN' })).toMatch(
      /^CSV 表头不是“.*”。请只读取由对应导出函数写出的文件。$/,
    );
    const quote = thrownBy(() => parseChargesCsv('"a'));
    expect(formatError(quote, { locale: 'zh-CN' })).toBe(
      '无法读取 CSV 文本：有一个带引号的字段没有闭合。请重新导出该文件，或检查是否有程序改动了其中的引号。',
    );
  });

  it('word a refused reversal in English and Chinese', async () => {
    const ledger = createLedger({ store: createMemoryStore(), currency: 'CNY' });
    const finance = ledger.as({ user: 'fin', roles: ['finance', 'platform-admin'] });
    await finance.createAccount({ name: 'chem', type: 'internal', owner: 'alice' });
    const { payment } = await finance.recordPayment('chem', { amount: '100', type: 'bank transfer' });
    const { reversal } = await finance.reversePayment(payment.id);
    const err = await finance.reversePayment(reversal.id).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(formatError(err)).toBe(
      `Entry "${reversal.id}" is itself a correction (reversal) and cannot be reversed. Record a new payment instead.`,
    );
    expect(formatError(err, { locale: 'zh-CN' })).toBe(
      `条目“${reversal.id}”本身就是更正（reversal），不能冲正。请改为记录一笔新的付款。`,
    );
  });
});
