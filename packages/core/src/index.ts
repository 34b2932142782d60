/**
 * hpckit core: the domain model, the scheduler-adapter contract, the client facade with shared job
 * watching, and typed errors.
 *
 * @packageDocumentation
 * @module @hpckit/core
 */

// Jobs
export {
  JobSpecSchema,
  MemoryRequestSchema,
  JobDependencySchema,
  DirectivesSchema,
  DEPENDENCY_TYPES,
  requestedShape,
} from './model/job-spec.js';
export type {
  JobSpec,
  JobSpecInput,
  JobDependency,
  Directives,
  MemoryRequest,
  MemoryRequestInput,
  ArraySpecInput,
  RequestedShape,
} from './model/job-spec.js';
export { JobSchema, ResourceCountsSchema, ALWAYS_LISTED_FIELDS } from './model/job.js';
export type { Job, JobField, JobRecord, ListedJob, ResourceCounts } from './model/job.js';
export {
  JobStateSchema,
  JOB_PHASES,
  JOB_OUTCOMES,
  JOB_STATE_FILTERS,
  isEnded,
  matchesStateFilter,
  phaseProgress,
} from './model/job-state.js';
export type { JobState, JobPhase, JobOutcome, JobStateFilter } from './model/job-state.js';
export { JobQuerySchema, JOB_FIELDS, MAX_QUERY_LIST_LENGTH } from './model/job-query.js';
export type { JobQuery, JobQueryInput, JobPage, TimeRange } from './model/job-query.js';
export {
  ArraySpecSchema,
  parseArraySpec,
  MAX_ARRAY_TASKS,
  MAX_ARRAY_INDEX,
  MAX_ARRAY_SPEC_LENGTH,
} from './model/array-spec.js';
export type { ArraySpec } from './model/array-spec.js';
export { aggregateArrayJob, aggregateArrayState } from './model/array-aggregate.js';
export { jobSpecJsonSchema } from './model/json-schema.js';
export { jobSpecFormFields, jobSpecFromForm, JobSpecFormValuesSchema } from './model/job-spec-form.js';
export type { JobSpecFormField, JobSpecFormInput, JobSpecFormValues } from './model/job-spec-form.js';

// Clusters, accounts and users
export {
  ClusterConfigSchema,
  PartitionSchema,
  QosSchema,
  NodeShapeSchema,
  AvailabilitySchema,
  AvailablePartitionSchema,
} from './model/cluster-config.js';
export type {
  ClusterConfig,
  Partition,
  Qos,
  NodeShape,
  Availability,
  AvailablePartition,
} from './model/cluster-config.js';
export { SchedulerAccountSchema, AccountMemberSchema, UserSchema } from './model/account.js';
export type { SchedulerAccount, AccountMember, User, BlockStatus } from './model/account.js';

// Apps
export {
  AppSchema,
  AppAttributeSchema,
  AppOptionSchema,
  AppConnectSchema,
  AppPortRangeSchema,
  AppSessionSchema,
  APP_ATTRIBUTE_TARGETS,
} from './model/app.js';
export type {
  App,
  AppInput,
  AppAttribute,
  AppAttributeTarget,
  AppPortRange,
  AppSession,
} from './model/app.js';

// Money and ledger entries
export { MoneySchema, DecimalStringSchema } from './model/money.js';
export type { Money } from './model/money.js';
export { ChargeSchema, PaymentSchema, JobReferenceSchema } from './model/ledger-entries.js';
export type { Charge, Payment, JobReference } from './model/ledger-entries.js';

// Names and sizes
export {
  NameSchema,
  UserNameSchema,
  JobIdSchema,
  TextSchema,
  LineSchema,
  PathSchema,
  MAX_TEXT_LENGTH,
  MAX_LINE_LENGTH,
  MAX_PATH_LENGTH,
} from './model/names.js';
export { MAX_RESOURCE_COUNT } from './model/resource-count.js';
export { MemorySizeSchema, parseMemorySize, formatMemorySize, MAX_MEMORY_MIB } from './model/memory.js';

// Time
export {
  DurationSchema,
  TimeLimitSchema,
  parseDuration,
  formatDuration,
  MAX_DURATION_SECONDS,
} from './time/duration.js';
export type { DurationInput, DurationObject, TimeLimitInput } from './time/duration.js';
export type { IssueRule, SubjectName } from './errors/messages/en-issues.js';
export { abortable, delay } from './time/abort.js';
export { timeoutMsOf } from './time/timeout-option.js';
export type { TimeoutOptions } from './time/timeout-option.js';

// Shell
export { shellQuote, shellJoin } from './shell/quote.js';

// Client
export { createClient } from './client/create-client.js';
export type { HpckitClient } from './client/create-client.js';
export { ClientOptionsSchema, ClusterOptionsSchema } from './client/options.js';
export type { ClientOptions, ClusterOptions, ClientRetryOptions } from './client/options.js';
export { AccessRolesSchema } from './client/access-roles.js';
export type { AccessContext, AccessRoles, AccessRolesInput, AccessSource } from './client/access-roles.js';
export type { JobHandle, JobHandleEvents, WaitOptions, WaitUntil } from './client/job-handle.js';
export type { AccountsApi, UsersApi, ConfigApi } from './client/admin-api.js';
export type { JobsApi } from './client/jobs-api.js';
export type { CallOptions, SubmitManyOptions, SubmitOptions } from './client/call-options.js';
export type { SubmittedItem } from './client/submit-many.js';

// Watching
export { PollingOptionsSchema } from './watch/backoff.js';
export type { PollingOptions, PollingOptionsInput, PollOutcome } from './watch/backoff.js';
export { createPoller } from './watch/poller.js';
export type { Poller, PollerInit, PollerStats, WatchLease, WatchedJobEvents } from './watch/poller.js';
export { realTimers } from './watch/timers.js';
export type { Timers } from './watch/timers.js';
export type { ClientEvents, JobStateEvent, PollErrorEvent, PollTickEvent } from './watch/events.js';

// Progress
export { progressSnapshot } from './progress/progress-snapshot.js';
export type { EtaBasis, ProgressRow, ProgressSnapshot } from './progress/progress-snapshot.js';
export { renderProgressHtml, renderProgressLine, renderProgressText } from './progress/render-progress.js';
export type { RenderProgressOptions } from './progress/render-progress.js';
export {
  defaultProgressOutput,
  lineProgress,
  notebookProgress,
  terminalProgress,
} from './progress/progress-outputs.js';
export type {
  NotebookDisplay,
  ProgressOutput,
  ProgressOutputOptions,
  TextStream,
} from './progress/progress-outputs.js';
export { showProgress } from './progress/show-progress.js';
export type { ShowProgressOptions } from './progress/show-progress.js';

// Job output
export type {
  JobOutput,
  JobOutputChunk,
  JobOutputRange,
  JobOutputSource,
  OutputStreamName,
} from './output/job-output-source.js';
export { JobOutputSourceSchema, MAX_OUTPUT_BYTES } from './output/output-options.js';
export type { FollowOutputOptions, OutputOptions } from './output/output-options.js';

// Diagnostics
export { DIAGNOSTICS_CHANNELS } from './diagnostics/channels.js';
export type {
  CommandStartMessage,
  CommandFinishMessage,
  OperationStartMessage,
  OperationFinishMessage,
  PollTickMessage,
  LedgerBatchMessage,
  DiagnosticsMessages,
  DiagnosticsChannelName,
} from './diagnostics/channels.js';
export { diagnosticsChannel, subscribeDiagnostics } from './diagnostics/publish.js';
export type { DiagnosticsChannel } from './diagnostics/publish.js';

// Adapter contract
export { CAPABILITY_KEYS } from './adapter/capabilities.js';
export type { Capabilities, CapabilityKey } from './adapter/capabilities.js';
export { defineSchedulerAdapter } from './adapter/define-adapter.js';
export type { SchedulerAdapterDefinition } from './adapter/define-adapter.js';
export { ADAPTER_OPERATIONS, ADAPTER_OPERATION_PATHS } from './adapter/operations.js';
export type { AdapterOperationSpec } from './adapter/operations.js';
export { createRuntimeAdapter } from './adapter/runtime-adapter.js';
export type {
  RuntimeAdapter,
  RuntimeAdapterOptions,
  RuntimeOperations,
  RetryPolicy,
  SubmitGuard,
} from './adapter/runtime-adapter.js';
export { TimeLimitChangeSchema } from './adapter/time-limit-change.js';
export type { TimeLimitChangeInput } from './adapter/time-limit-change.js';
export { IdempotencyKeySchema } from './adapter/idempotency-key.js';
export { MAX_BATCH_SUBMISSIONS } from './adapter/batch-submission.js';
export type {
  BatchSubmission,
  BatchSubmissionInput,
  BatchSubmitContext,
  SubmitOutcome,
} from './adapter/batch-submission.js';
export type { AdapterOperation } from './adapter/operation-types.js';
export type {
  SchedulerAdapter,
  JobOperations,
  AccountOperations,
  UserOperations,
  ConfigOperations,
  CallContext,
  SubmitContext,
  SubmitResult,
  RenderedSubmission,
  CancelResult,
  TimeLimitChange,
  Membership,
  NodeAddress,
  SchedulerVersion,
} from './adapter/scheduler-adapter.js';

// Errors
export {
  HpckitError,
  ValidationError,
  NotFoundError,
  AlreadyExistsError,
  PermissionError,
  PolicyError,
  SchedulerUnavailableError,
  TransportError,
  ParseError,
  UnsupportedError,
  TimeoutError,
  InternalError,
  isHpckitError,
} from './errors/hpckit-error.js';
export type { HpckitErrorInit } from './errors/hpckit-error.js';
export { ERROR_CODES, POLICY_REASONS } from './errors/codes.js';
export type { ErrorCode, PolicyReason } from './errors/codes.js';
export { HTTP_STATUS, httpStatusOf } from './errors/http-status.js';
export { VIOLATION_CODES } from './errors/violation-codes.js';
export type { ViolationCode } from './errors/violation-codes.js';
export { errorsFor } from './errors/error-factory.js';
export type { BoundErrorInit, ErrorFactory } from './errors/error-factory.js';
export { formatError, formatViolation } from './errors/format.js';
export type { FormatErrorOptions } from './errors/format.js';
export {
  parseInput,
  ruleError,
  ruleIssue,
  ruleValidationIssue,
  validationSubject,
} from './errors/validation.js';
export type { RawIssue, RuleFacts, ValidationSubject } from './errors/validation.js';
export {
  defineIssueRules,
  registeredIssueRules,
  registeredSubjects,
} from './errors/messages/issue-rule-sets.js';
export type {
  ErrorText,
  IssueRuleSet,
  IssueRuleTables,
  IssueWording,
} from './errors/messages/issue-rule-sets.js';
export type { Locale } from './errors/locale.js';
export type {
  AlreadyExistsReason,
  InternalReason,
  NotFoundReason,
  ParseReason,
  PermissionReason,
  TimeoutReason,
  TransportReason,
  UnsupportedReason,
  ValidationReason,
} from './errors/reasons.js';
export type {
  AppSessionFacts,
  CommonDetails,
  ErrorDetailsByCode,
  JobAction,
  PolicyViolationDetail,
  SchedulerOutput,
  ValidationIssue,
  ValidationIssueFacts,
} from './errors/details.js';
