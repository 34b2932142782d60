import { formatSbatchTime } from '@hpckit/core/sbatch';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEpoch, parseExitCode, parseSlurmDuration, parseSlurmMemory } from './slurm-values.js';

describe('Slurm durations', () => {
  it('reads back every time limit hpckit writes (whole minutes)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 1440 }), (minutes) => {
        expect(parseSlurmDuration(formatSbatchTime(minutes * 60))).toBe(minutes * 60);
      }),
    );
  });

  it('rounds seconds up to the next minute, never down', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (seconds) => {
        const back = parseSlurmDuration(formatSbatchTime(seconds))!;
        expect(back).toBeGreaterThanOrEqual(seconds);
        expect(back - seconds).toBeLessThan(60);
      }),
    );
  });

  it('reads every form squeue and sacct print', () => {
    expect(parseSlurmDuration('5:00')).toBe(300);
    expect(parseSlurmDuration('0:06')).toBe(6);
    expect(parseSlurmDuration('01:00:00')).toBe(3600);
    expect(parseSlurmDuration('3-00:00:00')).toBe(3 * 86_400);
    expect(parseSlurmDuration('1-02')).toBe(86_400 + 7_200);
    expect(parseSlurmDuration('30')).toBe(1800);
    expect(parseSlurmDuration('UNLIMITED')).toBeUndefined();
    expect(parseSlurmDuration('Partition_Limit')).toBeUndefined();
    expect(parseSlurmDuration('N/A')).toBeUndefined();
  });
});

describe('other Slurm values', () => {
  it('reads memory sizes into MiB and rejects unsettled ones', () => {
    expect(parseSlurmMemory('1G')).toBe(1024);
    expect(parseSlurmMemory('100M')).toBe(100);
    expect(parseSlurmMemory('4000Mc')).toBe(4000);
    expect(parseSlurmMemory('500G')).toBe(512_000);
    expect(parseSlurmMemory('512000')).toBe(512_000);
    expect(parseSlurmMemory('16?')).toBeUndefined();
  });

  it('reads epoch times and exit codes', () => {
    expect(parseEpoch('1795928534')?.toISOString()).toBe('2026-11-29T05:02:14.000Z');
    expect(parseEpoch('N/A')).toBeUndefined();
    expect(parseEpoch('0')).toBeUndefined();
    expect(parseExitCode('3:0')).toEqual({ exitCode: 3, signal: undefined });
    expect(parseExitCode('0:9')).toEqual({ exitCode: 0, signal: 9 });
  });
});
