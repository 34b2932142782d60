import { describe, expect, it } from 'vitest';
import { TimeLimitChangeSchema } from '../adapter/time-limit-change.js';
import { formatError } from '../errors/format.js';
import { ValidationError } from '../errors/hpckit-error.js';
import { parseInput } from '../errors/validation.js';
import { type JobSpecInput, JobSpecSchema } from '../model/job-spec.js';
import { TimeLimitSchema } from './duration.js';

function refusal(input: unknown): ValidationError {
  try {
    parseInput(JobSpecSchema, input, 'job spec');
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error('expected a ValidationError');
}

describe('a job time limit', () => {
  it('is never a bare number: the types refuse it', () => {
    // @ts-expect-error a bare number is seconds to some and minutes to sbatch
    const bare: JobSpecInput = { command: 'x', timeLimit: 90 };
    const written: JobSpecInput[] = [
      { command: 'x', timeLimit: '90m' },
      { command: 'x', timeLimit: { minutes: 90 } },
    ];
    expect([bare, ...written]).toHaveLength(3);
  });

  it('refuses a bare number at run time, saying how to write it in both languages', () => {
    const err = refusal({ command: 'x', timeLimit: 90 });
    expect(err.message).toBe(
      "[hpckit] Invalid job spec: at \"timeLimit\": 90 is a bare number, which Slurm reads as minutes and people often mean as seconds: write '90m', '90s', { minutes: 90 } or { seconds: 90 }.",
    );
    expect(formatError(err, { locale: 'zh-CN' })).toBe(
      "job spec无效：\"timeLimit\"：90 是不带单位的数字：Slurm 把它当作分钟，而人们常以为是秒。请写成 '90m'、'90s'、{ minutes: 90 } 或 { seconds: 90 }。",
    );
    expect(err.details.issues[0]?.facts).toMatchObject({ rule: 'bare_number_time_limit', value: '90' });
  });

  it('takes text with a unit, Slurm clock forms and objects of units, in seconds', () => {
    expect(TimeLimitSchema.parse('90m')).toBe(5400);
    expect(TimeLimitSchema.parse('1-00:00:00')).toBe(86_400);
    expect(TimeLimitSchema.parse({ minutes: 90 })).toBe(5400);
    expect(TimeLimitSchema.parse({ hours: 1, minutes: 30 })).toBe(5400);
    expect(TimeLimitSchema.parse({ hours: 1.5 })).toBe(5400);
    expect(TimeLimitSchema.parse({ days: 1, seconds: 1 })).toBe(86_401);
    expect(TimeLimitSchema.safeParse({}).success).toBe(false);
    expect(TimeLimitSchema.safeParse({ seconds: 0.5 }).success).toBe(false);
    expect(TimeLimitSchema.safeParse({ minutes: 1, weeks: 1 }).success).toBe(false);
    expect(TimeLimitSchema.safeParse({ days: 1e12 }).success).toBe(false);
  });

  it('parses a spec the SDK wrote from a script (--time in minutes) to the same seconds', () => {
    const spec = JobSpecSchema.parse({ script: '#!/bin/bash\n#SBATCH --time=90\nhostname\n' });
    expect(spec.timeLimit).toBe(5400);
  });

  it('changes by text or objects, never by a bare number', () => {
    expect(TimeLimitChangeSchema.parse({ set: '4h' })).toEqual({ set: 14_400 });
    expect(TimeLimitChangeSchema.parse({ delta: { minutes: -30 } })).toEqual({ delta: -1800 });
    expect(TimeLimitChangeSchema.parse({ delta: '+30m' })).toEqual({ delta: 1800 });
    const bare = TimeLimitChangeSchema.safeParse({ delta: 600 });
    expect(bare.error?.issues[0]?.message).toBe(
      "600 is a bare number, which Slurm reads as minutes and people often mean as seconds: write '+600m', '-600m', { minutes: 600 } or { minutes: -600 }",
    );
    expect(TimeLimitChangeSchema.safeParse({ set: 60 }).success).toBe(false);
  });
});
