import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRunQueue, type QueueEntry } from './run-queue.js';

interface Item {
  priority: number;
  seq: number;
}

const order = (queue: ReturnType<typeof createRunQueue<Item>>) => {
  const out: number[] = [];
  queue.scan((job) => {
    out.push(job.seq);
    return true;
  });
  return out;
};

describe('run queue', () => {
  it('scans by priority, then submission order', () => {
    const q = createRunQueue<Item>();
    for (const [priority, seq] of [
      [25, 1],
      [50, 3],
      [25, 0],
      [50, 2],
      [0, 4],
    ] as const)
      q.add({ priority, seq });
    expect(order(q)).toEqual([2, 3, 0, 1, 4]);
  });

  it('merges late arrivals back at their place and skips removed entries', () => {
    const q = createRunQueue<Item>();
    const entries = [0, 1, 2, 3].map((seq) => q.add({ priority: 0, seq }));
    order(q);
    q.remove(entries[1]!);
    q.add({ priority: 0, seq: 1 }); // released again: back between 0 and 2
    q.remove(entries[3]!);
    expect(order(q)).toEqual([0, 1, 2]);
    expect(q.size).toBe(3);
  });

  it('lets the visitor remove entries and stop early', () => {
    const q = createRunQueue<Item>();
    for (let seq = 0; seq < 5; seq++) q.add({ priority: 0, seq });
    const seen: number[] = [];
    q.scan((job, entry) => {
      seen.push(job.seq);
      if (job.seq % 2 === 0) q.remove(entry);
      return job.seq < 3;
    });
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(order(q)).toEqual([1, 3, 4]);
  });

  it('compacts many removed entries without losing order', () => {
    const q = createRunQueue<Item>();
    const entries = Array.from({ length: 5000 }, (_, seq) => q.add({ priority: seq % 2, seq }));
    order(q);
    entries.forEach((entry, i) => {
      if (i % 5 !== 0) q.remove(entry);
    });
    const expected = entries.filter((_, i) => i % 5 === 0).map((e) => e.job);
    expected.sort((a, b) => b.priority - a.priority || a.seq - b.seq);
    expect(order(q)).toEqual(expected.map((j) => j.seq));
  });

  it('matches a sorted model under random adds and removes, with compaction', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ add: fc.constantFrom(0, 1, 2) }),
            fc.record({ remove: fc.nat() }),
            fc.constant('scan' as const),
          ),
          {
            maxLength: 3000,
          },
        ),
        (ops) => {
          const q = createRunQueue<Item>();
          const live: QueueEntry<Item>[] = [];
          let seq = 0;
          for (const op of ops) {
            if (op === 'scan') order(q);
            else if ('add' in op) live.push(q.add({ priority: op.add, seq: seq++ }));
            else if (live.length > 0) q.remove(live.splice(op.remove % live.length, 1)[0]!);
          }
          const expected = live.map((e) => e.job).sort((a, b) => b.priority - a.priority || a.seq - b.seq);
          expect(order(q)).toEqual(expected.map((j) => j.seq));
          expect(q.size).toBe(live.length);
        },
      ),
      { numRuns: 60 },
    );
  });
});
