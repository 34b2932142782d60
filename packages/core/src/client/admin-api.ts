import { z } from 'zod';
import type {
  AdapterOperation,
  ContractResult,
  OperationGroup,
  OperationGroups,
} from '../adapter/operation-types.js';
import type { OperationInputs } from '../adapter/operations.js';
import type { RuntimeAdapter } from '../adapter/runtime-adapter.js';
import type { Membership } from '../adapter/scheduler-adapter.js';
import { parseInput, validationSubject } from '../errors/validation.js';
import { NameSchema, UserNameSchema } from '../model/names.js';
import type { AccessSource } from './access-roles.js';
import { createAdminRule } from './admin-rule.js';
import type { CallOptions } from './call-options.js';
import type { ClusterRuntime } from './cluster-runtime.js';
import { resolveViewer, type Viewer } from './viewer.js';

/**
 * The operations of one group of the contract as a client offers them: the inputs core validates
 * (see {@link ADAPTER_OPERATIONS}), then `{ cluster, signal }`. Each operation is documented on
 * the contract ({@link SchedulerAdapter}).
 */
export type ClientOperations<G extends OperationGroup> = {
  [K in keyof OperationGroups[G]]-?: ClientMethod<`${G}.${K & string}`>;
};

type ClientMethod<P> = P extends AdapterOperation
  ? (...args: [...OperationInputs<P>, options?: CallOptions]) => ContractResult<P>
  : never;

/** Account operations of a client. Block and unblock are idempotent; running jobs keep running. */
export interface AccountsApi extends ClientOperations<'accounts'> {}

/** User-in-account operations of a client. Block and unblock are idempotent. */
export interface UsersApi extends ClientOperations<'users'> {}

/** Discovery operations of a client. */
export interface ConfigApi extends ClientOperations<'config'> {}

type Runtime = (cluster: string | undefined) => ClusterRuntime;

// Checked before the role check, so malformed input is a VALIDATION error whoever asks; the
// runtime adapter checks it again.
const MembershipSchema = z.strictObject({ user: UserNameSchema, account: NameSchema });
const NewAccountSchema = z.strictObject({ name: NameSchema, owner: UserNameSchema.optional() });

/**
 * Builds the account, user and config APIs of a client acting as `user`. On a user view each call
 * is first checked against the viewer's roles from `source` ({@link AdminRule}): adapters may run
 * these calls with their own administrative identity (Slurm's sacctmgr does), so the scheduler
 * would not refuse them itself.
 */
export function createAdminApis(
  runtime: Runtime,
  user: string | undefined,
  source: AccessSource | undefined,
) {
  const rule = createAdminRule(source !== undefined);
  const ctx = (options: CallOptions | undefined) => ({ user, signal: options?.signal });
  const on = (options: CallOptions | undefined) => runtime(options?.cluster);
  const viewer = (options: CallOptions | undefined) =>
    resolveViewer(source, user, { cluster: on(options).name, signal: options?.signal });
  const membership = (m: Membership) => parseInput(MembershipSchema, m, validationSubject('membership'));
  const accountName = (name: string) => parseInput(NameSchema, name, validationSubject('account_name'));
  const member = (m: Membership) => `user "${m.user}" in account "${m.account}"`;

  /** Runs an adapter call once `check` has passed for the viewer of this call. */
  async function guarded<T>(
    o: CallOptions | undefined,
    check: (v: Viewer | undefined) => void | Promise<void>,
    run: (a: RuntimeAdapter) => Promise<T>,
  ): Promise<T> {
    const rt = on(o);
    await check(await viewer(o));
    return rt.call(run, o?.signal);
  }

  const accounts: AccountsApi = {
    async create(account, o) {
      const { name } = parseInput(NewAccountSchema, account, validationSubject('account'));
      return guarded(
        o,
        (v) => rule.requirePlatform(v, `create account "${name}"`),
        (a) => a.accounts.create(account, ctx(o)),
      );
    },
    async list(filter, o) {
      const v = await viewer(o);
      const all = await on(o).call((a) => a.accounts.list(filter, ctx(o)), o?.signal);
      return rule.visibleAccounts(v, all, filter?.user);
    },
    async block(name, o) {
      const account = accountName(name);
      return guarded(
        o,
        (v) => rule.requirePlatform(v, `block account "${account}"`),
        (a) => a.accounts.block(account, ctx(o)),
      );
    },
    async unblock(name, o) {
      const account = accountName(name);
      return guarded(
        o,
        (v) => rule.requirePlatform(v, `unblock account "${account}"`),
        (a) => a.accounts.unblock(account, ctx(o)),
      );
    },
    async status(name, o) {
      const account = accountName(name);
      // Only asked when the roles alone do not allow it: is the viewer a member?
      const mine = () => on(o).call((a) => a.accounts.list({ user }, ctx(o)), o?.signal);
      return guarded(
        o,
        (v) => rule.requireAccountReader(v, account, `read the status of account "${account}"`, mine),
        (a) => a.accounts.status(account, ctx(o)),
      );
    },
  };
  /** A membership change, allowed to platform staff and the account's owner and admins. */
  const change =
    (verb: string, run: (a: RuntimeAdapter, m: Membership, o: CallOptions | undefined) => Promise<void>) =>
    async (given: Membership, o?: CallOptions) => {
      const m = membership(given);
      return guarded(
        o,
        (v) => rule.requireAccountAdmin(v, m.account, `${verb} ${member(m)}`),
        (a) => run(a, m, o),
      );
    };
  const users: UsersApi = {
    add: change('add', (a, m, o) => a.users.add(m, ctx(o))),
    remove: change('remove', (a, m, o) => a.users.remove(m, ctx(o))),
    block: change('block', (a, m, o) => a.users.block(m, ctx(o))),
    unblock: change('unblock', (a, m, o) => a.users.unblock(m, ctx(o))),
    async status(given, o) {
      const m = membership(given);
      return guarded(
        o,
        (v) => rule.requireMemberOrAdmin(v, m, `read the status of ${member(m)}`),
        (a) => a.users.status(m, ctx(o)),
      );
    },
  };
  const config: ConfigApi = {
    cluster: async (o) => on(o).call((a) => a.config.cluster(ctx(o)), o?.signal),
    async availability(given, o) {
      const m = membership(given);
      return guarded(
        o,
        (v) => rule.requireMemberOrAdmin(v, m, `read what ${member(m)} may use`),
        (a) => a.config.availability(m, ctx(o)),
      );
    },
    // Node names and addresses are cluster facts any user may read (sinfo shows them).
    nodes: async (query, o) => on(o).call((a) => a.config.nodes(query, ctx(o)), o?.signal),
  };
  return { accounts, users, config };
}
