import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slurmStartTime } from './slurm-time.js';

const NOW = Date.UTC(2026, 11, 2, 12);
const seconds = (text: string) => Number(/^now-(\d+)seconds$/.exec(text)?.[1]);

describe('slurmStartTime', () => {
  it('sends any start as an offset that stays after 2000-01-01 UTC and never after now', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        const offset = seconds(slurmStartTime(new Date(ms), NOW));
        expect(Number.isSafeInteger(offset)).toBe(true);
        expect(offset).toBeGreaterThanOrEqual(0);
        expect(NOW - offset * 1000).toBeGreaterThanOrEqual(Date.UTC(2000, 0, 1) - 1000);
        if (ms >= Date.UTC(2000, 0, 1) && ms <= NOW)
          expect(Math.abs(NOW - offset * 1000 - ms)).toBeLessThan(1000);
      }),
    );
  });

  it('sends the epoch as 2000-01-01, never as time 0', () => {
    expect(seconds(slurmStartTime(new Date(0), NOW))).toBe((NOW - Date.UTC(2000, 0, 1)) / 1000);
  });
});
