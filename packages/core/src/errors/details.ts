import type { PolicyReason } from './codes.js';
import type { Locale } from './locale.js';
import type {
  AlreadyExistsReason,
  InternalReason,
  NotFoundReason,
  ParseReason,
  PermissionReason,
  TimeoutReason,
  TransportReason,
  UnsupportedReason,
  ValidationReason,
} from './reasons.js';

/** One problem found while validating input: where it is and what to do about it. */
export interface ValidationIssue {
  /** Path to the offending value, e.g. `["memory", "perNode"]`. */
  path: (string | number)[];
  /** What is wrong and how to fix it, in English. */
  message: string;
  /** zod's issue code (`invalid_type`, `too_small`, `custom`…). */
  code: string;
  /**
   * What zod found, when `message` is zod's generic wording of it (not text a schema wrote): the
   * catalogue words these facts in each locale. Absent, `message` is the whole story.
   */
  facts?: ValidationIssueFacts;
}

/** The structured facts of a zod issue, for wording it in any locale. */
export interface ValidationIssueFacts {
  /** The type wanted (`string`, `number`, `object`), for `invalid_type`. */
  expected?: string;
  /** The type given (`number`, `undefined`, `array`), for `invalid_type`. */
  received?: string;
  /** What was measured (`number`, `string`, `array`), for `too_small` and `too_big`. */
  origin?: string;
  /** Lower bound, for `too_small`. */
  minimum?: number | string;
  /** Upper bound, for `too_big`. */
  maximum?: number | string;
  /** Whether the bound itself is allowed. */
  inclusive?: boolean;
  /** The values that would be accepted, as written in code (`"cpu"`, `1`), for `invalid_value`. */
  values?: string[];
  /** The keys not allowed here, for `unrecognized_keys`. */
  keys?: string[];
  /** The string format wanted (`regex`, `email`, `starts_with`), for `invalid_format`. */
  format?: string;
  /** The pattern a `regex` format wants. */
  pattern?: string;
  /** The prefix, suffix or substring a `starts_with`, `ends_with` or `includes` format wants. */
  text?: string;
  /** The number a value must be a multiple of, for `not_multiple_of`. */
  divisor?: number | string;
  /** Ways to write the value instead (`{ perNode: '64G' }`), when a schema knows the way out. */
  examples?: string[];
  /**
   * A rule of hpckit's own schemas that the value broke (`memory_per_gpu_needs_gpus`,
   * `bare_number_time_limit`): every locale words the issue from the rule and the facts beside it.
   */
  rule?: string;
  /** The offending value as the message shows it (cut short), for a rule. */
  value?: string;
  /** The part of the value a rule points at (an array spec's range), for a rule. */
  item?: string;
  /** Field names a rule mentions (`tasks`, `cpusPerTask`). */
  names?: string[];
  /** How many there are (entries, characters), for a rule. */
  count?: number;
  /**
   * The issue found inside the value, for a rule that reports it in context (the job-spec field an
   * sbatch option's value sets, as the field's own schema words it).
   */
  issue?: ValidationIssue;
}

/** What the scheduler said: the command that ran and its exact stderr. */
export interface SchedulerOutput {
  /** The command (argv) or request that was sent, with credentials removed. */
  command?: string[];
  /** The scheduler's exact standard error, never trimmed of meaning. */
  stderr?: string;
  /** Process exit code, when there was a process. */
  exitCode?: number;
  /** The program that failed (`sbatch`, `sudo`), when `command` wraps it in others. */
  program?: string;
  /**
   * What the command (or the library under a transport) said went wrong, on one line: its error
   * lines without their `sbatch: error: ` prefixes. Messages quote it; `stderr` keeps every byte.
   */
  nativeMessage?: string;
  /** Name of the scheduler that refused or failed (`Slurm`), for messages that say who. */
  scheduler?: string;
}

/** Facts any error may carry. */
export interface CommonDetails {
  /**
   * A job that was submitted although the call then failed (reading it back did): it exists, so
   * fetch it rather than submit again.
   */
  jobId?: string;
}

/** Facts about an app session (`@hpckit/apps`), for the errors of its life cycle. */
export interface AppSessionFacts {
  /** The session's id. */
  session?: string;
  /** The id of the session's job. */
  sessionJob?: string;
  /** The session's directory, where its server's `output.log` is. */
  directory?: string;
}

/** One broken rule of a policy violation, with the facts its message is written from. */
export interface PolicyViolationDetail {
  /** Stable code of the rule, e.g. `gpu_memory_per_node` (one of `VIOLATION_CODES` for billing's rules). */
  code: string;
  limit?: string | number;
  requested?: string | number;
  unit?: string;
  /** Partition the rule belongs to. */
  partition?: string;
  /** QoS the rule belongs to. */
  qos?: string;
  /** Names that would be accepted (partitions, QoS, options). */
  allowed?: string[];
  /** The per-unit limit the total derives from (GB per core, GB per GPU, cores per GPU). */
  perUnit?: number;
  /** GPUs per node the job asks for. */
  gpusPerNode?: number;
  /** Cores per node the job asks for. */
  coresPerNode?: number;
  /** Why an option escapes the rules (`directive_not_allowed`), in English. */
  directiveReason?: string;
  /** What is wrong and how to fix it, per locale. */
  message?: Partial<Record<Locale, string>>;
}

/** What a scheduler refused to do to a job, for `POLICY_VIOLATION` details. */
export type JobAction = 'hold' | 'release' | 'update_time_limit';

/** Typed details carried by each error code. */
export interface ErrorDetailsByCode {
  VALIDATION: CommonDetails & {
    /** What was invalid, in English (`job spec`). */
    subject: string;
    /**
     * The subject as a name every locale words (`facts.rule`: `job_spec`, `billing.payment`), when
     * it was named through `validationSubject` or a package's `rules.subject`.
     */
    subjectFacts?: ValidationIssueFacts;
    issues: ValidationIssue[];
    reason?: ValidationReason;
    /** What was being done (`read`, `copy`), for file problems. */
    operation?: string;
    /** The file a path problem is about. */
    path?: string;
    /** What the file is when it is not a regular file (`a FIFO`). */
    fileType?: string;
    /** Size of a file that is too big, in bytes. */
    size?: number;
    /** The size limit, in bytes. */
    limit?: number;
    /** The directory a copy's target lies in (`is_a_directory`: copying a directory into itself). */
    within?: string;
  } & SchedulerOutput;
  NOT_FOUND: CommonDetails & {
    kind: string;
    id: string;
    reason?: NotFoundReason;
    /** For a membership: the user. */
    user?: string;
    /** For a membership: the account. */
    account?: string;
    /** How far back accounting was searched, in days (`outside_lookup_window`). */
    lookupWindowDays?: number;
    /** Where the input named the missing thing (`dependencies.0.jobIds.0`). */
    namedAt?: string;
    /** What was being done (`delete`), for files. */
    operation?: string;
    /** The ids that do exist, for the message to list (`unregistered_app`). */
    known?: string[];
    /** The phase of the session's job (`queued`, `suspended`), for `server_not_running`. */
    jobState?: string;
  } & AppSessionFacts &
    SchedulerOutput;
  ALREADY_EXISTS: CommonDetails & {
    kind: string;
    id: string;
    reason?: AlreadyExistsReason;
    /** For a membership: the user. */
    user?: string;
    /** For a membership: the account. */
    account?: string;
    /** What was being done (`rename`), for files. */
    operation?: string;
  } & SchedulerOutput;
  PERMISSION_DENIED: CommonDetails & {
    action: string;
    user?: string;
    missingRole?: string;
    reason?: PermissionReason;
    /** The owner of the job acted on (`not_owner`). */
    owner?: string;
    /**
     * The job acted on (`raise_running_time_limit`), for the locales that do not quote `action`.
     * (Not `jobId`, which says the error came after a submission.)
     */
    job?: string;
    /** How the transport switches user (`act_as_switch`). */
    actAs?: 'sudo' | 'su';
    /** The login the credentials or the transport use. */
    login?: string;
    /** The user's uid (`act_as_low_uid`). */
    uid?: number;
    /** The lowest uid acted for (`act_as_low_uid`). */
    minUid?: number;
  } & SchedulerOutput;
  POLICY_VIOLATION: CommonDetails & {
    reason: PolicyReason;
    /** The scheduler's own reason code, e.g. `QOSMaxWallDurationPerJobLimit`. */
    nativeReason?: string;
    /** The account, partition, QoS or user the rule is about. */
    subject?: string;
    limit?: string | number;
    requested?: string | number;
    unit?: string;
    /** The user who submitted (an `invalid_account` without any account to use). */
    user?: string;
    /** The partition a QoS is not allowed in (`qos_not_allowed`). */
    partition?: string;
    /** Names that would be accepted (QoS of the partition). */
    allowed?: string[];
    /** What was refused to a job (`not_permitted`). */
    jobAction?: JobAction;
    /** The job's phase that forbids it (`running`, `ended`). */
    jobState?: string;
    /** Jobs that stand in the way (`member_has_jobs`: the member's pending or running jobs). */
    jobIds?: string[];
    /** Every rule the request broke, when there were several (the fields above describe the first). */
    violations?: PolicyViolationDetail[];
  } & SchedulerOutput;
  SCHEDULER_UNAVAILABLE: CommonDetails & { cluster?: string } & SchedulerOutput;
  TRANSPORT: CommonDetails & {
    host?: string;
    reason?: TransportReason;
    port?: number;
    /** The login of the connection. */
    login?: string;
    /** The bound that was hit: bytes of output, queued commands, pooled connections. */
    limit?: number;
    /** The system's error code (`ENOENT`) when a system call failed. */
    errno?: string;
    /** What was being done (`read /home/alice/x`). */
    operation?: string;
    /** The user the command ran as (`home_unknown`). */
    user?: string;
  } & SchedulerOutput;
  PARSE: CommonDetails & {
    raw: string;
    what: string;
    reason?: ParseReason;
    /** Fields the output held (`field_count`). */
    fields?: number;
    /** Fields of one record (`field_count`). */
    fieldsPerRecord?: number;
  } & SchedulerOutput;
  UNSUPPORTED: CommonDetails & {
    capability: string;
    adapter: string;
    reason?: UnsupportedReason;
    /** The API versions the server offers (`no_common_version`), e.g. `["v0.0.42"]`. */
    offered?: string[];
    /** The API versions the adapter speaks (`no_common_version`). */
    spoken?: string[];
    /** The user the call was for. */
    user?: string;
    /** The login the transport uses instead. */
    login?: string;
    /** The npm package the feature loads (`driver_missing`, `driver_unbuilt`), e.g. `better-sqlite3`. */
    driver?: string;
    /** The driver's major version to install, e.g. `12` (`driver_missing`). */
    driverMajor?: string;
    /** What the driver's loader said went wrong, on one line (`driver_unbuilt`). */
    nativeMessage?: string;
    /** The cluster the call was for (`client_closed`, `no_acting_user`). */
    cluster?: string;
    /** The call that needs a user (`jobs.submit`), for `no_acting_user`; or the job's output (`no_job_output`). */
    operation?: string;
    /** The job whose output was asked for (`no_job_output`). */
    job?: string;
  };
  TIMEOUT: CommonDetails & {
    operation: string;
    timeoutMs: number;
    reason?: TimeoutReason;
    /** The step that did not answer (`open`, `read`), for `sftp_unanswered`. */
    step?: string;
    /** Whether the session's server had written its connection file (`app_not_ready`). */
    connectionFile?: boolean;
  } & AppSessionFacts;
  INTERNAL: CommonDetails & {
    operation: string;
    reason?: InternalReason;
    /** The phase of the session's job (`ended`, `completing`), for an app session's job that stopped. */
    jobState?: string;
    /** How the session's job ended (`cancelled`), when it has. */
    outcome?: string;
    /** Jobs given to a batch submission, and outcomes its adapter answered (`batch_mismatch`). */
    jobs?: number;
    outcomes?: number;
    /** The user whose roles the access source failed to give (`access_roles_failed`). */
    user?: string;
  } & AppSessionFacts &
    SchedulerOutput;
}
