/**
 * Names the ledger renamed keep their old meaning for one minor version, as deprecated aliases:
 * the actor-first operation groups, `JobRecord` (now `SyncedJob`), and the records that became
 * core's `Payment` and `JobReference`. Checked by tsc, which compiles this file.
 */
import type { JobReference, Payment } from '@hpckit/core';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  AccountOperations,
  AccountRecord,
  AccountView,
  ActorInput,
  ChargeOperations,
  ChargeResult,
  CreateAccountInput,
  JobKey,
  JobRecord,
  JobRecordFilter,
  JobRecordStatus,
  Ledger,
  LedgerAccountOperations,
  LedgerChargeOperations,
  LedgerMemberOperations,
  LedgerPaymentOperations,
  LedgerQueries,
  LedgerQueryOperations,
  LedgerView,
  ManualChargeInput,
  MemberOperations,
  MemberRecord,
  PaymentOperations,
  PaymentRecord,
  PaymentResult,
  SpendingLimitInput,
  SyncedJob,
  SyncedJobFilter,
  SyncedJobStatus,
} from './index.js';

describe('deprecated names of @hpckit/billing/ledger', () => {
  it('the actor-first operation groups keep their signatures: the actor, then what as(actor) takes', () => {
    expectTypeOf<AccountOperations['createAccount']>().toEqualTypeOf<
      (actor: ActorInput, input: CreateAccountInput) => Promise<AccountRecord>
    >();
    expectTypeOf<MemberOperations['setSpendingLimit']>().toEqualTypeOf<
      (actor: ActorInput, account: string, user: string, input: SpendingLimitInput) => Promise<MemberRecord>
    >();
    expectTypeOf<PaymentOperations['recordPayment']>().parameter(0).toEqualTypeOf<ActorInput>();
    expectTypeOf<ChargeOperations['chargeManually']>().toEqualTypeOf<
      (actor: ActorInput, account: string, input: ManualChargeInput) => Promise<ChargeResult>
    >();
    expectTypeOf<LedgerQueries['getAccount']>().toEqualTypeOf<
      (actor: ActorInput, account: string) => Promise<AccountView>
    >();
    expectTypeOf<keyof AccountOperations>().toEqualTypeOf<keyof LedgerAccountOperations>();
    expectTypeOf<keyof MemberOperations>().toEqualTypeOf<keyof LedgerMemberOperations>();
    expectTypeOf<keyof PaymentOperations>().toEqualTypeOf<keyof LedgerPaymentOperations>();
    expectTypeOf<keyof ChargeOperations>().toEqualTypeOf<keyof LedgerChargeOperations>();
    expectTypeOf<keyof LedgerQueries>().toEqualTypeOf<keyof LedgerQueryOperations>();
  });

  it('a Ledger still has every actor-first operation, and as(actor) the same without the actor', () => {
    expectTypeOf<Ledger>().toExtend<
      AccountOperations & MemberOperations & PaymentOperations & ChargeOperations & LedgerQueries
    >();
    expectTypeOf<LedgerView['recordPayment']>().toEqualTypeOf<
      (account: string, input: Parameters<PaymentOperations['recordPayment']>[2]) => Promise<PaymentResult>
    >();
    expectTypeOf<Ledger['as']>().returns.toEqualTypeOf<LedgerView>();
  });

  it('the renamed records are the same types under their old names', () => {
    expectTypeOf<JobRecord>().toEqualTypeOf<SyncedJob>();
    expectTypeOf<JobRecordStatus>().toEqualTypeOf<SyncedJobStatus>();
    expectTypeOf<JobRecordFilter>().toEqualTypeOf<SyncedJobFilter>();
    expectTypeOf<PaymentRecord>().toEqualTypeOf<Payment>();
    expectTypeOf<JobKey>().toEqualTypeOf<JobReference>();
    expectTypeOf<SyncedJob>().toExtend<JobReference>();
  });
});
