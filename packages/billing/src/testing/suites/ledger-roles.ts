import { isHpckitError } from '@hpckit/core';
import { expect } from 'vitest';
import type { Ledger } from '../../ledger/create-ledger.js';
import { FINANCE, ledgerHarness, ROOT } from '../ledger-harness.js';
import type { StoreTarget, StoreTest } from '../store-target.js';

const alice = { user: 'alice' }; // owner
const bob = { user: 'bob' }; // admin
const carol = { user: 'carol' }; // member

async function outcome(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  return isHpckitError(err) ? err.code : err === undefined ? 'ok' : String(err);
}

async function denial(p: Promise<unknown>) {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isHpckitError(err, 'PERMISSION_DENIED'))
    throw new Error(`expected PERMISSION_DENIED, got ${String(err)}`);
  return err;
}

/** Account `chem`: alice owns it, bob and erin are admins, carol and dave plain members. */
async function team({ store }: StoreTarget) {
  const h = ledgerHarness(store);
  await h.ledger.createAccount(ROOT, { name: 'chem', type: 'internal', owner: 'alice' });
  await h.ledger.addMember(alice, 'chem', { user: 'bob', role: 'admin' });
  await h.ledger.addMember(alice, 'chem', { user: 'erin', role: 'admin' });
  await h.ledger.addMember(alice, 'chem', { user: 'carol' });
  await h.ledger.addMember(alice, 'chem', { user: 'dave' });
  return h;
}

const member = (ledger: Ledger, user: string) => ledger.store.transaction((tx) => tx.getMember('chem', user));

/** Who may manage whose membership: owner, admins and members of one account, and platform admins. */
export const ledgerRoleTests: StoreTest[] = [
  {
    title:
      'roles: an account admin cannot block the owner, unblock themselves, cancel their own limit or limit the owner',
    async run(target) {
      const { ledger, events } = await team(target);
      await ledger.blockMember(alice, 'chem', 'bob');
      await ledger.setSpendingLimit(alice, 'chem', 'bob', { amount: '100' });
      const before = events.length;

      const blockOwner = await denial(ledger.blockMember(bob, 'chem', 'alice'));
      expect(blockOwner.details).toMatchObject({ user: 'bob', missingRole: 'platform-admin' });
      expect(blockOwner.details.action).toBe('block "alice" (account owner) in account "chem"');
      const unblockSelf = await denial(ledger.unblockMember(bob, 'chem', 'bob'));
      expect(unblockSelf.details.action).toBe('unblock "bob" (account admin, themselves) in account "chem"');
      expect(unblockSelf.hint).toContain('own membership');
      const cancelOwn = await denial(ledger.cancelSpendingLimit(bob, 'chem', 'bob'));
      expect(cancelOwn.details.action).toContain('cancel the spending limit of "bob"');
      const limitOwner = await denial(ledger.setSpendingLimit(bob, 'chem', 'alice', { amount: '0.01' }));
      expect(limitOwner.details.action).toContain('set the spending limit of "alice" (account owner)');
      expect(limitOwner.message).toContain('requires role "platform-admin"');

      // Nothing changed and nothing was announced.
      expect(await member(ledger, 'alice')).toMatchObject({ state: 'normal' });
      expect((await member(ledger, 'alice'))?.limit).toBeUndefined();
      expect(await member(ledger, 'bob')).toMatchObject({ state: 'blocked', limit: { amount: '100.00' } });
      expect(events.length).toBe(before);
    },
  },
  {
    title: 'roles: an account admin manages plain members only, never another admin, the owner or themselves',
    async run(target) {
      const { ledger } = await team(target);
      // Plain members: every operation.
      expect(await outcome(ledger.blockMember(bob, 'chem', 'carol'))).toBe('ok');
      expect(await outcome(ledger.unblockMember(bob, 'chem', 'carol'))).toBe('ok');
      expect(await outcome(ledger.setSpendingLimit(bob, 'chem', 'carol', { amount: '5' }))).toBe('ok');
      expect(await outcome(ledger.cancelSpendingLimit(bob, 'chem', 'carol'))).toBe('ok');
      expect(await outcome(ledger.removeMember(bob, 'chem', 'dave'))).toBe('ok');
      expect(await outcome(ledger.addMember(bob, 'chem', { user: 'dave' }))).toBe('ok');
      // Another admin: nothing.
      expect(await outcome(ledger.blockMember(bob, 'chem', 'erin'))).toBe('PERMISSION_DENIED');
      expect(await outcome(ledger.setSpendingLimit(bob, 'chem', 'erin', { amount: '5' }))).toBe(
        'PERMISSION_DENIED',
      );
      expect(await outcome(ledger.setMemberRole(bob, 'chem', 'erin', 'member'))).toBe('PERMISSION_DENIED');
      expect(await outcome(ledger.removeMember(bob, 'chem', 'erin'))).toBe('PERMISSION_DENIED');
      expect(await outcome(ledger.addMember(bob, 'chem', { user: 'frank', role: 'admin' }))).toBe(
        'PERMISSION_DENIED',
      );
      expect(await outcome(ledger.setMemberRole(bob, 'chem', 'carol', 'admin'))).toBe('PERMISSION_DENIED');
      // The owner: nothing (removing them is refused before the owner rule is even reached).
      expect(await outcome(ledger.unblockMember(bob, 'chem', 'alice'))).toBe('PERMISSION_DENIED');
      expect(await outcome(ledger.cancelSpendingLimit(bob, 'chem', 'alice'))).toBe('PERMISSION_DENIED');
      expect(await outcome(ledger.removeMember(bob, 'chem', 'alice'))).toBe('PERMISSION_DENIED');
      expect(await outcome(ledger.setMemberRole(bob, 'chem', 'alice', 'member'))).toBe('PERMISSION_DENIED');
      // Themselves: nothing, not even a step that only restricts them.
      expect(await outcome(ledger.blockMember(bob, 'chem', 'bob'))).toBe('PERMISSION_DENIED');
      expect(await outcome(ledger.setSpendingLimit(bob, 'chem', 'bob', { amount: '5' }))).toBe(
        'PERMISSION_DENIED',
      );
      expect(await outcome(ledger.setMemberRole(bob, 'chem', 'bob', 'member'))).toBe('PERMISSION_DENIED');
      expect(await outcome(ledger.removeMember(bob, 'chem', 'bob'))).toBe('PERMISSION_DENIED');
      expect(await member(ledger, 'bob')).toMatchObject({ role: 'admin', state: 'normal' });
      expect(await member(ledger, 'erin')).toMatchObject({ role: 'admin', state: 'normal' });
    },
  },
  {
    title: 'roles: the owner manages admins, members and themselves; only a platform admin acts on the owner',
    async run(target) {
      const { ledger } = await team(target);
      expect(await outcome(ledger.blockMember(alice, 'chem', 'bob'))).toBe('ok');
      expect(await outcome(ledger.unblockMember(alice, 'chem', 'bob'))).toBe('ok');
      expect(await outcome(ledger.setSpendingLimit(alice, 'chem', 'bob', { amount: '5' }))).toBe('ok');
      expect(await outcome(ledger.cancelSpendingLimit(alice, 'chem', 'bob'))).toBe('ok');
      expect(await outcome(ledger.setMemberRole(alice, 'chem', 'erin', 'member'))).toBe('ok');
      expect(await outcome(ledger.setMemberRole(alice, 'chem', 'carol', 'admin'))).toBe('ok');
      expect(await outcome(ledger.removeMember(alice, 'chem', 'carol'))).toBe('ok');
      // The owner's own block state and limit are theirs to set…
      expect(await outcome(ledger.setSpendingLimit(alice, 'chem', 'alice', { amount: '5' }))).toBe('ok');
      expect(await outcome(ledger.cancelSpendingLimit(alice, 'chem', 'alice'))).toBe('ok');
      expect(await outcome(ledger.blockMember(alice, 'chem', 'alice'))).toBe('ok');
      expect(await outcome(ledger.unblockMember(alice, 'chem', 'alice'))).toBe('ok');
      // …and a platform admin's, who manages everyone; the owner still cannot be removed or demoted.
      expect(await outcome(ledger.blockMember(ROOT, 'chem', 'alice'))).toBe('ok');
      expect(await outcome(ledger.setSpendingLimit(ROOT, 'chem', 'alice', { amount: '0.01' }))).toBe('ok');
      expect(await member(ledger, 'alice')).toMatchObject({ state: 'blocked', limit: { amount: '0.01' } });
      expect(await outcome(ledger.removeMember(ROOT, 'chem', 'alice'))).toBe('POLICY_VIOLATION');
      expect(await outcome(ledger.setMemberRole(ROOT, 'chem', 'alice', 'member'))).toBe('POLICY_VIOLATION');
      expect(await outcome(ledger.blockMember(ROOT, 'chem', 'bob'))).toBe('ok');
    },
  },
  {
    title: 'roles: plain members, finance and outsiders manage nobody, not even themselves',
    async run(target) {
      const { ledger } = await team(target);
      await ledger.setSpendingLimit(alice, 'chem', 'carol', { amount: '5' });
      for (const actor of [carol, FINANCE, { user: 'mallory' }]) {
        for (const user of ['carol', 'dave', 'bob', 'alice']) {
          expect(await outcome(ledger.blockMember(actor, 'chem', user))).toBe('PERMISSION_DENIED');
          expect(await outcome(ledger.cancelSpendingLimit(actor, 'chem', user))).toBe('PERMISSION_DENIED');
        }
        expect(await outcome(ledger.addMember(actor, 'chem', { user: 'frank' }))).toBe('PERMISSION_DENIED');
      }
      expect(await member(ledger, 'carol')).toMatchObject({ state: 'normal', limit: { amount: '5.00' } });
    },
  },
];
