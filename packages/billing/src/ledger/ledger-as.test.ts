/**
 * `ledger.as(actor)` is the way to act on the ledger; the actor-first form it replaces stays for
 * one minor version. Both must do the same: the same results, the same refusals (permission,
 * validation, not found, policy) and the same events, for every operation.
 */
import { ValidationError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../stores/memory/memory-store.js';
import { T0 } from '../testing/fixtures.js';
import { FINANCE, ledgerHarness, ROOT } from '../testing/ledger-harness.js';
import type { ActorInput } from './actor.js';
import type { Ledger } from './create-ledger.js';
import type { LedgerOperations } from './ledger-view.js';

type Call = <K extends keyof LedgerOperations>(
  actor: ActorInput,
  operation: K,
  ...args: Parameters<LedgerOperations[K]>
) => Promise<unknown>;

const viaAs =
  (ledger: Ledger): Call =>
  (actor, operation, ...args) =>
    (ledger.as(actor)[operation] as (...a: unknown[]) => Promise<unknown>)(...args);

const actorFirst =
  (ledger: Ledger): Call =>
  (actor, operation, ...args) =>
    (ledger[operation] as (...a: unknown[]) => Promise<unknown>)(actor, ...args);

const OLGA = { user: 'olga' };
const DAVE = { user: 'dave' };
const CAROL = { user: 'carol' };

/**
 * Every operation, allowed and refused, in an order where each step sees the ledger the steps
 * before left. Each outcome is kept: a value, or the error's code, message, hint and details.
 */
async function script(call: Call): Promise<unknown[]> {
  const outcomes: unknown[] = [];
  const run = async (p: () => Promise<unknown>) => {
    try {
      const value = await p();
      outcomes.push({ value });
      return value as Record<string, { id: string }>;
    } catch (error) {
      if (!(error instanceof Error) || !('code' in error)) throw error;
      const { code, message, hint, details } = error as Error & Record<string, unknown>;
      outcomes.push({ error: { code, message, hint, details } });
      return undefined;
    }
  };
  // Accounts: platform admins only.
  await run(() => call(ROOT, 'createAccount', { name: 'chem', type: 'internal', owner: 'olga' }));
  await run(() => call(OLGA, 'createAccount', { name: 'bio', type: 'internal', owner: 'olga' }));
  await run(() => call(ROOT, 'createAccount', { name: 'Not A Name', type: 'internal', owner: 'olga' }));
  await run(() => call(ROOT, 'setAccountType', 'chem', 'external'));
  await run(() => call(FINANCE, 'setAccountType', 'chem', 'internal'));
  await run(() => call(ROOT, 'setBlockThreshold', 'chem', '-100'));
  await run(() => call(ROOT, 'blockAccount', 'chem'));
  await run(() => call(ROOT, 'blockAccount', 'chem'));
  await run(() => call(ROOT, 'unblockAccount', 'chem'));
  await run(() => call(ROOT, 'freezeAccount', 'chem'));
  await run(() => call(ROOT, 'unfreezeAccount', 'chem'));
  await run(() => call(ROOT, 'whitelistAccount', 'chem', { comment: 'pilot' }));
  await run(() => call(ROOT, 'dewhitelistAccount', 'chem'));
  await run(() => call(ROOT, 'dewhitelistAccount', 'nowhere'));
  // Members: the owner and admins manage, nobody their own membership.
  await run(() => call(OLGA, 'addMember', 'chem', { user: 'dave', role: 'admin' }));
  await run(() => call(DAVE, 'addMember', 'chem', { user: 'carol' }));
  await run(() => call(CAROL, 'addMember', 'chem', { user: 'erin' }));
  await run(() => call(DAVE, 'addMember', 'chem', { user: 'erin', role: 'admin' }));
  await run(() => call(DAVE, 'setSpendingLimit', 'chem', 'carol', { amount: '50', period: 'month' }));
  await run(() => call(DAVE, 'setSpendingLimit', 'chem', 'dave', { amount: '50' }));
  await run(() => call(DAVE, 'blockMember', 'chem', 'carol'));
  await run(() => call(DAVE, 'unblockMember', 'chem', 'carol'));
  await run(() => call(CAROL, 'blockMember', 'chem', 'dave'));
  await run(() => call(OLGA, 'setMemberRole', 'chem', 'carol', 'admin'));
  await run(() => call(DAVE, 'setMemberRole', 'chem', 'carol', 'member'));
  await run(() => call(OLGA, 'setMemberRole', 'chem', 'carol', 'member'));
  await run(() => call(OLGA, 'setMemberRole', 'chem', 'olga', 'member'));
  await run(() => call(DAVE, 'cancelSpendingLimit', 'chem', 'carol'));
  await run(() => call(ROOT, 'removeMember', 'chem', 'olga'));
  await run(() => call(DAVE, 'removeMember', 'chem', 'carol'));
  await run(() => call(DAVE, 'addMember', 'chem', { user: 'carol' }));
  // Money: finance and platform admins.
  const paid = await run(() => call(FINANCE, 'recordPayment', 'chem', { amount: '600000', type: 'bank' }));
  await run(() => call(DAVE, 'recordPayment', 'chem', { amount: '10', type: 'bank' }));
  await run(() => call(FINANCE, 'recordPayment', 'chem', { amount: '0.001', type: 'bank' }));
  await run(() => call(FINANCE, 'reversePayment', paid?.payment?.id ?? '?', { comment: 'bounced' }));
  await run(() => call(FINANCE, 'reversePayment', 'no-such-payment'));
  const charged = await run(() => call(FINANCE, 'chargeManually', 'chem', { amount: '12.5', user: 'carol' }));
  await run(() => call(OLGA, 'chargeManually', 'chem', { amount: '1' }));
  await run(() => call(ROOT, 'reverseCharge', charged?.charge?.id ?? '?'));
  await run(() => call(ROOT, 'reverseCharge', charged?.charge?.id ?? '?'));
  // Reads: members see their account, only managers its members and payments, members their own charges.
  await run(() => call(CAROL, 'getAccount', 'chem'));
  await run(() => call({ user: 'mallory' }, 'getAccount', 'chem'));
  await run(() => call(FINANCE, 'listAccounts'));
  await run(() => call(OLGA, 'listAccounts'));
  await run(() => call(DAVE, 'listMembers', 'chem'));
  await run(() => call(CAROL, 'listMembers', 'chem'));
  await run(() => call(CAROL, 'balances'));
  await run(() => call(CAROL, 'balances', 'olga'));
  await run(() => call(OLGA, 'payments', { account: 'chem' }));
  await run(() => call(CAROL, 'payments', { account: 'chem' }));
  await run(() => call(CAROL, 'charges', { account: 'chem' }));
  await run(() => call(CAROL, 'charges', { account: 'chem', users: ['dave'] }));
  await run(() => call(DAVE, 'charges', { account: 'chem', limit: 0 }));
  // A malformed actor: a typed refusal naming `actor`, in either form.
  await run(() => call({ user: 'Not A Name' }, 'balances'));
  await run(() => call({ user: 'root', roles: ['root'] } as never, 'listAccounts'));
  return outcomes;
}

/** Random ids differ between two runs: number them in order of first appearance. */
function withStableIds(value: unknown): unknown {
  const ids = new Map<string, string>();
  const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
  const json = JSON.stringify(value).replace(uuid, (id) => {
    if (!ids.has(id)) ids.set(id, `id-${ids.size + 1}`);
    return ids.get(id)!;
  });
  return JSON.parse(json);
}

async function outcomesOf(form: (ledger: Ledger) => Call) {
  const h = ledgerHarness(createMemoryStore());
  h.clock.now = new Date(T0.getTime() + 86_400_000);
  const outcomes = await script(form(h.ledger));
  return withStableIds({ outcomes, events: h.events });
}

describe('ledger.as(actor) and the deprecated actor-first form', () => {
  it('do the same for every operation: results, refusals and events', async () => {
    const [viewed, old] = [await outcomesOf(viaAs), await outcomesOf(actorFirst)];
    expect(viewed).toEqual(old);
    // The script covers what it means to: every operation, allowed and refused, for each reason.
    const { outcomes } = viewed as { outcomes: { error?: { code: string } }[] };
    const codes = new Set(outcomes.flatMap((o) => (o.error ? [o.error.code] : [])));
    expect([...codes].sort()).toEqual([
      'ALREADY_EXISTS',
      'NOT_FOUND',
      'PERMISSION_DENIED',
      'POLICY_VIOLATION',
      'VALIDATION',
    ]);
    expect(outcomes.filter((o) => o.error?.code === 'PERMISSION_DENIED').length).toBeGreaterThanOrEqual(10);
  });

  it('validates the actor once, in as(): a malformed actor throws at once, naming `actor`', async () => {
    const { ledger } = ledgerHarness(createMemoryStore());
    let thrown: unknown;
    try {
      ledger.as({ user: 'Not A Name' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).details.issues[0]?.path).toEqual(['actor', 'user']);
    // The old form reports the same error as a rejected promise, as it always did.
    const rejected = await ledger.balances({ user: 'Not A Name' }).catch((error: unknown) => error);
    expect(rejected).toBeInstanceOf(ValidationError);
    expect((rejected as ValidationError).details).toEqual((thrown as ValidationError).details);
  });

  it('a view acts for its actor as validated (roles default to none, frozen), and checks roles on every call', async () => {
    const { ledger } = ledgerHarness(createMemoryStore());
    const dave = ledger.as(DAVE);
    expect(dave.actor).toEqual({ user: 'dave', roles: [] });
    expect(Object.isFrozen(dave.actor) && Object.isFrozen(dave.actor.roles)).toBe(true);
    await ledger.as(ROOT).createAccount({ name: 'chem', type: 'internal', owner: 'olga' });
    await expect(dave.addMember('chem', { user: 'carol' })).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
    });
    // Made an admin after the view was made: the same view may now manage members.
    await ledger.as(OLGA).addMember('chem', { user: 'dave', role: 'admin' });
    await expect(dave.addMember('chem', { user: 'carol' })).resolves.toMatchObject({ user: 'carol' });
  });

  it('a refused call of a view is a rejected promise, never a synchronous throw', () => {
    const { ledger } = ledgerHarness(createMemoryStore());
    const refused = ledger.as(CAROL).listAccounts();
    expect(refused).toBeInstanceOf(Promise);
    return expect(refused).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
  });
});
