import { describe, expect, it } from 'vitest';
import { billedSeconds } from './billed-seconds.js';

describe('billedSeconds', () => {
  it('is the elapsed time itself with 1-second granularity', () => {
    expect(billedSeconds(3177, { granularitySeconds: 1, granularityRounding: 'up' })).toBe(3177);
  });

  it.each([
    ['up', 0, 0],
    ['up', 1, 60],
    ['up', 60, 60],
    ['up', 61, 120],
    ['down', 119, 60],
    ['down', 59, 0],
    ['nearest', 89, 60],
    ['nearest', 90, 120],
  ] as const)('rounds %s: %i s → %i s with 60-second steps', (mode, seconds, expected) => {
    expect(billedSeconds(seconds, { granularitySeconds: 60, granularityRounding: mode })).toBe(expected);
  });
});
