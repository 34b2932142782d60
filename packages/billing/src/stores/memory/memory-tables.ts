import type { Payment } from '@hpckit/core';
import type { AccountRecord, ChargeRecord, SyncedJob, MemberRecord, OutboxRecord } from '../records.js';

/** The in-memory tables of a memory store, with the indexes that make its unique keys. */
export interface MemoryTables {
  accounts: Map<string, AccountRecord>;
  members: Map<string, MemberRecord>;
  payments: Map<string, { seq: number; record: Payment }>;
  /** Reversal id by the id of the entry it reverses. */
  paymentReversals: Map<string, string>;
  charges: Map<string, { seq: number; record: ChargeRecord }>;
  chargeReversals: Map<string, string>;
  /** Charge id by job key. */
  jobCharges: Map<string, string>;
  jobRecords: Map<string, SyncedJob>;
  cursors: Map<string, Date>;
  outbox: { record: OutboxRecord; claimed: boolean }[];
  seq: number;
}

/** Empty tables. */
export function createMemoryTables(): MemoryTables {
  return {
    accounts: new Map(),
    members: new Map(),
    payments: new Map(),
    paymentReversals: new Map(),
    charges: new Map(),
    chargeReversals: new Map(),
    jobCharges: new Map(),
    jobRecords: new Map(),
    cursors: new Map(),
    outbox: [],
    seq: 0,
  };
}

/** The key of a membership in {@link MemoryTables.members}. */
export function memberKey(account: string, user: string): string {
  return `${account}\u0000${user}`;
}

/**
 * Sets `key` in `map` and returns how to undo it, so a failed transaction can put every table
 * back as it was.
 */
export function setWithUndo<K, V>(map: Map<K, V>, key: K, value: V): () => void {
  const had = map.has(key);
  const before = map.get(key);
  map.set(key, value);
  return () => {
    if (had) map.set(key, before as V);
    else map.delete(key);
  };
}

/** Deletes `key` from `map` and returns how to undo it. */
export function deleteWithUndo<K, V>(map: Map<K, V>, key: K): () => void {
  if (!map.has(key)) return () => {};
  const before = map.get(key) as V;
  map.delete(key);
  return () => map.set(key, before);
}
