import type { Payment } from '@hpckit/core';
import type {
  AccountRecord,
  ChargeKind,
  ChargeRecord,
  SyncedJob,
  SyncedJobStatus,
  MemberRecord,
  OutboxRecord,
  PaymentKind,
} from './records.js';

/** A page of entries, with the count and the net sum of every entry matching the filter. */
export interface EntryPage<T> {
  items: T[];
  /** Entries matching the filter, over all pages. */
  total: number;
  /** Net amount of all matching entries: reversals count against the entries they reverse. */
  sum: string;
}

/** Which charges to read. `from` is inclusive, `to` exclusive. */
export interface ChargeFilter {
  from: Date;
  to: Date;
  accounts?: readonly string[];
  users?: readonly string[];
  /** The charge of this job (any submit time) and the reversals of that charge. */
  job?: { cluster: string; jobId: string };
  kinds?: readonly ChargeKind[];
  types?: readonly string[];
  /** Entries per page; absent means all. */
  limit?: number;
  /** @default 0 */
  offset?: number;
  /** By time, then by insertion. @default 'desc' */
  order?: 'asc' | 'desc';
}

/** Which payments to read. `from` is inclusive, `to` exclusive. */
export interface PaymentFilter {
  from: Date;
  to: Date;
  accounts?: readonly string[];
  kinds?: readonly PaymentKind[];
  types?: readonly string[];
  /** Entries per page; absent means all. */
  limit?: number;
  /** @default 0 */
  offset?: number;
  /** By time, then by insertion. @default 'desc' */
  order?: 'asc' | 'desc';
}

/** Which synced jobs to read. */
export interface SyncedJobFilter {
  statuses: readonly SyncedJobStatus[];
  cluster?: string;
  /** @default 1000 */
  limit?: number;
}

/**
 * Where a page of the job history starts: strictly after this job in the history's order (newest
 * end time first, then cluster, job id and submit time, all descending).
 */
export interface SyncedJobPosition {
  /** The job's end time in epoch ms, or its submit time while it has none. */
  atMs: number;
  cluster: string;
  jobId: string;
  submitMs: number;
}

/**
 * Which synced jobs to read for the job history. The time range applies to each job's end time
 * (its submit time while it has none): `from` inclusive, `to` exclusive.
 */
export interface SyncedJobQuery {
  from: Date;
  to: Date;
  users?: readonly string[];
  accounts?: readonly string[];
  clusters?: readonly string[];
  /** One job id (with `clusters`, one job). */
  jobId?: string;
  statuses?: readonly SyncedJobStatus[];
  /** The job's `state.outcome` as the adapter reported it. */
  outcomes?: readonly string[];
  limit: number;
  /** Keyset paging: the last job of the previous page. */
  after?: SyncedJobPosition;
}

/** A synced job with its charge entries: the job charge and any reversal of it, oldest first. */
export interface SyncedJobCharges {
  record: SyncedJob;
  charges: ChargeRecord[];
}

/** One page of the job history, with the count and the net totals of every job matching. */
export interface SyncedJobPage {
  items: SyncedJobCharges[];
  /** Jobs matching the query, over all pages. */
  total: number;
  /**
   * Net amount charged for every matching job (reversals subtract), per currency, as canonical
   * decimal strings; a currency appears once a matching job was charged in it.
   */
  totals: Record<string, string>;
}

/** @deprecated Use {@link SyncedJobFilter}. */
export type JobRecordFilter = SyncedJobFilter;

/** An event to deliver once the transaction commits. */
export interface OutboxEvent {
  type: string;
  /** JSON payload. */
  payload: string;
}

/**
 * What a ledger does inside one transaction. Reads of an account or member lock it until the
 * transaction ends (`SELECT … FOR UPDATE` on PostgreSQL; SQLite transactions are exclusive), so
 * read-modify-write of a balance is safe with concurrent writers.
 */
export interface LedgerTx {
  /** One account, locked for the rest of the transaction. */
  getAccount(name: string): Promise<AccountRecord | undefined>;
  /** Accounts by name (all when `names` is absent), ordered by name. */
  listAccounts(names?: readonly string[]): Promise<AccountRecord[]>;
  /** @throws `ALREADY_EXISTS` when the name is taken. */
  insertAccount(account: AccountRecord): Promise<void>;
  /** Writes every field of an existing account. */
  updateAccount(account: AccountRecord): Promise<void>;

  /** One membership, locked for the rest of the transaction. */
  getMember(account: string, user: string): Promise<MemberRecord | undefined>;
  /** Memberships of an account and/or a user, ordered by account then user. */
  listMembers(filter: { account?: string; user?: string }): Promise<MemberRecord[]>;
  /** @throws `ALREADY_EXISTS` when the user is already a member. */
  insertMember(member: MemberRecord): Promise<void>;
  /** Writes every field of an existing membership. */
  updateMember(member: MemberRecord): Promise<void>;
  /** Deletes a membership (a no-op if there is none). */
  deleteMember(account: string, user: string): Promise<void>;

  /** @throws `ALREADY_EXISTS` on a second reversal of one entry. */
  insertPayment(payment: Payment): Promise<void>;
  /** One payment entry by id. */
  getPayment(id: string): Promise<Payment | undefined>;
  /** The reversal of an entry, if it has one. */
  paymentReversalOf(id: string): Promise<Payment | undefined>;
  /** Payments matching a filter, one page, with the count and net sum of all matches. */
  queryPayments(filter: PaymentFilter): Promise<EntryPage<Payment>>;

  /** @throws `ALREADY_EXISTS` on a second charge for one job or a second reversal of one charge. */
  insertCharges(charges: readonly ChargeRecord[]): Promise<void>;
  /** One charge entry by id. */
  getCharge(id: string): Promise<ChargeRecord | undefined>;
  /** The reversal of a charge, if it has one. */
  chargeReversalOf(id: string): Promise<ChargeRecord | undefined>;
  /** Charges matching a filter, one page, with the count and net sum of all matches. */
  queryCharges(filter: ChargeFilter): Promise<EntryPage<ChargeRecord>>;

  /** Records of these jobs of one cluster (any submit time). */
  getJobRecords(cluster: string, jobIds: readonly string[]): Promise<SyncedJob[]>;
  /**
   * Inserts the records whose key is new and skips the others; returns the keys (see
   * {@link jobKeyString}) it inserted. Under concurrency exactly one transaction inserts a key.
   */
  insertJobRecords(records: readonly SyncedJob[]): Promise<Set<string>>;
  /**
   * Overwrites a record if its stored status is one of `expected`; returns whether it did. Under
   * concurrency exactly one transaction wins a given transition.
   */
  updateJobRecord(record: SyncedJob, expected: readonly SyncedJobStatus[]): Promise<boolean>;
  /** Job records in the given statuses, least recently updated first. */
  listJobRecords(filter: SyncedJobFilter): Promise<SyncedJob[]>;
  /** The job history: one page of synced jobs with their charges, newest first, and the totals of all matches. */
  querySyncedJobs(query: SyncedJobQuery): Promise<SyncedJobPage>;

  /** The sync cursor of a cluster: the end of the last window read completely. */
  getCursor(cluster: string): Promise<Date | undefined>;
  /** Moves the cursor of a cluster forward to `at` (never back). */
  setCursor(cluster: string, at: Date): Promise<void>;

  /** Writes events to the outbox, to be delivered once the transaction commits. */
  appendOutbox(events: readonly OutboxEvent[]): Promise<void>;
  /**
   * Takes up to `limit` undelivered events, oldest first, and marks them delivered (when the
   * transaction commits). Concurrent transactions never take the same event.
   */
  claimOutbox(limit: number): Promise<OutboxRecord[]>;
}

/** Durable storage of a ledger: transactions over accounts, members, entries, job records and the outbox. */
export interface LedgerStore {
  /** `memory`, `sqlite` or `postgres`. */
  readonly kind: string;
  /**
   * Runs `fn` in one transaction: all of its writes commit together or none do. Transactions of
   * one store object run one at a time; stores shared between processes serialise or lock rows.
   */
  transaction<T>(fn: (tx: LedgerTx) => Promise<T>): Promise<T>;
  /** Releases connections. */
  close(): Promise<void>;
}

/** A job's place in the history's order (see {@link SyncedJobPosition}). */
export function syncedJobPosition(record: SyncedJob): SyncedJobPosition {
  return {
    atMs: (record.endTime ?? record.submitTime).getTime(),
    cluster: record.cluster,
    jobId: record.jobId,
    submitMs: record.submitTime.getTime(),
  };
}

/** The identity of a job as one string: cluster, job id and submit time (ms). */
export function jobKeyString(key: { cluster: string; jobId: string; submitTime: Date }): string {
  return `${key.cluster}\u0000${key.jobId}\u0000${key.submitTime.getTime()}`;
}
