import { jobKeyString, type LedgerStore, type LedgerTx } from '../ledger-store.js';
import {
  checkAccountAmounts,
  checkChargeAmounts,
  checkMemberAmounts,
  checkPaymentAmount,
} from '../record-amounts.js';
import { createSerialQueue } from '../serial-queue.js';
import { duplicate } from '../store-errors.js';
import { queryMemoryCharges, queryMemoryPayments, queryMemorySyncedJobs } from './memory-queries.js';
import {
  createMemoryTables,
  deleteWithUndo,
  type MemoryTables,
  memberKey,
  setWithUndo,
} from './memory-tables.js';

const copy = <T>(value: T): T => structuredClone(value);

/**
 * A ledger store in process memory: for tests, demos and short-lived tools. Transactions run one
 * at a time and are rolled back by an undo log, so a failed transaction leaves no trace, exactly
 * as on SQLite and PostgreSQL. Everything is lost when the process ends.
 *
 * @example
 * ```ts
 * const ledger = createLedger({ store: createMemoryStore(), currency: 'CNY' });
 * ```
 */
export function createMemoryStore(): LedgerStore {
  const t = createMemoryTables();
  const serial = createSerialQueue();
  let closed = false;
  return {
    kind: 'memory',
    transaction(fn) {
      return serial(async () => {
        if (closed) throw new Error('[hpckit] The memory store is closed.');
        const undo: (() => void)[] = [];
        try {
          return await fn(memoryTx(t, undo));
        } catch (err) {
          for (const step of undo.reverse()) step();
          throw err;
        }
      });
    },
    async close() {
      closed = true;
    },
  };
}

function memoryTx(t: MemoryTables, undo: (() => void)[]): LedgerTx {
  const nextSeq = () => {
    const before = t.seq;
    undo.push(() => {
      t.seq = before;
    });
    return ++t.seq;
  };
  return {
    async getAccount(name) {
      return copy(t.accounts.get(name));
    },
    async listAccounts(names) {
      const all = names ? names.flatMap((n) => t.accounts.get(n) ?? []) : [...t.accounts.values()];
      return copy(all.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
    },
    async insertAccount(account) {
      checkAccountAmounts(account);
      if (t.accounts.has(account.name)) throw duplicate('account', account.name);
      undo.push(setWithUndo(t.accounts, account.name, copy(account)));
    },
    async updateAccount(account) {
      checkAccountAmounts(account);
      undo.push(setWithUndo(t.accounts, account.name, copy(account)));
    },
    async getMember(account, user) {
      return copy(t.members.get(memberKey(account, user)));
    },
    async listMembers(filter) {
      const out = [...t.members.values()].filter(
        (m) =>
          (filter.account === undefined || m.account === filter.account) &&
          (filter.user === undefined || m.user === filter.user),
      );
      out.sort((a, b) => memberKey(a.account, a.user).localeCompare(memberKey(b.account, b.user)));
      return copy(out);
    },
    async insertMember(member) {
      checkMemberAmounts(member);
      const key = memberKey(member.account, member.user);
      if (t.members.has(key)) throw duplicate('member', `${member.user} in ${member.account}`);
      undo.push(setWithUndo(t.members, key, copy(member)));
    },
    async updateMember(member) {
      checkMemberAmounts(member);
      undo.push(setWithUndo(t.members, memberKey(member.account, member.user), copy(member)));
    },
    async deleteMember(account, user) {
      undo.push(deleteWithUndo(t.members, memberKey(account, user)));
    },
    async insertPayment(payment) {
      checkPaymentAmount(payment);
      if (t.payments.has(payment.id)) throw duplicate('payment', payment.id);
      if (payment.kind === 'reversal' && payment.linkedTo !== undefined) {
        if (t.paymentReversals.has(payment.linkedTo))
          throw duplicate('reversal of payment', payment.linkedTo);
        undo.push(setWithUndo(t.paymentReversals, payment.linkedTo, payment.id));
      }
      undo.push(setWithUndo(t.payments, payment.id, { seq: nextSeq(), record: copy(payment) }));
    },
    async getPayment(id) {
      return copy(t.payments.get(id)?.record);
    },
    async paymentReversalOf(id) {
      const reversal = t.paymentReversals.get(id);
      return reversal === undefined ? undefined : copy(t.payments.get(reversal)?.record);
    },
    async queryPayments(filter) {
      return queryMemoryPayments(t.payments.values(), filter);
    },
    async insertCharges(charges) {
      checkChargeAmounts(charges);
      for (const charge of charges) {
        if (t.charges.has(charge.id)) throw duplicate('charge', charge.id);
        if (charge.kind === 'job' && charge.job) {
          const key = jobKeyString(charge.job);
          if (t.jobCharges.has(key))
            throw duplicate('job charge', `${charge.job.cluster}/${charge.job.jobId}`);
          undo.push(setWithUndo(t.jobCharges, key, charge.id));
        }
        if (charge.kind === 'reversal' && charge.reverses !== undefined) {
          if (t.chargeReversals.has(charge.reverses)) throw duplicate('reversal of charge', charge.reverses);
          undo.push(setWithUndo(t.chargeReversals, charge.reverses, charge.id));
        }
        undo.push(setWithUndo(t.charges, charge.id, { seq: nextSeq(), record: copy(charge) }));
      }
    },
    async getCharge(id) {
      return copy(t.charges.get(id)?.record);
    },
    async chargeReversalOf(id) {
      const reversal = t.chargeReversals.get(id);
      return reversal === undefined ? undefined : copy(t.charges.get(reversal)?.record);
    },
    async queryCharges(filter) {
      return queryMemoryCharges(t.charges.values(), filter, (id) => t.charges.get(id)?.record);
    },
    async getJobRecords(cluster, jobIds) {
      const ids = new Set(jobIds);
      return copy([...t.jobRecords.values()].filter((r) => r.cluster === cluster && ids.has(r.jobId)));
    },
    async insertJobRecords(records) {
      const inserted = new Set<string>();
      for (const record of records) {
        const key = jobKeyString(record);
        if (t.jobRecords.has(key)) continue;
        undo.push(setWithUndo(t.jobRecords, key, copy(record)));
        inserted.add(key);
      }
      return inserted;
    },
    async updateJobRecord(record, expected) {
      const key = jobKeyString(record);
      const current = t.jobRecords.get(key);
      if (!current || !expected.includes(current.status)) return false;
      undo.push(setWithUndo(t.jobRecords, key, copy(record)));
      return true;
    },
    async listJobRecords(filter) {
      const out = [...t.jobRecords.values()].filter(
        (r) =>
          filter.statuses.includes(r.status) &&
          (filter.cluster === undefined || r.cluster === filter.cluster),
      );
      return copy(out.slice(0, filter.limit ?? 1000));
    },
    async querySyncedJobs(query) {
      return queryMemorySyncedJobs(t, query);
    },
    async getCursor(cluster) {
      return copy(t.cursors.get(cluster));
    },
    async setCursor(cluster, at) {
      const current = t.cursors.get(cluster);
      // The cursor never moves back, as on SQLite and PostgreSQL.
      if (current && current.getTime() >= at.getTime()) return;
      undo.push(setWithUndo(t.cursors, cluster, new Date(at)));
    },
    async appendOutbox(events) {
      for (const e of events) {
        const entry = {
          record: { seq: nextSeq(), type: e.type, payload: e.payload, time: new Date() },
          claimed: false,
        };
        t.outbox.push(entry);
        undo.push(() => {
          t.outbox.splice(t.outbox.indexOf(entry), 1);
        });
      }
    },
    async claimOutbox(limit) {
      const taken = t.outbox.filter((e) => !e.claimed).slice(0, limit);
      for (const e of taken) {
        e.claimed = true;
        undo.push(() => {
          e.claimed = false;
        });
      }
      // Delivered events are not needed again; keep the array from growing without bound.
      const done = t.outbox.filter((e) => e.claimed);
      if (done.length > 10_000) {
        const kept = t.outbox.filter((e) => !e.claimed);
        const before = t.outbox.splice(0, t.outbox.length, ...kept);
        undo.push(() => {
          t.outbox.splice(0, t.outbox.length, ...before);
        });
      }
      return copy(taken.map((e) => e.record));
    },
  };
}
