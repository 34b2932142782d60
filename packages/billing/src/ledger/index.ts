/**
 * The ledger of @hpckit/billing: accounts, members and spending limits, payments with bonuses,
 * charges and reversals, block states, the job-charge sync and the block-state reconciler.
 *
 * @packageDocumentation
 * @module @hpckit/billing/ledger
 */
export type { LedgerAccountOperations } from './account-operations.js';
export type {
  AccountOperations,
  ChargeOperations,
  LedgerQueries,
  MemberOperations,
  PaymentOperations,
} from './actor-first.js';
export { ActorSchema, PLATFORM_ROLES, SYSTEM_ACTOR } from './actor.js';
export type { Actor, ActorInput, LedgerRole, PlatformRole } from './actor.js';
export { accountBlockState, isWhitelisted, memberBlockState } from './block-state.js';
export type {
  AccountBlockReason,
  AccountBlockState,
  MemberBlockReason,
  MemberBlockState,
} from './block-state.js';
export type { ChargeResult, LedgerChargeOperations } from './charge-operations.js';
export { createLedger, LedgerOptionsSchema } from './create-ledger.js';
export type { Ledger, LedgerOptions } from './create-ledger.js';
export type { LedgerView } from './ledger-view.js';
export type { LedgerEventName, LedgerEvents, JobChargeEvent, PaymentEvent } from './ledger-events.js';
export { ledgerAccess, LedgerAccessOptionsSchema } from './ledger-access.js';
export type { LedgerAccessOptions, PlatformRolesOf } from './ledger-access.js';
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
export { ChargeQuerySchema, PaymentQuerySchema } from './ledger-queries.js';
export type {
  AccountView,
  BalanceLine,
  ChargeQueryInput,
  EntryPageResult,
  LedgerQueryOperations,
  PaymentQueryInput,
} from './ledger-queries.js';
export { effectiveUsed, periodStartOf } from './limit-period.js';
export type { LedgerMemberOperations } from './member-operations.js';
export type { LedgerPaymentOperations, PaymentResult, ReversalResult } from './payment-operations.js';
export { createReconciler } from './reconcile/reconciler.js';
export type { ReconcileReport, Reconciler, ReconcilerOptions } from './reconcile/reconciler.js';
export type { BatchStats } from './sync/charge-batch.js';
export { classifyJob, defaultSettledCheck } from './sync/classify-job.js';
export type { Classification, Pricer, SettledCheck } from './sync/classify-job.js';
export { clientJobSource } from './sync/job-source.js';
export type { EndedJobSource } from './sync/job-source.js';
export { createJobSync } from './sync/job-sync.js';
export type { ClusterSyncReport, JobSync, JobSyncOptions } from './sync/job-sync.js';
export { formatZoned } from '../time/zoned-time.js';
export { createMemoryStore } from '../stores/memory/memory-store.js';
export { canonicalAmount, LEDGER_SCALE, MAX_LEDGER_AMOUNT } from '../stores/amount-codec.js';
export { jobKeyString } from '../stores/ledger-store.js';
export type {
  ChargeFilter,
  EntryPage,
  JobRecordFilter,
  LedgerStore,
  LedgerTx,
  OutboxEvent,
  PaymentFilter,
  SyncedJobFilter,
} from '../stores/ledger-store.js';
export type {
  AccountRecord,
  AccountState,
  ChargeKind,
  ChargeRecord,
  JobKey,
  JobRecord,
  JobRecordStatus,
  LimitPeriod,
  MemberRecord,
  MemberRole,
  OutboxRecord,
  PaymentKind,
  PaymentRecord,
  SpendingLimit,
  SyncedJob,
  SyncedJobStatus,
  WhitelistRecord,
} from '../stores/records.js';
export {
  chargesToCsv,
  paymentsToCsv,
  parseChargesCsv,
  parsePaymentsCsv,
  exportChargesCsv,
  exportPaymentsCsv,
} from '../csv/index.js';
export type { CsvOptions } from '../csv/index.js';
