import { type CallContext, NotFoundError } from '@hpckit/core';
import { ASSOC_FORMAT, type Association, parseAccountNames, parseAssociations } from '../parse/sacctmgr.js';
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
    throw new NotFoundError({
      details: { kind: 'membership', id: `${membership.user}@${membership.account}` },
      message: `user "${membership.user}" is not a member of account "${membership.account}".`,
      hint: 'Add the user to the account first (users.add).',
      adapter: 'slurm',
    });
  }
  return mine;
}

/** The NOT_FOUND error of a missing account. */
export function accountNotFound(account: string): NotFoundError {
  return new NotFoundError({
    details: { kind: 'account', id: account },
    message: `account "${account}" does not exist in Slurm's accounting (sacctmgr show account).`,
    hint: 'Check the name, or create the account first (accounts.create).',
    adapter: 'slurm',
  });
}
