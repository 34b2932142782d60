import { describe, expect, it } from 'vitest';
import { nextPollInterval, PollingOptionsSchema } from './backoff.js';

const options = PollingOptionsSchema.parse({
  minIntervalMs: 1_000,
  maxIntervalMs: 30_000,
  jitter: 0,
  latencyFactor: 10,
});
const half = () => 0.5;

describe('nextPollInterval', () => {
  it('grows by the backoff factor while nothing changes, up to the maximum', () => {
    let interval = 1_000;
    const seen: number[] = [];
    for (let i = 0; i < 12; i++) {
      interval = nextPollInterval(
        options,
        { previousMs: interval, activity: false, failed: false, latencyMs: 10 },
        half,
      );
      seen.push(interval);
    }
    expect(seen.slice(0, 3)).toEqual([1_500, 2_250, 3_375]);
    expect(seen.at(-1)).toBe(30_000);
    expect(seen.every((v, i) => i === 0 || v >= seen[i - 1]!)).toBe(true);
  });

  it('returns to the minimum after activity', () => {
    expect(
      nextPollInterval(options, { previousMs: 20_000, activity: true, failed: false, latencyMs: 10 }, half),
    ).toBe(1_000);
  });

  it('doubles after a failure', () => {
    expect(
      nextPollInterval(options, { previousMs: 4_000, activity: false, failed: true, latencyMs: 10 }, half),
    ).toBe(8_000);
  });

  it('asks a slow scheduler less often, even beyond the maximum', () => {
    expect(
      nextPollInterval(options, { previousMs: 1_000, activity: true, failed: false, latencyMs: 800 }, half),
    ).toBe(8_000);
    expect(
      nextPollInterval(
        options,
        { previousMs: 30_000, activity: false, failed: false, latencyMs: 5_000 },
        half,
      ),
    ).toBe(50_000);
  });

  it('spreads intervals by the jitter fraction', () => {
    const jittered = PollingOptionsSchema.parse({ minIntervalMs: 1_000, jitter: 0.1 });
    const last = { previousMs: 1_000, activity: true, failed: false, latencyMs: 0 };
    expect(nextPollInterval(jittered, last, () => 0)).toBe(900);
    expect(nextPollInterval(jittered, last, () => 1)).toBe(1_100);
  });
});
