import { describe, expect, it } from 'vitest';
import { formatError } from './format.js';
import { HpckitError, isHpckitError, NotFoundError, PolicyError, ValidationError } from './hpckit-error.js';

function qosViolation() {
  return new PolicyError({
    details: {
      reason: 'time_limit_exceeds_qos',
      nativeReason: 'QOSMaxWallDurationPerJobLimit',
      subject: 'normal',
      limit: '48 h',
      requested: '72 h',
      stderr: 'sbatch: error: QOSMaxWallDurationPerJobLimit',
    },
    adapter: 'slurm',
  });
}

describe('HpckitError', () => {
  it('says what failed, why and how to fix it, with the library and adapter prefix', () => {
    expect(qosViolation().message).toBe(
      '[hpckit] [slurm] The time limit of 72 h exceeds the maximum of 48 h of QoS "normal". Lower the time limit or use a QoS with a longer maximum.',
    );
    expect(new NotFoundError({ details: { kind: 'job', id: '42' } }).message).toBe(
      '[hpckit] Job "42" was not found. Check the job name or id, and that it belongs to this cluster.',
    );
  });

  it('lists validation issues with their paths', () => {
    const err = new ValidationError({
      details: {
        subject: 'job spec',
        issues: [
          { path: ['memory', 'perNode'], message: 'needs a unit', code: 'custom' },
          { path: [], message: 'give a command', code: 'custom' },
        ],
      },
    });
    expect(err.message).toBe('[hpckit] Invalid job spec: at "memory.perNode": needs a unit; give a command.');
  });

  it('keeps the scheduler stderr and marks only transient failures retryable', () => {
    const err = qosViolation();
    expect(err.details.stderr).toBe('sbatch: error: QOSMaxWallDurationPerJobLimit');
    expect(err.retryable).toBe(false);
    expect(new HpckitError('SCHEDULER_UNAVAILABLE', { details: {} }).retryable).toBe(true);
  });

  it('is recognised by its brand, also across copies of the library', () => {
    const err = qosViolation();
    expect(isHpckitError(err)).toBe(true);
    expect(isHpckitError(err, 'POLICY_VIOLATION')).toBe(true);
    expect(isHpckitError(err, 'NOT_FOUND')).toBe(false);
    const foreignCopy = Object.assign(new Error('x'), {
      code: 'NOT_FOUND',
      [Symbol.for('hpckit.error')]: true,
    });
    expect(isHpckitError(foreignCopy, 'NOT_FOUND')).toBe(true);
    expect(isHpckitError(new Error('plain'))).toBe(false);
    expect(isHpckitError({ code: 'NOT_FOUND' })).toBe(false);
  });

  it('starts its stack at the caller, not inside the error plumbing', () => {
    function callerFrame() {
      return new NotFoundError({ details: { kind: 'job', id: '1' } });
    }
    const firstFrame = callerFrame().stack?.split('\n')[1] ?? '';
    expect(firstFrame).toContain('callerFrame');
  });
});

describe('formatError', () => {
  it('renders a policy violation in Simplified Chinese with the numbers and the way out', () => {
    expect(formatError(qosViolation(), { locale: 'zh-CN' })).toBe(
      '运行时间上限 72 h 超过了 QoS“normal”允许的最大值 48 h。请降低运行时间上限，或选择最大运行时间更长的 QoS。',
    );
  });

  it('renders English without the prefix, and plain errors as their message', () => {
    expect(formatError(new NotFoundError({ details: { kind: 'job', id: '7' } }), { hint: false })).toBe(
      'Job "7" was not found.',
    );
    expect(formatError(new Error('boom'))).toBe('boom');
  });

  it('keeps wording an adapter supplied itself', () => {
    const err = new NotFoundError({ details: { kind: 'file', id: '/x' }, message: 'No such file /x.' });
    expect(formatError(err, { locale: 'zh-CN', hint: false })).toBe('No such file /x.');
  });
});
