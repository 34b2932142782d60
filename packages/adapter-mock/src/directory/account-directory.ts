import type { SchedulerAccount } from '@hpckit/core';
import type { MockCluster } from '../cluster/mock-cluster-schema.js';
import { fail } from '../mock-errors.js';

/** A user's membership of an account. */
export interface MemberRecord {
  blocked: boolean;
  /** Administers the account (a Slurm coordinator). */
  coordinator?: boolean;
}

/** An account with its members, by user name. */
export interface AccountRecord {
  readonly name: string;
  blocked: boolean;
  readonly members: Map<string, MemberRecord>;
}

/** A user known to the scheduler. */
export interface UserRecord {
  readonly name: string;
  readonly uid: number;
  defaultAccount: string | undefined;
}

/** The scheduler's accounting associations: accounts, their members, users and block flags. */
export interface AccountDirectory {
  account(name: string): AccountRecord | undefined;
  user(name: string): UserRecord | undefined;
  /** The user's uid; 0 for names the scheduler does not know (such as `root`). */
  uidOf(name: string): number;
  /** Accounts in creation order. */
  accounts(): AccountRecord[];
  /** @throws `NOT_FOUND` */
  requireAccount(name: string): AccountRecord;
  /** @throws `NOT_FOUND` for an unknown account or a user who is not a member. */
  requireMember(user: string, account: string): MemberRecord;
  /** @throws `ALREADY_EXISTS` */
  createAccount(name: string, owner?: string): void;
  /** Adds a member (creating the user if new); a no-op if already one. @throws `NOT_FOUND` */
  addMember(user: string, account: string): void;
  /** Removes a member; a no-op if not one. @throws `NOT_FOUND` for an unknown account. */
  removeMember(user: string, account: string): void;
  /** The accounts as core reports them, optionally only those `user` belongs to. */
  list(user?: string): SchedulerAccount[];
}

/** Creates the directory of a cluster's accounts and users. */
export function createAccountDirectory(cluster: MockCluster): AccountDirectory {
  const accounts = new Map<string, AccountRecord>();
  const users = new Map<string, UserRecord>();
  let nextUid = Math.max(2000, ...cluster.users.map((u) => u.uid ?? 0)) + 1;

  function ensureUser(name: string): UserRecord {
    const known = users.get(name);
    if (known) return known;
    const user: UserRecord = { name, uid: nextUid++, defaultAccount: undefined };
    users.set(name, user);
    return user;
  }

  for (const u of cluster.users)
    users.set(u.name, { name: u.name, uid: u.uid ?? nextUid++, defaultAccount: u.defaultAccount });
  for (const a of cluster.accounts) {
    const members = new Map<string, MemberRecord>();
    for (const m of a.members) {
      members.set(m.user, m.coordinator ? { blocked: m.blocked, coordinator: true } : { blocked: m.blocked });
      const user = ensureUser(m.user);
      user.defaultAccount ??= a.name;
    }
    accounts.set(a.name, { name: a.name, blocked: a.blocked, members });
  }

  function requireAccount(name: string): AccountRecord {
    const account = accounts.get(name);
    if (account) return account;
    throw fail.notFound({
      details: {
        kind: 'account',
        id: name,
        reason: 'no_such_account',
        command: ['sacctmgr', 'show', 'account', name],
      },
    });
  }

  function addMember(user: string, account: string): void {
    const record = requireAccount(account);
    if (record.members.has(user)) return;
    record.members.set(user, { blocked: false });
    ensureUser(user).defaultAccount ??= account;
  }

  return {
    account: (name) => accounts.get(name),
    user: (name) => users.get(name),
    uidOf: (name) => users.get(name)?.uid ?? 0,
    accounts: () => [...accounts.values()],
    requireAccount,
    requireMember(user, account) {
      const member = requireAccount(account).members.get(user);
      if (member) return member;
      throw fail.notFound({
        details: {
          kind: 'membership',
          id: `${user}@${account}`,
          reason: 'not_a_member',
          user,
          account,
          command: ['sacctmgr', 'show', 'assoc', `account=${account}`, `user=${user}`],
        },
      });
    },
    createAccount(name, owner) {
      if (accounts.has(name)) {
        throw fail.alreadyExists({
          details: {
            kind: 'account',
            id: name,
            reason: 'account_exists',
            command: ['sacctmgr', '-i', 'add', 'account', name],
          },
        });
      }
      accounts.set(name, { name, blocked: false, members: new Map() });
      if (owner !== undefined) addMember(owner, name);
    },
    addMember,
    removeMember(user, account) {
      const record = requireAccount(account);
      if (!record.members.delete(user)) return;
      const u = users.get(user);
      if (u?.defaultAccount === account) {
        u.defaultAccount = [...accounts.values()].find((a) => a.members.has(user))?.name;
      }
    },
    list(user) {
      const out: SchedulerAccount[] = [];
      for (const a of accounts.values()) {
        if (user !== undefined && !a.members.has(user)) continue;
        const members = [...a.members].map(([name, m]) =>
          m.coordinator
            ? { user: name, blocked: m.blocked, coordinator: true }
            : { user: name, blocked: m.blocked },
        );
        out.push({ name: a.name, blocked: a.blocked, members });
      }
      return out;
    },
  };
}
