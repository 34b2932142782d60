/**
 * The ledger of @hpckit/billing: accounts, members and spending limits, payments with bonuses,
 * charges and reversals, block states, the job-charge sync and the block-state reconciler.
 *
 * @packageDocumentation
 * @module @hpckit/billing/ledger
 */

// The ledger
export { createLedger, LedgerOptionsSchema } from './create-ledger.js';
export type { Ledger, LedgerOptions } from './create-ledger.js';
export type { LedgerView } from './ledger-view.js';
export { ActorSchema, PLATFORM_ROLES, SYSTEM_ACTOR } from './actor.js';
export type { Actor, ActorInput, LedgerRole, PlatformRole } from './actor.js';
export { ledgerAccess, LedgerAccessOptionsSchema } from './ledger-access.js';
export type { LedgerAccessOptions, PlatformRolesOf } from './ledger-access.js';
export type { LedgerEventName, LedgerEvents, JobChargeEvent, PaymentEvent } from './ledger-events.js';

// Operations
export type { LedgerAccountOperations } from './account-operations.js';
export type { LedgerMemberOperations } from './member-operations.js';
export type { LedgerPaymentOperations, PaymentResult, ReversalResult } from './payment-operations.js';
export type { ChargeResult, LedgerChargeOperations } from './charge-operations.js';
export { ChargeQuerySchema, PaymentQuerySchema } from './ledger-queries.js';
export type {
  AccountView,
  BalanceLine,
  ChargeQueryInput,
  EntryPageResult,
  LedgerQueryOperations,
  PaymentQueryInput,
} from './ledger-queries.js';
export { JobCostQuerySchema, JobCostRefSchema } from './job-history.js';
export type {
  JobCost,
  JobCostPage,
  JobCostQueryInput,
  JobCostRefInput,
  JobPricing,
  LedgerJobHistoryOperations,
  PendingStatus,
} from './job-history.js';
export { QuotedMaximumSchema } from './quote-check.js';
export type { LedgerQuoteOperations, QuoteBound, QuoteCheck } from './quote-check.js';
export {
  createSubmissionCheck,
  SubmissionCheckOptionsSchema,
  submissionProblems,
} from './submission-check.js';
export type { SubmissionCheck, SubmissionChecker, SubmissionCheckOptions } from './submission-check.js';
export {
  AddMemberSchema,
  CreateAccountSchema,
  LedgerTimeSchema,
  ManualChargeSchema,
  PaymentInputSchema,
  PositiveAmountSchema,
  ReversalSchema,
  SignedAmountSchema,
  SpendingLimitSchema,
  WhitelistSchema,
} from './ledger-inputs.js';
export type {
  AddMemberInput,
  CreateAccountInput,
  ManualChargeInput,
  PaymentInput,
  ReversalInput,
  SpendingLimitInput,
  WhitelistInput,
} from './ledger-inputs.js';

// Blocking and spending limits
export { accountBlockState, isWhitelisted, memberBlockState } from './block-state.js';
export type {
  AccountBlockReason,
  AccountBlockState,
  MemberBlockReason,
  MemberBlockState,
} from './block-state.js';
export { effectiveUsed, periodStartOf } from './limit-period.js';

// Job charges: charging ended jobs, and keeping the scheduler's blocks in step
export { createJobSync } from './sync/job-sync.js';
export type { ClusterSyncReport, JobSync, JobSyncOptions } from './sync/job-sync.js';
export { clientJobSource } from './sync/job-source.js';
export type { EndedJobSource } from './sync/job-source.js';
export { classifyJob, defaultSettledCheck } from './sync/classify-job.js';
export type { Classification, Pricer, SettledCheck } from './sync/classify-job.js';
export type { BatchStats } from './sync/charge-batch.js';
export { createReconciler } from './reconcile/reconciler.js';
export type { Reconciler, ReconcilerOptions } from './reconcile/reconciler.js';
export type { ReconcileReport } from './reconcile/report.js';

// Memberships on the clusters, and adopting an existing cluster
export type { LedgerSchedulerOptions, MembershipClient } from './membership/cluster-membership.js';
export { defaultOwner, importFromScheduler } from './import/import-cluster.js';
export type { ImportChange, ImportOptions, ImportReport, ImportSkip } from './import/import-cluster.js';

// Stores
export { createMemoryStore } from '../stores/memory/memory-store.js';
export { jobKeyString } from '../stores/ledger-store.js';
export type {
  ChargeFilter,
  EntryPage,
  LedgerStore,
  LedgerTx,
  OutboxEvent,
  PaymentFilter,
  SyncedJobCharges,
  SyncedJobFilter,
  SyncedJobPage,
  SyncedJobPosition,
  SyncedJobQuery,
} from '../stores/ledger-store.js';
export type {
  AccountRecord,
  AccountState,
  ChargeKind,
  ChargeRecord,
  LimitPeriod,
  MemberRecord,
  MemberRole,
  OutboxRecord,
  PaymentKind,
  SpendingLimit,
  SyncedJob,
  SyncedJobStatus,
  WhitelistRecord,
} from '../stores/records.js';
export { canonicalAmount, LEDGER_SCALE, MAX_LEDGER_AMOUNT } from '../stores/amount-codec.js';

// CSV and time zones
export { exportChargesCsv, exportPaymentsCsv } from '../csv/export-csv.js';
export {
  CHARGE_CSV_COLUMNS,
  chargesToCsv,
  PAYMENT_CSV_COLUMNS,
  parseChargesCsv,
  parsePaymentsCsv,
  paymentsToCsv,
} from '../csv/ledger-csv.js';
export type { ChargeCsvColumn, CsvOptions, PaymentCsvColumn } from '../csv/ledger-csv.js';
export { formatZoned } from '../time/zoned-time.js';

// Renamed: each old name is kept for one minor version.
/** @deprecated The actor-first operation groups: use the `Ledger…Operations` of `ledger.as(actor)`. */
export type {
  AccountOperations,
  ChargeOperations,
  LedgerQueries,
  MemberOperations,
  PaymentOperations,
} from './actor-first.js';
/** @deprecated Use `SyncedJobFilter`. */
export type { JobRecordFilter } from '../stores/ledger-store.js';
/** @deprecated Use `SyncedJob` and `SyncedJobStatus`, and core's `Payment` and `JobReference`. */
export type { JobKey, JobRecord, JobRecordStatus, PaymentRecord } from '../stores/records.js';
