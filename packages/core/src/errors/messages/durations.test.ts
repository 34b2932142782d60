import { describe, expect, it } from 'vitest';
import { formatError, formatViolation } from '../format.js';
import { PolicyError } from '../hpckit-error.js';

const inBoth = (err: unknown) => [
  formatError(err, { hint: false }),
  formatError(err, { locale: 'zh-CN', hint: false }),
];

describe('durations in messages', () => {
  it('prints a time limit in seconds in its largest whole unit, in the units of each language', () => {
    const err = new PolicyError({
      details: {
        reason: 'time_limit_exceeds_qos',
        subject: 'normal',
        limit: 345_600,
        requested: 360_000,
        unit: 's',
      },
    });
    expect(inBoth(err)).toEqual([
      'The time limit of 100 h exceeds the maximum of 4 d of QoS "normal". Lower the time limit or use a QoS with a longer maximum.',
      '运行时间上限 100小时 超过了 QoS“normal”允许的最大值 4天。请降低运行时间上限，或选择最大运行时间更长的 QoS。',
    ]);
  });

  it('keeps seconds that make no whole minute, and a limit that is not a number', () => {
    const err = new PolicyError({
      details: {
        reason: 'time_limit_exceeds_partition',
        subject: 'cpu',
        limit: 'UNLIMITED',
        requested: 5_401,
        unit: 's',
      },
    });
    expect(inBoth(err)).toEqual([
      'The time limit of 5401 s exceeds the maximum of UNLIMITED of partition "cpu". Lower the time limit.',
      '运行时间上限 5401秒 超过了分区“cpu”允许的最大值 UNLIMITED。请降低运行时间上限。',
    ]);
  });

  it('words a violated wall time with the same formatter, in the units of each language', () => {
    const violation = {
      code: 'partition_wall_time',
      partition: 'cpu',
      limit: 5_400,
      requested: 7_200,
      unit: 's',
    };
    expect([formatViolation(violation), formatViolation(violation, { locale: 'zh-CN' })]).toEqual([
      'The time limit of 2 h exceeds the maximum of 90 min of partition "cpu". Lower the time limit.',
      '运行时间上限 2小时 超过了分区“cpu”允许的最大值 90分钟。请缩短运行时间上限。',
    ]);
  });
});
