import { isHpckitError } from '@hpckit/core';
import { expect } from 'vitest';
import { FINANCE, ledgerHarness, ROOT } from '../ledger-harness.js';
import type { StoreTest } from '../store-target.js';

async function code(p: Promise<unknown>): Promise<string | undefined> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  return isHpckitError(err) ? err.code : err === undefined ? undefined : String(err);
}

/** Ledger operations over the store: roles, payments with bonus, charges, reversals, block states, events. */
export const ledgerFlowTests: StoreTest[] = [
  {
    title: 'ledger: payments earn bonus entries that add up to tier(total) × total, reversals are entries',
    async run({ store }) {
      const { ledger, events } = ledgerHarness(store);
      const root = ledger.as(ROOT);
      const finance = ledger.as(FINANCE);
      await root.createAccount({ name: 'chem', type: 'internal', owner: 'alice' });
      const first = await finance.recordPayment('chem', { amount: '49000', type: 'bank' });
      expect(first.bonus).toBeUndefined();
      const second = await finance.recordPayment('chem', { amount: '1000.01', type: 'bank' });
      // 50,000.01 is in the 10 % tier: owed 5,000.00 in all, all of it now.
      expect(second.bonus?.amount).toBe('5000.00');
      expect(second.bonus?.linkedTo).toBe(second.payment.id);
      expect(second.account.balance).toBe('55000.01');
      const reversed = await finance.reversePayment(second.payment.id, { comment: 'wrong account' });
      expect(reversed.bonusAdjustment?.amount).toBe('-5000.00');
      expect(reversed.account.balance).toBe('49000.00');
      expect(await code(finance.reversePayment(second.payment.id))).toBe('ALREADY_EXISTS');
      const page = await root.payments({ account: 'chem' });
      expect(page.total).toBe(5);
      expect(page.sum).toBe('49000.00');
      expect(events.filter((e) => e.type === 'bonus:granted')).toHaveLength(1);
      expect(events.map((e) => e.type)).toContain('account:unblocked');
    },
  },
  {
    title: 'ledger: every mutation checks the role matrix and names the missing role',
    async run({ store }) {
      const { ledger } = ledgerHarness(store);
      const root = ledger.as(ROOT);
      const finance = ledger.as(FINANCE);
      const alice = ledger.as({ user: 'alice' });
      const bob = ledger.as({ user: 'bob' });
      expect(await code(alice.createAccount({ name: 'chem', type: 'internal', owner: 'alice' }))).toBe(
        'PERMISSION_DENIED',
      );
      await root.createAccount({ name: 'chem', type: 'internal', owner: 'alice' });
      const denied = await alice
        .recordPayment('chem', { amount: '1', type: 'bank' })
        .catch((e: unknown) => e);
      expect(isHpckitError(denied, 'PERMISSION_DENIED') && denied.details.missingRole).toBe(
        'platform-admin" or "finance',
      );
      await alice.addMember('chem', { user: 'bob' });
      expect(await code(bob.addMember('chem', { user: 'carol' }))).toBe('PERMISSION_DENIED');
      expect(await code(bob.setSpendingLimit('chem', 'bob', { amount: '1' }))).toBe('PERMISSION_DENIED');
      await alice.setMemberRole('chem', 'bob', 'admin');
      await bob.addMember('chem', { user: 'carol' });
      expect(await code(bob.setMemberRole('chem', 'carol', 'admin'))).toBe('PERMISSION_DENIED');
      expect(await code(alice.removeMember('chem', 'alice'))).toBe('POLICY_VIOLATION');
      expect(await code(bob.payments({ account: 'chem' }))).toBeUndefined();
      expect(await code(ledger.as({ user: 'carol' }).payments({ account: 'chem' }))).toBe(
        'PERMISSION_DENIED',
      );
      expect(await code(bob.chargeManually('chem', { amount: '1' }))).toBe('PERMISSION_DENIED');
      expect(await code(finance.blockAccount('chem'))).toBe('PERMISSION_DENIED');
      expect(await code(finance.recordPayment('chem', { amount: '0', type: 'bank' }))).toBe('VALIDATION');
      expect(await code(finance.recordPayment('nope', { amount: '1', type: 'bank' }))).toBe('NOT_FOUND');
    },
  },
  {
    title: 'ledger: block state follows frozen > whitelist > admin block > balance ≤ threshold',
    async run({ store }) {
      const { ledger, events, clock } = ledgerHarness(store);
      const root = ledger.as(ROOT);
      const finance = ledger.as(FINANCE);
      await root.createAccount({
        name: 'chem',
        type: 'internal',
        owner: 'alice',
        blockThreshold: '-100',
      });
      const view = () => root.getAccount('chem');
      expect((await view()).block).toEqual({ blocked: false, whitelisted: false });
      await finance.chargeManually('chem', { amount: '100' });
      expect((await view()).block.reason).toBe('below_threshold');
      await root.whitelistAccount('chem', { until: new Date(clock.now.getTime() + 3600_000) });
      expect((await view()).block.blocked).toBe(false);
      await root.freezeAccount('chem');
      expect((await view()).block.reason).toBe('frozen');
      await root.unfreezeAccount('chem');
      await root.blockAccount('chem');
      expect((await view()).block.blocked).toBe(false);
      clock.now = new Date(clock.now.getTime() + 7200_000);
      expect((await view()).block.reason).toBe('blocked_by_admin');
      await root.unblockAccount('chem');
      expect((await view()).block.reason).toBe('below_threshold');
      await finance.recordPayment('chem', { amount: '0.01', type: 'bank' });
      expect((await view()).block.blocked).toBe(false);
      const changes = events
        .filter((e) => e.type.startsWith('account:') && e.type !== 'account:created')
        .map((e) => e.type);
      // The whitelist expiring and the admin block being lifted change nothing until the payment.
      expect(changes).toEqual([
        'account:blocked',
        'account:unblocked',
        'account:blocked',
        'account:unblocked',
        'account:unblocked',
      ]);
    },
  },
  {
    title: 'ledger: a failed mutation emits nothing; events arrive after commit',
    async run({ store }) {
      const { ledger, events } = ledgerHarness(store);
      const root = ledger.as(ROOT);
      let seenInsideCommit = -1;
      ledger.on('account:created', () => {
        seenInsideCommit = events.length;
      });
      await root.createAccount({ name: 'chem', type: 'internal', owner: 'alice' });
      expect(seenInsideCommit).toBeGreaterThanOrEqual(0);
      const before = events.length;
      expect(await code(root.createAccount({ name: 'chem', type: 'internal', owner: 'bob' }))).toBe(
        'ALREADY_EXISTS',
      );
      expect(events.length).toBe(before);
      expect(await ledger.deliverEvents()).toBe(0);
    },
  },
  {
    title: 'ledger: balances dashboard and charge visibility per role',
    async run({ store }) {
      const { ledger } = ledgerHarness(store);
      const root = ledger.as(ROOT);
      const finance = ledger.as(FINANCE);
      await root.createAccount({ name: 'chem', type: 'internal', owner: 'alice' });
      await root.createAccount({ name: 'bio', type: 'external', owner: 'carol' });
      await ledger.as({ user: 'carol' }).addMember('bio', { user: 'alice' });
      await ledger.as({ user: 'alice' }).addMember('chem', { user: 'bob' });
      await finance.recordPayment('chem', { amount: '100', type: 'bank' });
      await finance.chargeManually('chem', { amount: '10', user: 'bob' });
      await finance.chargeManually('chem', { amount: '5', user: 'alice' });
      const lines = await ledger.as({ user: 'alice' }).balances();
      expect(lines.map((l) => [l.account, l.balance, l.role])).toEqual([
        ['bio', '0.00', 'member'],
        ['chem', '85.00', 'owner'],
      ]);
      expect((await ledger.as({ user: 'alice' }).charges({ account: 'chem' })).sum).toBe('15.00');
      const bobs = await ledger.as({ user: 'bob' }).charges({ account: 'chem' });
      expect(bobs.items.map((c) => c.user)).toEqual(['bob']);
      expect(await code(ledger.as({ user: 'bob' }).balances('alice'))).toBe('PERMISSION_DENIED');
    },
  },
];
