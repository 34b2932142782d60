import { isHpckitError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { createResourcePolicy } from '../policy/resource-policy-engine.js';
import { ikkemPreset } from '../presets/ikkem.js';
import { createMemoryStore } from '../stores/memory/memory-store.js';
import { FINANCE, ledgerHarness, ROOT } from '../testing/ledger-harness.js';
import { createSubmissionCheck, submissionProblems } from './submission-check.js';

async function setup() {
  const h = ledgerHarness(createMemoryStore());
  await h.ledger.as(ROOT).createAccount({ name: 'chem', type: 'internal', owner: 'alice' });
  await h.ledger.as({ user: 'alice' }).addMember('chem', { user: 'bob' });
  await h.ledger.as(FINANCE).recordPayment('chem', { amount: '100', type: 'bank' });
  await h.ledger.as({ user: 'alice' }).setSpendingLimit('chem', 'bob', { amount: '30' });
  const check = createSubmissionCheck({
    pricing: h.engine,
    policy: createResourcePolicy(ikkemPreset({ cluster: 'c1' }).resourcePolicy),
    cluster: 'c1',
  });
  return { h, check, bob: h.ledger.as({ user: 'bob' }) };
}

const job = (cores: number, hours: number) => ({
  account: 'chem',
  partition: 'cpu',
  coresPerNode: cores,
  timeLimit: `${hours}h`,
  command: 'run',
});

describe('checking a submission before the submit button', () => {
  it('fills the defaults, prices for the account type and checks the quote', async () => {
    const { h, check, bob } = await setup();
    const result = await check(bob, job(4, 2));
    const quote = h.engine.quote(job(4, 2), { cluster: 'c1', accountType: 'internal' });
    expect(result.ok).toBe(true);
    expect(result.spec.memory).toBeDefined(); // the site's memory per core, filled
    expect(result.quote?.maximum).toEqual(quote.maximum);
    expect(result.quoteCheck).toMatchObject({ ok: true, required: quote.maximum.amount, user: 'bob' });
    expect(submissionProblems(result, 'en')).toEqual([]);
  });

  it("stops at the policy's violations, worded in both languages, before pricing", async () => {
    const { check, bob } = await setup();
    const result = await check(bob, job(100, 2));
    expect(result.ok).toBe(false);
    expect(result.quote).toBeUndefined();
    expect(result.violations.length).toBeGreaterThan(0);
    const zh = submissionProblems(result, 'zh-CN');
    expect(zh).toEqual(result.violations.map((v) => v.message['zh-CN']));
    expect(zh.join()).toMatch(/[\u4e00-\u9fff]/);
    expect(submissionProblems(result, 'en').join()).toContain('100');
  });

  it("refuses a quote above the user's limit, saying so in the user's language", async () => {
    const { check, bob } = await setup();
    const result = await check(bob, job(64, 48));
    expect(result.ok).toBe(false);
    expect(result.quoteCheck?.errors.map((e) => e.details.reason)).toContain('spending_limit_exceeded');
    expect(submissionProblems(result, 'zh-CN').join()).toContain('消费限额');
  });

  it('checks a job without an account against the policy only, and refuses an account the user is not in', async () => {
    const { h, check, bob } = await setup();
    const { account: _, ...noAccount } = job(4, 1);
    const result = await check(bob, noAccount);
    expect([result.ok, result.quote, result.quoteCheck]).toEqual([true, undefined, undefined]);
    expect((await check(bob, { ...noAccount, coresPerNode: 100 })).ok).toBe(false);
    await h.ledger.as(ROOT).createAccount({ name: 'phys', type: 'internal', owner: 'carol' });
    const err = await check(bob, { ...job(4, 1), account: 'phys' }).catch((e: unknown) => e);
    expect(isHpckitError(err, 'PERMISSION_DENIED')).toBe(true);
  });

  it('refuses malformed options with a typed error naming the option', () => {
    expect(() => createSubmissionCheck({ pricing: {} as never, cluster: 'c1' })).toThrow(/options\.pricing/);
    expect(() =>
      createSubmissionCheck({
        pricing: { quote: () => undefined } as never,
        policy: 1 as never,
        cluster: 'c1',
      }),
    ).toThrow(/resource-policy engine/);
  });
});
