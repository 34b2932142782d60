import { EventEmitter } from 'eventemitter3';
import type { BonusCalculator } from '../bonus/bonus-calculator.js';
import type { LedgerStore, LedgerTx, OutboxEvent } from '../stores/ledger-store.js';
import type { AccountRecord, MemberRecord } from '../stores/records.js';
import { accountBlockState, memberBlockState } from './block-state.js';
import { type ChangesInFlight, changesInFlight } from './membership/changes-in-flight.js';
import type { ClusterMembership } from './membership/cluster-membership.js';
import type { LedgerEventName, LedgerEvents } from './ledger-events.js';

/** Collects the events of one transaction; they reach the outbox with its writes. */
export interface EventSink {
  emit<E extends LedgerEventName>(event: E, payload: LedgerEvents[E][0]): void;
  /** Emits `account:blocked`/`account:unblocked` if the block state changed between the two records. */
  accountChanged(before: AccountRecord | undefined, after: AccountRecord): void;
  /** Emits `member:blocked`/`member:unblocked` (and `member:limit-reached`) if the block state changed. */
  memberChanged(before: MemberRecord | undefined, after: MemberRecord): void;
}

/** What every ledger operation shares. */
export interface LedgerContext {
  store: LedgerStore;
  currency: string;
  timeZone: string;
  now(): Date;
  bonus?: BonusCalculator;
  /** The clusters that account and membership changes reach, when the ledger was given a client. */
  scheduler?: ClusterMembership;
  /** The membership changes under way in this process, which a reconciler run leaves alone. */
  inFlight: ChangesInFlight;
  emitter: EventEmitter<LedgerEvents>;
  /** Runs `fn` in a transaction, stores its events in the outbox, commits, then delivers them. */
  mutate<T>(fn: (tx: LedgerTx, events: EventSink) => Promise<T>): Promise<T>;
  /** Reads in a transaction (consistent snapshot, no events). */
  read<T>(fn: (tx: LedgerTx) => Promise<T>): Promise<T>;
  /** Delivers every event waiting in the outbox (from this process or another). */
  deliver(): Promise<number>;
}

/** What {@link createLedgerContext} needs. */
export interface LedgerContextInit {
  store: LedgerStore;
  currency: string;
  timeZone: string;
  now: () => Date;
  bonus?: BonusCalculator;
  scheduler?: ClusterMembership;
}

const OUTBOX_BATCH = 500;

/** Builds the shared context: transactions with an outbox, and delivery after commit. */
export function createLedgerContext(init: LedgerContextInit): LedgerContext {
  const emitter = new EventEmitter<LedgerEvents>();
  const { store, now, timeZone } = init;

  function sinkFor(queue: OutboxEvent[], at: Date): EventSink {
    const emit: EventSink['emit'] = (event, payload) =>
      queue.push({ type: event, payload: JSON.stringify(payload) });
    return {
      emit,
      accountChanged(before, after) {
        const was = before ? accountBlockState(before, at) : { blocked: false };
        const is = accountBlockState(after, at);
        if (was.blocked === is.blocked) return;
        if (is.blocked) emit('account:blocked', { account: after.name, reason: is.reason! });
        else emit('account:unblocked', { account: after.name });
      },
      memberChanged(before, after) {
        const was = before ? memberBlockState(before, at, timeZone) : { blocked: false };
        const is = memberBlockState(after, at, timeZone);
        if (was.blocked === is.blocked) return;
        const who = { account: after.account, user: after.user };
        if (!is.blocked) {
          emit('member:unblocked', who);
          return;
        }
        if (is.reason === 'limit_reached') {
          emit('member:limit-reached', { ...who, limit: after.limit!.amount, used: after.used });
        }
        emit('member:blocked', { ...who, reason: is.reason! });
      },
    };
  }

  async function deliver(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const batch = await store.transaction((tx) => tx.claimOutbox(OUTBOX_BATCH));
      for (const record of batch) {
        const payload = JSON.parse(record.payload);
        try {
          emitter.emit(record.type as LedgerEventName, payload as never);
        } catch (error) {
          // A failing listener must not undo a committed write nor starve the other listeners.
          if (record.type !== 'listener:error') emitter.emit('listener:error', { event: record.type, error });
        }
      }
      delivered += batch.length;
      if (batch.length < OUTBOX_BATCH) return delivered;
    }
  }

  return {
    store,
    currency: init.currency,
    timeZone,
    now,
    bonus: init.bonus,
    ...(init.scheduler ? { scheduler: init.scheduler } : {}),
    inFlight: changesInFlight(),
    emitter,
    async mutate(fn) {
      const queue: OutboxEvent[] = [];
      const result = await store.transaction(async (tx) => {
        queue.length = 0;
        const value = await fn(tx, sinkFor(queue, now()));
        if (queue.length > 0) await tx.appendOutbox(queue);
        return value;
      });
      if (queue.length > 0) await deliver();
      return result;
    },
    read: (fn) => store.transaction(fn),
    deliver,
  };
}
