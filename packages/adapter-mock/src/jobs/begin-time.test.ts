import { describe, expect, it } from 'vitest';
import { parseBeginTime } from './begin-time.js';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('begin time', () => {
  it('reads now and now+N with Slurm units (seconds by default)', () => {
    expect(parseBeginTime('now', NOW)).toBe(NOW);
    expect(parseBeginTime('now+90', NOW)).toBe(NOW + 90_000);
    expect(parseBeginTime('now+1hour', NOW)).toBe(NOW + 3_600_000);
    expect(parseBeginTime('now+2days', NOW)).toBe(NOW + 2 * 86_400_000);
    expect(parseBeginTime('NOW+5minutes', NOW)).toBe(NOW + 300_000);
  });

  it('reads dates and times of day in UTC', () => {
    expect(parseBeginTime('2026-01-02T08:30', NOW)).toBe(Date.UTC(2026, 0, 2, 8, 30));
    expect(parseBeginTime('2026-01-03', NOW)).toBe(Date.UTC(2026, 0, 3));
    expect(parseBeginTime('13:00', NOW)).toBe(Date.UTC(2026, 0, 1, 13));
    expect(parseBeginTime('11:00:00', NOW)).toBe(Date.UTC(2026, 0, 2, 11));
  });

  it('rejects anything else', () => {
    for (const bad of ['tomorrow-ish', 'now+5parsecs', '2026-02-30', '25:00', '2026-13-01', '']) {
      expect(parseBeginTime(bad, NOW), bad).toBeUndefined();
    }
  });
});
