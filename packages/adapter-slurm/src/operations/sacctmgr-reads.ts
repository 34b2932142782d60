import type { CallContext, NotFoundError } from '@hpckit/core';
import { fail, SCHEDULER } from '../errors/slurm-errors.js';
import {
  ASSOC_FORMAT,
  type Association,
  parseAccountNames,
  parseAssociations,
  parseCoordinators,
} from '../parse/sacctmgr.js';
import type { OperationContext } from './context.js';

/** `where cluster=…` when the adapter is pinned to one Slurm cluster. */
export function clusterWhere(ops: OperationContext): string[] {
  return ops.settings.slurmCluster ? [`cluster=${ops.settings.slurmCluster}`] : [];
}

/** Associations, optionally of some accounts or users (runs as the admin identity). */
export async function associations(
  ops: OperationContext,
  where: { accounts?: string[]; users?: string[] },
  signal?: AbortSignal,
): Promise<Association[]> {
  const conditions = [...clusterWhere(ops)];
  if (where.accounts?.length) conditions.push(`accounts=${where.accounts.join(',')}`);
  if (where.users?.length) conditions.push(`users=${where.users.join(',')}`);
  const args = [
    '-n',
    '-P',
    'show',
    'assoc',
    ...(conditions.length ? ['where', ...conditions] : []),
    `format=${ASSOC_FORMAT}`,
  ];
  const result = await ops.runner.run({ program: 'sacctmgr', args, signal, idempotent: true });
  return parseAssociations(result.stdout);
}

/** Names of every account. */
export async function accountNames(ops: OperationContext, signal?: AbortSignal): Promise<string[]> {
  const result = await ops.runner.run({
    program: 'sacctmgr',
    args: ['-n', '-P', 'show', 'account', 'format=account'],
    signal,
    idempotent: true,
  });
  return parseAccountNames(result.stdout);
}

/** The coordinators of each account that has any (`show account withcoord`). */
export async function coordinators(
  ops: OperationContext,
  signal?: AbortSignal,
): Promise<Map<string, Set<string>>> {
  const result = await ops.runner.run({
    program: 'sacctmgr',
    args: ['-n', '-P', 'show', 'account', 'withcoord', 'format=account,coordinators'],
    signal,
    idempotent: true,
  });
  return parseCoordinators(result.stdout);
}

/** The account's own association; NOT_FOUND if the account does not exist. */
export async function accountAssociation(
  ops: OperationContext,
  account: string,
  ctx: CallContext,
): Promise<Association> {
  const rows = await associations(ops, { accounts: [account] }, ctx.signal);
  const own = rows.find((r) => r.account === account && r.user === '' && r.partition === '');
  if (!own) throw accountNotFound(account);
  return own;
}

/** A user's associations in an account; NOT_FOUND if the account or the membership is missing. */
export async function membershipAssociations(
  ops: OperationContext,
  membership: { user: string; account: string },
  ctx: CallContext,
): Promise<Association[]> {
  const rows = await associations(ops, { accounts: [membership.account] }, ctx.signal);
  if (!rows.some((r) => r.account === membership.account && r.user === ''))
    throw accountNotFound(membership.account);
  const mine = rows.filter((r) => r.user === membership.user);
  if (mine.length === 0) {
    throw fail.notFound({
      details: {
        kind: 'membership',
        id: `${membership.user}@${membership.account}`,
        reason: 'not_a_member',
        user: membership.user,
        account: membership.account,
      },
    });
  }
  return mine;
}

/** The NOT_FOUND error of a missing account. */
export function accountNotFound(account: string): NotFoundError {
  return fail.notFound({
    details: { kind: 'account', id: account, reason: 'no_such_account', scheduler: SCHEDULER },
  });
}
