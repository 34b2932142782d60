import { z } from 'zod';

/** A user's membership of an account, as the scheduler sees it. */
export const AccountMemberSchema = z.object({
  user: z.string(),
  /** Blocked in this account: the user may not submit jobs charged to it. */
  blocked: z.boolean(),
});

/** An account (project) as the scheduler sees it: who may charge jobs to it, and whether it is blocked. */
export const SchedulerAccountSchema = z.object({
  name: z.string().min(1),
  /** Blocked: no member may submit jobs charged to it. Running jobs keep running. */
  blocked: z.boolean(),
  members: z.array(AccountMemberSchema),
});

/** A user as the scheduler sees it. */
export const UserSchema = z.object({
  name: z.string().min(1),
  /** Numeric user id, when the scheduler reports it. */
  uid: z.number().int().nonnegative().optional(),
  /** Accounts the user belongs to. */
  accounts: z.array(z.string()),
  /** The account used when a job names none. */
  defaultAccount: z.string().optional(),
});

/** Whether something is blocked. */
export interface BlockStatus {
  blocked: boolean;
}

/** A user's membership of an account. */
export type AccountMember = z.output<typeof AccountMemberSchema>;
/** An account as the scheduler sees it. */
export type SchedulerAccount = z.output<typeof SchedulerAccountSchema>;
/** A user as the scheduler sees it. */
export type User = z.output<typeof UserSchema>;
