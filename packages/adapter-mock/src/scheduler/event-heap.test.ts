import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEventHeap, type TimedEvent } from './event-heap.js';

interface Labelled extends TimedEvent {
  label: number;
}

describe('event heap', () => {
  it('pops by time, and in push order for equal times', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (times) => {
        const heap = createEventHeap<Labelled>();
        times.forEach((time, label) => {
          heap.push({ time, order: 0, label });
        });
        const popped: Labelled[] = [];
        while (heap.size > 0) popped.push(heap.pop()!);
        const expected = times
          .map((time, label) => ({ time, label }))
          .sort((a, b) => a.time - b.time || a.label - b.label);
        expect(popped.map((e) => [e.time, e.label])).toEqual(expected.map((e) => [e.time, e.label]));
      }),
    );
  });

  it('peeks without removing and pops undefined when empty', () => {
    const heap = createEventHeap<Labelled>();
    expect(heap.pop()).toBeUndefined();
    heap.push({ time: 3, order: 0, label: 1 });
    expect(heap.peek()?.label).toBe(1);
    expect(heap.size).toBe(1);
  });
});
