import { isHpckitError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { createFaults } from './fault-injector.js';

describe('faults', () => {
  it('fails the next n matching calls, then none', () => {
    const { control, state } = createFaults();
    control.unavailable(2, { operations: ['jobs.list'] });
    expect(state.takeUnavailable('jobs.get')).toBeUndefined();
    expect(state.takeUnavailable('jobs.list')).toEqual({ responseLost: false });
    expect(state.takeUnavailable('jobs.list')).toEqual({ responseLost: false });
    expect(state.takeUnavailable('jobs.list')).toBeUndefined();
  });

  it('applies rules in order and marks lost responses', () => {
    const { control, state } = createFaults();
    control.unavailable(1, { responseLost: true });
    control.unavailable(1);
    expect(state.takeUnavailable('jobs.submit')).toEqual({ responseLost: true });
    expect(state.takeUnavailable('version')).toEqual({ responseLost: false });
    expect(state.takeUnavailable('version')).toBeUndefined();
  });

  it('computes latency per operation and validates it', () => {
    const { control, state } = createFaults();
    control.latency((op) => (op === 'jobs.list' ? 25 : 0));
    expect([state.latencyFor('jobs.list'), state.latencyFor('jobs.get')]).toEqual([25, 0]);
    control.latency(() => -1);
    expect(() => state.latencyFor('jobs.get')).toThrow(/must not be negative/);
    expect(() => control.latency(Number.NaN)).toThrow();
  });

  it('sets the accounting faults and clears everything', () => {
    const { control, state } = createFaults();
    control.purgeBeforeAccounting(true);
    control.accountingDisabled(true);
    control.accountingDelay('30s');
    control.unavailable(5);
    control.latency(10);
    expect([
      state.purging,
      state.accountingOff,
      state.accountingDelayMs,
      state.latencyFor('version'),
    ]).toEqual([true, true, 30_000, 10]);
    control.clear();
    expect([
      state.purging,
      state.accountingOff,
      state.accountingDelayMs,
      state.latencyFor('version'),
    ]).toEqual([false, false, 0, 0]);
    expect(state.takeUnavailable('version')).toBeUndefined();
  });

  it('validates arguments with paths', () => {
    const { control } = createFaults();
    for (const bad of [
      () => control.unavailable(0),
      () => control.unavailable(1, { operations: ['jobs.nope' as never] }),
      () => control.accountingDelay('soon'),
    ]) {
      let error: unknown;
      try {
        bad();
      } catch (err) {
        error = err;
      }
      expect(isHpckitError(error, 'VALIDATION')).toBe(true);
    }
  });
});
