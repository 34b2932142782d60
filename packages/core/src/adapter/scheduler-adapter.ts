import type { BlockStatus, SchedulerAccount } from '../model/account.js';
import type { Availability, ClusterConfig } from '../model/cluster-config.js';
import type { Job, ListedJob } from '../model/job.js';
import type { JobPage, JobQuery } from '../model/job-query.js';
import type { JobSpec } from '../model/job-spec.js';
import type { BatchSubmission, BatchSubmitContext, SubmitOutcome } from './batch-submission.js';
import type { Capabilities } from './capabilities.js';

/** Context every operation takes last: whom it acts for, and how to abort it. */
export interface CallContext {
  /** The user the call acts for (needs the `actAsUser` capability). */
  user?: string;
  signal?: AbortSignal;
}

/** Context of a submission. */
export interface SubmitContext extends CallContext {
  /**
   * A token unique to this submission. If the answer to a submit is lost and the caller submits
   * again with the same token, the adapter returns the job it already created. 1–128 characters
   * from `A–Z a–z 0–9 . _ : @ / + = -` (no whitespace); core refuses any other key with a
   * `VALIDATION` error at `idempotencyKey`, before the adapter sees it.
   */
  idempotencyKey?: string;
  /**
   * `true` when `idempotencyKey` was made for this call and has never been sent, so no job can
   * carry it yet: the adapter submits at once, without looking for an earlier job, and answers
   * from what the scheduler said and the spec (one scheduler command). Absent or `false`, the key
   * may already have a job (a caller's own key, a retry), which the adapter must look for first
   * and return instead of submitting again. Core sets it: the client on a key it generated, the
   * runtime's retry of a submission back to `false`.
   */
  freshKey?: boolean;
}

/** What a submission would run: the exact script and command. */
export interface RenderedSubmission {
  /** The batch script, byte for byte. */
  script: string;
  /** The command (argv) that submits it; the script goes on standard input. */
  command: string[];
}

/** A submitted job and the exact script that created it. */
export interface SubmitResult extends RenderedSubmission {
  /**
   * The job as submitted. A submission with a {@link SubmitContext.freshKey | fresh key} is not
   * read back: its `id` is the scheduler's answer, `cluster` and `user` are known, `state` is
   * `queued` (`held` for a held spec), `submitTime` is the adapter's clock when the scheduler
   * answered, and the rest comes from the spec; what the scheduler chooses for fields the spec
   * leaves out (default account, partition, QoS, time limit, memory) is absent until the job is
   * read (`jobs.get`, a handle's refresh or watch). A job found by its key is returned as read.
   */
  job: Job;
}

/** Result of a cancel: whether it cancelled the job or the job had already ended. */
export interface CancelResult {
  status: 'cancelled' | 'already_ended';
}

/** A time-limit change: a new limit, or a signed change of the current one, in seconds. */
export type TimeLimitChange = { set: number } | { delta: number };

/** Scheduler and adapter versions. */
export interface SchedulerVersion {
  /** Scheduler name, e.g. `slurm`. */
  scheduler: string;
  /** Scheduler version, e.g. `22.05.8`. */
  version: string;
  /** Version of the adapter package. */
  adapter: string;
}

/** Job operations. Inputs arrive validated and normalised by core. */
export interface JobOperations {
  /**
   * Submits a job; returns it with the exact script. With a fresh key (`ctx.freshKey`) this is one
   * scheduler command; otherwise the key is looked up first and a job already carrying it returned.
   */
  submit(spec: JobSpec, ctx: SubmitContext): Promise<SubmitResult>;
  /**
   * Submits many jobs in one call, each exactly as {@link JobOperations.submit} would with its own
   * key, and answers one outcome per job in the same order: a job's failure is its outcome, not
   * the call's, so the others still go (unless `ctx.stopOnError`: then the jobs after the first
   * failure are `skipped`). Throws only for what stops every job (an abort). A job whose answer
   * was lost must come back `failed` with the retryable error, never submitted twice: core
   * retries it alone, looking its key up first. Worth implementing when the scheduler can take
   * the jobs cheaper together (one connection, one process); core submits one by one otherwise.
   */
  submitMany?(submissions: readonly BatchSubmission[], ctx: BatchSubmitContext): Promise<SubmitOutcome[]>;
  /** The script and command a submit would run, without submitting (a dry run). */
  render?(spec: JobSpec, ctx: CallContext): Promise<RenderedSubmission>;
  /** One job, live or from history. Throws `NOT_FOUND` if unknown. */
  get(id: string, ctx: CallContext): Promise<Job>;
  /** Jobs matching a query, ordered by submit time then id. */
  list(query: JobQuery, ctx: CallContext): Promise<JobPage<ListedJob>>;
  /** Cancels a job. Unknown: `NOT_FOUND`; another user's: `PERMISSION_DENIED`. */
  cancel(id: string, ctx: CallContext): Promise<CancelResult>;
  /** Holds a pending job. Unknown: `NOT_FOUND`. */
  hold?(id: string, ctx: CallContext): Promise<void>;
  /** Releases a held job. Unknown: `NOT_FOUND`. */
  release?(id: string, ctx: CallContext): Promise<void>;
  /**
   * Changes a job's time limit; returns the new limit in seconds. Unknown: `NOT_FOUND`; refused:
   * `PERMISSION_DENIED` or `POLICY_VIOLATION`.
   */
  updateTimeLimit?(
    id: string,
    change: TimeLimitChange,
    ctx: CallContext,
  ): Promise<{ timeLimitSeconds: number }>;
}

/** Account operations. Block and unblock are idempotent; running jobs keep running. */
export interface AccountOperations {
  /** Creates an account (`ALREADY_EXISTS` if it exists). */
  create?(account: { name: string; owner?: string }, ctx: CallContext): Promise<void>;
  /** Accounts with their members; with `user`, only that user's accounts. */
  list?(filter: { user?: string }, ctx: CallContext): Promise<SchedulerAccount[]>;
  /** Blocks an account: new submissions charged to it are refused. */
  block?(account: string, ctx: CallContext): Promise<void>;
  /** Unblocks an account. */
  unblock?(account: string, ctx: CallContext): Promise<void>;
  /** Whether an account is blocked (`NOT_FOUND` if unknown). */
  status?(account: string, ctx: CallContext): Promise<BlockStatus>;
}

/** Membership of a user in an account. */
export interface Membership {
  user: string;
  account: string;
}

/** User-in-account operations. Block and unblock are idempotent. */
export interface UserOperations {
  /** Adds a user to an account. */
  add?(membership: Membership, ctx: CallContext): Promise<void>;
  /** Removes a user from an account. */
  remove?(membership: Membership, ctx: CallContext): Promise<void>;
  /** Blocks a user in one account: they may not submit jobs charged to it. */
  block?(membership: Membership, ctx: CallContext): Promise<void>;
  /** Unblocks a user in one account. */
  unblock?(membership: Membership, ctx: CallContext): Promise<void>;
  /** Whether a user is blocked in an account (`NOT_FOUND` if unknown). */
  status?(membership: Membership, ctx: CallContext): Promise<BlockStatus>;
}

/** How the network knows a node: the scheduler's name, the node's host name, its address. */
export interface NodeAddress {
  /** The scheduler's name of the node, as in `Job.nodeList`. */
  name: string;
  /** What `hostname` prints on the node, as far as the scheduler knows. */
  hostname: string;
  /** Where the scheduler reaches the node: an IP address or a host name. */
  address: string;
}

/** Discovery operations. */
export interface ConfigOperations {
  /** Partitions and QoS of the cluster. */
  cluster(ctx: CallContext): Promise<ClusterConfig>;
  /** Partitions and QoS a (user, account) pair may use, or why it may use none. */
  availability?(membership: Membership, ctx: CallContext): Promise<Availability>;
  /** Host names and addresses of the named nodes (a job's `nodeList`); unknown names are left out. */
  nodes?(query: { names: string[] }, ctx: CallContext): Promise<NodeAddress[]>;
}

/**
 * The contract every scheduler implements. Build one with {@link defineSchedulerAdapter}; callers
 * never use it directly but through `createClient`, which validates input, checks capabilities,
 * honours abort signals and retries idempotent reads. Each operation is documented here, once;
 * {@link ADAPTER_OPERATIONS} says which capability guards an optional one, which are retried, and
 * how core validates their input.
 */
export interface SchedulerAdapter {
  /** Kebab-case id: `slurm`, `mock`. */
  readonly name: string;
  /** Optional features this adapter supports. */
  readonly capabilities: Capabilities;
  /**
   * Whether the adapter retries its own idempotent reads (per command, across reconnects); core's
   * runtime then does not retry them a second time.
   */
  readonly retriesReads?: boolean;
  readonly jobs: JobOperations;
  readonly accounts: AccountOperations;
  readonly users: UserOperations;
  readonly config: ConfigOperations;
  /** Scheduler and adapter versions. */
  version(ctx: CallContext): Promise<SchedulerVersion>;
  /** Releases connections and timers. Called once. */
  close?(): Promise<void>;
}
