import { expect } from 'vitest';
import { jobKeyString } from '../../stores/ledger-store.js';
import type { SyncedJob } from '../../stores/records.js';
import { T0 } from '../fixtures.js';
import type { StoreTest } from '../store-target.js';

function record(id: string, overrides: Partial<SyncedJob> = {}): SyncedJob {
  return {
    cluster: 'c1',
    jobId: id,
    submitTime: T0,
    status: 'unpriced',
    user: 'alice',
    account: 'chem',
    endTime: new Date(T0.getTime() + 60_000),
    job: '{"id":"x"}',
    reason: 'no price item',
    attempts: 1,
    updatedAt: T0,
    ...overrides,
  };
}

/** Job records, sync cursors and the outbox. */
export const storeJobTests: StoreTest[] = [
  {
    title: 'job records: only new keys are inserted; a status moves by compare-and-set',
    async run({ store }) {
      const first = await store.transaction((tx) =>
        tx.insertJobRecords([record('1'), record('2', { status: 'charged', chargeId: 'c' })]),
      );
      expect([...first].sort()).toEqual([jobKeyString(record('1')), jobKeyString(record('2'))].sort());
      // Same id, new submit time: a different job (ids are reused after a scheduler reset).
      const again = await store.transaction((tx) =>
        tx.insertJobRecords([record('1'), record('1', { submitTime: new Date(T0.getTime() + 1) })]),
      );
      expect([...again]).toEqual([jobKeyString(record('1', { submitTime: new Date(T0.getTime() + 1) }))]);
      const moved = await store.transaction((tx) =>
        tx.updateJobRecord(record('1', { status: 'charged', chargeId: 'c1', attempts: 2 }), ['unpriced']),
      );
      expect(moved).toBe(true);
      const twice = await store.transaction((tx) =>
        tx.updateJobRecord(record('1', { status: 'charged' }), ['unpriced']),
      );
      expect(twice).toBe(false);
      const rows = await store.transaction((tx) => tx.getJobRecords('c1', ['1', '2', '3']));
      expect(rows).toHaveLength(3);
      const one = rows.find((r) => r.jobId === '1' && r.submitTime.getTime() === T0.getTime());
      expect(one).toMatchObject({ status: 'charged', chargeId: 'c1', attempts: 2 });
      const waiting = await store.transaction((tx) =>
        tx.listJobRecords({ statuses: ['unpriced'], cluster: 'c1' }),
      );
      expect(waiting.map((r) => r.submitTime.getTime())).toEqual([T0.getTime() + 1]);
      expect(waiting[0]).toEqual(record('1', { submitTime: new Date(T0.getTime() + 1) }));
    },
  },
  {
    title: 'cursors: per cluster, and never moving back',
    async run({ store }) {
      await store.transaction(async (tx) => {
        await tx.setCursor('c1', new Date(T0.getTime() + 10));
        await tx.setCursor('c2', T0);
      });
      await store.transaction((tx) => tx.setCursor('c1', T0));
      const [c1, c2, c3] = await store.transaction(async (tx) => [
        await tx.getCursor('c1'),
        await tx.getCursor('c2'),
        await tx.getCursor('c3'),
      ]);
      expect(c1?.getTime()).toBe(T0.getTime() + 10);
      expect(c2?.getTime()).toBe(T0.getTime());
      expect(c3).toBeUndefined();
    },
  },
  {
    title: 'outbox: events come out once, oldest first',
    async run({ store, openAnother }) {
      await store.transaction((tx) =>
        tx.appendOutbox([1, 2, 3].map((n) => ({ type: `e${n}`, payload: `{"n":${n}}` }))),
      );
      const other = await openAnother();
      const [a, b] = await Promise.all([
        store.transaction((tx) => tx.claimOutbox(2)),
        other.transaction((tx) => tx.claimOutbox(2)),
      ]);
      const seen = [...a, ...b].map((e) => e.type).sort();
      expect(seen).toEqual(['e1', 'e2', 'e3']);
      expect(a.map((e) => e.seq)).toEqual([...a.map((e) => e.seq)].sort((x, y) => x - y));
      expect(await store.transaction((tx) => tx.claimOutbox(10))).toEqual([]);
      if (other !== store) await other.close();
    },
  },
];
