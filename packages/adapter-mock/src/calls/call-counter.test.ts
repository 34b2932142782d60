import { describe, expect, it } from 'vitest';
import { createCallCounter } from './call-counter.js';
import { MOCK_OPERATIONS } from './mock-operations.js';

describe('call counter', () => {
  it('counts per operation, snapshots copies and resets', () => {
    const counter = createCallCounter();
    counter.count('jobs.list');
    counter.count('jobs.list');
    counter.count('version');
    const snapshot = counter.snapshot();
    expect([snapshot['jobs.list'], snapshot.version, snapshot['jobs.get']]).toEqual([2, 1, 0]);
    expect(Object.keys(snapshot).sort()).toEqual([...MOCK_OPERATIONS].sort());
    counter.count('jobs.list');
    expect(snapshot['jobs.list']).toBe(2);
    counter.reset();
    expect(Object.values(counter.snapshot()).every((n) => n === 0)).toBe(true);
  });
});
