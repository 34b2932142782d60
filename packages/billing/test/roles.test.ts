import { isHpckitError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import type { LedgerRole } from '../src/ledger/actor.js';
import { canManage, requireManage, rolesOf } from '../src/ledger/roles.js';
import type { MemberRole } from '../src/stores/records.js';

const ALL_ROLES: readonly LedgerRole[] = [
  'platform-admin',
  'finance',
  'account-owner',
  'account-admin',
  'member',
];
const TARGETS: readonly MemberRole[] = ['member', 'admin', 'owner'];

// The rule as the guide states it, one row per single role (or none): may they change a
// membership of this target role held by someone else / by themselves?
type Row = Record<MemberRole, { other: boolean; self: boolean }>;
const y = true;
const n = false;
const RULE: Record<LedgerRole | 'none', Row> = {
  none: { member: { other: n, self: n }, admin: { other: n, self: n }, owner: { other: n, self: n } },
  member: { member: { other: n, self: n }, admin: { other: n, self: n }, owner: { other: n, self: n } },
  finance: { member: { other: n, self: n }, admin: { other: n, self: n }, owner: { other: n, self: n } },
  'account-admin': {
    member: { other: y, self: n },
    admin: { other: n, self: n },
    owner: { other: n, self: n },
  },
  'account-owner': {
    member: { other: y, self: n },
    admin: { other: y, self: n },
    owner: { other: n, self: y },
  },
  'platform-admin': {
    member: { other: y, self: y },
    admin: { other: y, self: y },
    owner: { other: y, self: y },
  },
};

const expected = (roles: Iterable<LedgerRole>, target: MemberRole, self: boolean) =>
  [...roles].some((r) => RULE[r][target][self ? 'self' : 'other']);

function subsets<T>(items: readonly T[]): T[][] {
  return items.reduce<T[][]>((acc, item) => acc.concat(acc.map((s) => [...s, item])), [[]]);
}

const cases = subsets(ALL_ROLES).flatMap((roles) =>
  TARGETS.flatMap((target) => [false, true].map((self) => ({ roles, target, self }))),
);

describe('canManage: every set of actor roles × target role × self', () => {
  it('covers all 32 role sets × 3 target roles × 2', () => {
    expect(cases).toHaveLength(192);
  });

  it.each(
    (['none', ...ALL_ROLES] as const).flatMap((role) =>
      TARGETS.flatMap((target) =>
        [false, true].map((self) => ({
          role,
          target,
          self,
          allowed: RULE[role][target][self ? 'self' : 'other'],
        })),
      ),
    ),
  )('$role on $target (self: $self) → $allowed', ({ role, target, self, allowed }) => {
    const roles = new Set<LedgerRole>(role === 'none' ? [] : [role]);
    expect(canManage(roles, target, self)).toBe(allowed);
  });

  it('a set of roles may do exactly what one of its roles may (no role combination unlocks more)', () => {
    for (const { roles, target, self } of cases) {
      expect(
        canManage(new Set(roles), target, self),
        `${roles.join('+') || 'none'} on ${target}, self ${self}`,
      ).toBe(expected(roles, target, self));
    }
  });
});

describe('requireManage', () => {
  const platformRoleSets = [[], ['finance'], ['platform-admin'], ['platform-admin', 'finance']] as const;
  const memberships = [undefined, 'member', 'admin', 'owner'] as const;

  it('agrees with canManage for every real actor (platform roles × own membership) and target', () => {
    for (const platform of platformRoleSets) {
      for (const own of memberships) {
        const actor = { user: 'bob', roles: [...platform] };
        const membership = own === undefined ? undefined : { role: own };
        for (const target of TARGETS) {
          // Acting on oneself means the target is the actor's own membership.
          const selfCase = own === undefined ? [] : [{ user: 'bob', role: own }];
          for (const t of [{ user: 'carol', role: target }, ...selfCase]) {
            const self = t.user === 'bob';
            const err = (() => {
              try {
                requireManage(actor, membership, t, (who) => `block ${who}`);
                return undefined;
              } catch (e) {
                return e;
              }
            })();
            const allowed = expected(rolesOf(actor, membership), t.role, self);
            expect(err === undefined, `${platform.join('+')}/${own} on ${t.user} (${t.role})`).toBe(allowed);
            if (!allowed) expect(isHpckitError(err, 'PERMISSION_DENIED')).toBe(true);
          }
        }
      }
    }
  });

  it('names the action, the target and the roles that would allow it', () => {
    const refuse = (fn: () => void) => {
      try {
        fn();
      } catch (e) {
        if (isHpckitError(e, 'PERMISSION_DENIED')) return e;
        throw e;
      }
      throw new Error('expected a refusal');
    };
    const onOwner = refuse(() =>
      requireManage(
        { user: 'bob', roles: [] },
        { role: 'admin' },
        { user: 'alice', role: 'owner' },
        (who) => `block ${who}`,
      ),
    );
    expect(onOwner.details).toEqual({
      action: 'block "alice" (account owner)',
      user: 'bob',
      missingRole: 'platform-admin',
    });
    expect(onOwner.hint).toContain('platform admin');
    const onSelf = refuse(() =>
      requireManage(
        { user: 'bob', roles: [] },
        { role: 'admin' },
        { user: 'bob', role: 'admin' },
        (who) => `unblock ${who}`,
      ),
    );
    expect(onSelf.details.action).toBe('unblock "bob" (account admin, themselves)');
    expect(onSelf.details.missingRole).toBe('platform-admin');
    expect(onSelf.hint).toContain('own membership');
    const onAdmin = refuse(() =>
      requireManage(
        { user: 'bob', roles: ['finance'] },
        { role: 'admin' },
        { user: 'erin', role: 'admin' },
        (who) => `block ${who}`,
      ),
    );
    expect(onAdmin.details.missingRole).toBe('platform-admin" or "account-owner');
    expect(onAdmin.message).toContain('User "bob" may not block "erin" (account admin)');
    // A promotion is judged as managing an admin, while the message names the target's real role.
    const promote = refuse(() =>
      requireManage(
        { user: 'bob', roles: [] },
        { role: 'admin' },
        { user: 'carol', role: 'member' },
        (who) => `change the role of ${who}`,
        'admin',
      ),
    );
    expect(promote.details).toMatchObject({
      action: 'change the role of "carol" (member)',
      missingRole: 'platform-admin" or "account-owner',
    });
  });
});
