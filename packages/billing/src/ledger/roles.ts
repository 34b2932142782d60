import { PermissionError } from '@hpckit/core';
import type { MemberRecord } from '../stores/records.js';
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
