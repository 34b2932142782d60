import { z } from 'zod';

/** A user's membership of an account, as the scheduler sees it. */
export const AccountMemberSchema = z.object({
  user: z.string(),
  blocked: z.boolean(),
  coordinator: z.boolean().optional(),
});

/** An account (project) as the scheduler sees it: who may charge jobs to it, and whether it is blocked. */
export const SchedulerAccountSchema = z.object({
  name: z.string().min(1),
  blocked: z.boolean(),
  members: z.array(AccountMemberSchema),
});

/** A user as the scheduler sees it. */
export const UserSchema = z.object({
  name: z.string().min(1),
  uid: z.number().int().nonnegative().optional(),
  accounts: z.array(z.string()),
  defaultAccount: z.string().optional(),
});

/** Whether something is blocked. */
export interface BlockStatus {
  /** Blocked: no new jobs may be submitted. */
  blocked: boolean;
}

/** A user's membership of an account, as the scheduler sees it. */
export interface AccountMember {
  /** Login name of the member. */
  user: string;
  /** Blocked in this account: the user may not submit jobs charged to it. */
  blocked: boolean;
  /**
   * The user administers the account in the scheduler (a Slurm coordinator). Absent when the
   * scheduler has no such notion or did not say.
   */
  coordinator?: boolean;
}

/**
 * An account (project) as the scheduler sees it: who may charge jobs to it, and whether it is
 * blocked.
 */
export interface SchedulerAccount {
  /** The account's name, e.g. `electroplating`. */
  name: string;
  /** Blocked: no member may submit jobs charged to it. Running jobs keep running. */
  blocked: boolean;
  /** Users who may charge jobs to the account. */
  members: AccountMember[];
}

/** A user as the scheduler sees it. */
export interface User {
  /** Login name. */
  name: string;
  /** Numeric user id, when the scheduler reports it. */
  uid?: number;
  /** Accounts the user belongs to. */
  accounts: string[];
  /** The account used when a job names none. */
  defaultAccount?: string;
}
