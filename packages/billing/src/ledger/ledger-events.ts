import type { AccountBlockReason, MemberBlockReason } from './block-state.js';

/** A payment or bonus as events carry it: times as ISO strings, amounts as decimal strings. */
export interface PaymentEvent {
  id: string;
  account: string;
  kind: string;
  type: string;
  amount: string;
  currency: string;
  linkedTo?: string;
  time: string;
  operator: string;
}

/** One job charge inside a `jobs:charged` event. */
export interface JobChargeEvent {
  chargeId: string;
  cluster: string;
  jobId: string;
  submitTime: string;
  account: string;
  user: string;
  amount: string;
}

/**
 * Events of a ledger, emitted only after the transaction that caused them committed (they go
 * through an outbox table in the same transaction). Payloads are plain JSON.
 */
export interface LedgerEvents {
  'account:created': [{ account: string; owner: string; type: string }];
  'account:blocked': [{ account: string; reason: AccountBlockReason }];
  'account:unblocked': [{ account: string }];
  'member:added': [{ account: string; user: string; role: string }];
  'member:removed': [{ account: string; user: string }];
  'member:blocked': [{ account: string; user: string; reason: MemberBlockReason }];
  'member:unblocked': [{ account: string; user: string }];
  'member:limit-reached': [{ account: string; user: string; limit: string; used: string }];
  'payment:received': [PaymentEvent];
  'bonus:granted': [PaymentEvent];
  'charge:created': [
    { id: string; account: string; user?: string; type: string; amount: string; time: string },
  ];
  'entry:reversed': [
    { id: string; reverses: string; account: string; amount: string; entry: 'payment' | 'charge' },
  ];
  /** One per synced batch: every job charged in it. */
  'jobs:charged': [{ cluster: string; charges: JobChargeEvent[] }];
  /** Jobs kept for a retry (no price item yet, unknown account, accounting not settled). */
  'jobs:waiting': [{ cluster: string; jobs: { jobId: string; status: string; reason: string }[] }];
  /** A listener threw; the event was still delivered to the others. */
  'listener:error': [{ event: string; error: unknown }];
}

/** Name of a ledger event. */
export type LedgerEventName = keyof LedgerEvents;
