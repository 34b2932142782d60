import {
  type HpckitClient,
  isHpckitError,
  NameSchema,
  parseInput,
  type SchedulerAccount,
  UserNameSchema,
  ruleError,
} from '@hpckit/core';
import { z } from 'zod';
import { billingRules } from '../../errors/billing-rules.js';
import type { AccountRecord, MemberRecord } from '../../stores/records.js';
import type { LocalizedMessage } from '../../policy/violation.js';
import type { Ledger } from '../create-ledger.js';

/** Options of {@link importFromScheduler}. */
export interface ImportOptions {
  ledger: Ledger;
  /** The client of the clusters to read (`accounts.list` on each). */
  client: Pick<HpckitClient, 'accounts' | 'clusters'>;
  /** Clusters to read; an account on several is merged. @default every cluster of the client */
  clusters?: string[];
  /** Type of the accounts created (it selects their price items), e.g. `internal`. */
  accountType: string;
  /**
   * Who owns an account the ledger does not have yet. Schedulers have no owner; returning
   * `undefined` skips the account (reported). @default its first coordinator in name order, else
   * its only member
   */
  ownerOf?: (account: SchedulerAccount) => string | undefined;
  /** Whitelist the accounts created, so a zero opening balance does not block them. @default false */
  whitelist?: boolean;
  /** Report what would change, and change nothing. @default false */
  dryRun?: boolean;
  /** Platform admin the changes are made as (in events and entries). @default 'import' */
  operator?: string;
}

const OptionsSchema = z.strictObject({
  ledger: z.custom<Ledger>((v) => typeof v === 'object' && v !== null && 'context' in v, {
    error: billingRules.error('ledger_from_create'),
  }),
  client: z.custom<ImportOptions['client']>((v) => typeof v === 'object' && v !== null && 'accounts' in v, {
    error: billingRules.error('not_a_client'),
  }),
  clusters: z
    .array(z.string().min(1))
    .min(1, { error: ruleError('at_least_one_cluster') })
    .optional(),
  accountType: NameSchema,
  ownerOf: z
    .custom<ImportOptions['ownerOf']>((v) => typeof v === 'function', {
      error: billingRules.error('not_a_function'),
    })
    .optional(),
  whitelist: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  operator: UserNameSchema.default('import'),
});

/** One change an import made, or would make in a dry run. */
export interface ImportChange {
  action:
    | 'create-account'
    | 'add-member'
    | 'make-admin'
    | 'block-account'
    | 'block-member'
    | 'whitelist-account';
  account: string;
  user?: string;
  /** Of `create-account`: the owner; of `add-member`: `admin` (a coordinator) or `member`. */
  role?: 'owner' | 'admin' | 'member';
}

/** An account or member the import left out, and why. */
export interface ImportSkip {
  account: string;
  user?: string;
  /** Why, in English. */
  reason: string;
  /** Why, in every language hpckit ships (`reason` is its `en`). */
  message: LocalizedMessage;
}

/** What an import did (or, with `dryRun`, would do): plain data, for a review before the real run. */
export interface ImportReport {
  dryRun: boolean;
  /** Accounts read from the clusters (merged by name). */
  accounts: number;
  changes: ImportChange[];
  skipped: ImportSkip[];
}

/** An account as all clusters together show it: blocked or a coordinator anywhere counts. */
interface Merged {
  name: string;
  blocked: boolean;
  members: Map<string, { blocked: boolean; coordinator: boolean }>;
  source: SchedulerAccount;
}

/**
 * Imports a cluster's accounts into the ledger, for a site adopting the SDK with Slurm already
 * in use: accounts (with an owner), members, coordinators as account admins, and block states
 * (an account or member blocked in the scheduler is blocked by hand in the ledger, as the
 * incumbent portal does). Idempotent: it only adds what the ledger lacks and blocks what the
 * scheduler blocks; it never removes, unblocks or changes an owner. Run it with `dryRun: true`
 * first to review the report. New accounts start at a zero balance, which blocks them at the
 * default threshold: record opening balances (or pass `whitelist: true`) before a reconciler runs.
 *
 * @example
 * ```ts
 * const plan = await importFromScheduler({ ledger, client, accountType: 'internal', dryRun: true });
 * console.log(plan.changes, plan.skipped);
 * await importFromScheduler({ ledger, client, accountType: 'internal' });
 * ```
 * @throws `ValidationError` on malformed options; the scheduler's and the ledger's errors.
 */
export async function importFromScheduler(options: ImportOptions): Promise<ImportReport> {
  const o = parseInput(OptionsSchema, options, billingRules.subject('import_options'), ['options']);
  const ownerOf = o.ownerOf ?? defaultOwner;
  const merged = new Map<string, Merged>();
  for (const cluster of o.clusters ?? [...o.client.clusters]) {
    for (const a of await o.client.accounts.list({}, { cluster })) merge(merged, a);
  }
  const ledger = o.ledger;
  const { accounts, members } = await ledger.context.read(async (tx) => ({
    accounts: new Map((await tx.listAccounts()).map((a) => [a.name, a])),
    members: await tx.listMembers({}),
  }));
  const memberOf = new Map<string, MemberRecord>(members.map((m) => [`${m.account}\u0000${m.user}`, m]));

  const report: ImportReport = { dryRun: o.dryRun, accounts: merged.size, changes: [], skipped: [] };
  const admin = ledger.as({ user: o.operator, roles: ['platform-admin'] });
  const apply = async (change: ImportChange, run: () => Promise<unknown>) => {
    if (!o.dryRun) await run();
    report.changes.push(change);
  };

  for (const account of [...merged.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    if (!NameSchema.safeParse(account.name).success) {
      report.skipped.push({ account: account.name, ...skipReason('skip_account_name') });
      continue;
    }
    const existing: AccountRecord | undefined = accounts.get(account.name);
    let owner = existing?.owner;
    if (!existing) {
      owner = ownerOf(account.source);
      if (owner === undefined || !UserNameSchema.safeParse(owner).success) {
        report.skipped.push({ account: account.name, ...skipReason('skip_no_owner') });
        continue;
      }
      const name = account.name;
      const by = owner;
      await apply({ action: 'create-account', account: name, user: by, role: 'owner' }, () =>
        admin.createAccount({ name, type: o.accountType, owner: by }),
      );
      if (o.whitelist) {
        await apply({ action: 'whitelist-account', account: name }, () => admin.whitelistAccount(name));
      }
    }
    for (const [user, seen] of [...account.members].sort(([a], [b]) => a.localeCompare(b))) {
      if (user === owner) continue;
      if (!UserNameSchema.safeParse(user).success) {
        report.skipped.push({ account: account.name, user, ...skipReason('skip_user_name') });
        continue;
      }
      const have = memberOf.get(`${account.name}\u0000${user}`);
      const role = seen.coordinator ? 'admin' : 'member';
      if (!have) {
        await apply({ action: 'add-member', account: account.name, user, role }, () =>
          admin.addMember(account.name, { user, role }),
        );
      } else if (seen.coordinator && have.role === 'member') {
        await apply({ action: 'make-admin', account: account.name, user, role: 'admin' }, () =>
          admin.setMemberRole(account.name, user, 'admin'),
        );
      }
      if (seen.blocked && (have === undefined || have.state === 'normal')) {
        await apply({ action: 'block-member', account: account.name, user }, () =>
          admin.blockMember(account.name, user),
        );
      }
    }
    if (account.blocked && (existing === undefined || existing.state === 'normal')) {
      await apply({ action: 'block-account', account: account.name }, () =>
        admin.blockAccount(account.name).catch((err) => {
          // Frozen or already blocked by a concurrent change: the scheduler's block is recorded.
          if (!isHpckitError(err, 'POLICY_VIOLATION')) throw err;
        }),
      );
    }
  }
  return report;
}

function merge(into: Map<string, Merged>, a: SchedulerAccount) {
  let m = into.get(a.name);
  if (!m) {
    m = { name: a.name, blocked: false, members: new Map(), source: a };
    into.set(a.name, m);
  } else {
    m.source = { ...m.source, members: [...m.source.members, ...a.members] };
  }
  m.blocked ||= a.blocked;
  for (const member of a.members) {
    const was = m.members.get(member.user);
    m.members.set(member.user, {
      blocked: (was?.blocked ?? false) || member.blocked,
      coordinator: (was?.coordinator ?? false) || member.coordinator === true,
    });
  }
}

/**
 * The owner {@link importFromScheduler} gives an account by default: its first coordinator in
 * name order, else its only member; `undefined` (the account is skipped) otherwise. For an
 * `ownerOf` that names some owners itself and leaves the rest to this rule.
 *
 * @example
 * ```ts
 * const ownerOf = (a: SchedulerAccount) => (a.name === 'ai4ec' ? 'bob' : defaultOwner(a));
 * ```
 */
export function defaultOwner(account: SchedulerAccount): string | undefined {
  const coordinators = account.members
    .filter((m) => m.coordinator)
    .map((m) => m.user)
    .sort();
  if (coordinators.length > 0) return coordinators[0];
  const users = new Set(account.members.map((m) => m.user));
  return users.size === 1 ? [...users][0] : undefined;
}

/** Why an import skips something, worded by a billing rule in every locale. */
function skipReason(
  rule: 'skip_account_name' | 'skip_no_owner' | 'skip_user_name',
): Pick<ImportSkip, 'reason' | 'message'> {
  const { message, translations } = billingRules.errorText(rule);
  return { reason: message, message: { en: message, 'zh-CN': translations['zh-CN'] ?? message } };
}
