import { PermissionError } from '@hpckit/core';
import type { MemberRecord, MemberRole } from '../stores/records.js';
import type { Actor, LedgerRole } from './actor.js';

/** The roles an actor holds, platform-wide and (given their membership) in one account. */
export function rolesOf(actor: Actor, membership?: Pick<MemberRecord, 'role'>): Set<LedgerRole> {
  const roles = new Set<LedgerRole>(actor.roles);
  if (membership?.role === 'owner') roles.add('account-owner');
  if (membership?.role === 'admin') roles.add('account-admin');
  if (membership) roles.add('member');
  return roles;
}

/**
 * Throws unless the actor holds one of `allowed` (given their membership of the account concerned).
 *
 * @throws `PermissionError` naming the action and the roles that would allow it.
 */
export function requireRole(
  actor: Actor,
  allowed: readonly LedgerRole[],
  action: string,
  membership?: Pick<MemberRecord, 'role'>,
): void {
  const held = rolesOf(actor, membership);
  if (allowed.some((role) => held.has(role))) return;
  throw new PermissionError({
    details: { action, user: actor.user, missingRole: allowed.join('" or "') },
  });
}

/**
 * The roles that may change a membership (block state, spending limit, role, presence) held in
 * `targetRole`, by someone else or (`self`) by its own holder. The one statement of the rule:
 *
 * - a platform admin manages everyone, themselves included;
 * - the owner manages admins and plain members, and their own membership;
 * - an account admin manages plain members only;
 * - nobody else, and nobody but the owner (or a platform admin) touches their own membership —
 *   otherwise a blocked or limited admin could simply lift their own block or limit.
 */
function rolesThatManage(targetRole: MemberRole, self: boolean): readonly LedgerRole[] {
  if (self) return targetRole === 'owner' ? ['platform-admin', 'account-owner'] : ['platform-admin'];
  if (targetRole === 'member') return ['platform-admin', 'account-owner', 'account-admin'];
  if (targetRole === 'admin') return ['platform-admin', 'account-owner'];
  return ['platform-admin'];
}

/**
 * Whether an actor holding `actorRoles` (see {@link rolesOf}) may change a membership held in
 * `targetRole`; `self` when it is the actor's own.
 */
export function canManage(
  actorRoles: ReadonlySet<LedgerRole>,
  targetRole: MemberRole,
  self: boolean,
): boolean {
  return rolesThatManage(targetRole, self).some((role) => actorRoles.has(role));
}

/** A membership an operation changes: whose, and the role it holds (or is about to hold). */
export interface ManagedMember {
  user: string;
  role: MemberRole;
}

const ROLE_LABEL: Record<MemberRole, string> = {
  owner: 'account owner',
  admin: 'account admin',
  member: 'member',
};

function manageHint(target: MemberRole, self: boolean): string {
  if (self)
    return 'Admins and members cannot change their own membership; ask the account owner or a platform admin.';
  if (target === 'owner') return "Only a platform admin may change the account owner's membership.";
  if (target === 'admin')
    return 'Only the account owner or a platform admin may manage or appoint an account admin.';
  return 'Ask an account admin, the account owner or a platform admin.';
}

/**
 * Throws unless the actor (with `membership` of the account) may change `target`'s membership
 * ({@link canManage}).
 *
 * @param action - What is being done, given how to name the target, e.g.
 *   `(who) => \`block ${who} in account "chem"\``.
 * @param asRole - The role whose managers may do it, when that is not the target's own: a role
 *   change needs whoever manages admins, whatever the target is now.
 * @throws `PermissionError` naming the action, the target and the roles that would allow it.
 */
export function requireManage(
  actor: Actor,
  membership: Pick<MemberRecord, 'role'> | undefined,
  target: ManagedMember,
  action: (who: string) => string,
  asRole: MemberRole = target.role,
): void {
  const self = target.user === actor.user;
  if (canManage(rolesOf(actor, membership), asRole, self)) return;
  const who = `"${target.user}" (${ROLE_LABEL[target.role]}${self ? ', themselves' : ''})`;
  throw new PermissionError({
    details: {
      action: action(who),
      user: actor.user,
      missingRole: rolesThatManage(asRole, self).join('" or "'),
    },
    hint: manageHint(asRole, self),
  });
}
