import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DurationSchema, formatDuration, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['90s', 90],
    ['30m', 1_800],
    ['30min', 1_800],
    ['2h', 7_200],
    ['1d', 86_400],
    ['1d12h', 129_600],
    ['1h 30m', 5_400],
    ['05:00', 300],
    ['1:30:00', 5_400],
    ['2-00:00:00', 172_800],
    ['3-12', 302_400],
    ['1-02:03', 93_780],
  ])('reads %s as %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['30', '', 'abc', '1:60', '1:2:3:4', '2 hours', '-5m', '1.5h'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('round-trips every whole number of seconds through formatDuration', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 86_400 }), (seconds) => {
        expect(parseDuration(formatDuration(seconds).replace(/ /g, '') || '0s')).toBe(seconds);
      }),
    );
  });

  it('round-trips Slurm D-HH:MM:SS text', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 365 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        (d, h, m, s) => {
          const pad = (n: number) => String(n).padStart(2, '0');
          expect(parseDuration(`${d}-${pad(h)}:${pad(m)}:${pad(s)}`)).toBe(
            d * 86_400 + h * 3_600 + m * 60 + s,
          );
        },
      ),
    );
  });
});

describe('DurationSchema', () => {
  it('accepts whole seconds and duration text', () => {
    expect(DurationSchema.parse(120)).toBe(120);
    expect(DurationSchema.parse('2m')).toBe(120);
  });

  it('explains how to write a duration', () => {
    const result = DurationSchema.safeParse('30');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      '"30" is not a duration: use a unit such as "90m", "2h", "1d12h", or Slurm\'s "D-HH:MM:SS"',
    );
  });
});
