import { describe, expect, it, vi } from 'vitest';
import { formatError } from './format.js';
import {
  HpckitError,
  isHpckitError,
  NotFoundError,
  PolicyError,
  SchedulerUnavailableError,
  ValidationError,
} from './hpckit-error.js';

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

describe('messages written from facts', () => {
  it("quotes the scheduler's own words, in English and in Chinese", () => {
    const err = new PolicyError({
      details: {
        reason: 'time_limit_exceeds_qos',
        nativeReason: 'QOSMaxWallDurationPerJobLimit',
        nativeMessage:
          'QOSMaxWallDurationPerJobLimit / Batch job submission failed: Job violates accounting/QOS policy',
        scheduler: 'Slurm',
      },
    });
    expect(err.reason).toBe(
      'Slurm refused the job (QOSMaxWallDurationPerJobLimit): QOSMaxWallDurationPerJobLimit / Batch job submission failed: Job violates accounting/QOS policy.',
    );
    expect(err.hint).toBe(
      "Lower the time limit to the QoS's maximum wall time, or choose a QoS that allows longer jobs.",
    );
    expect(formatError(err, { locale: 'zh-CN' })).toBe(
      'Slurm 拒绝了该作业（QOSMaxWallDurationPerJobLimit）：QOSMaxWallDurationPerJobLimit / Batch job submission failed: Job violates accounting/QOS policy。请将运行时间上限降到该 QoS 允许的最大运行时间以内，或选择允许更长作业的 QoS。',
    );
  });

  it("uses a reason's words, and a reason's missing hint means none", () => {
    const lost = new HpckitError('TRANSPORT', {
      details: { reason: 'session_lost', host: 'login1', login: 'portal', program: 'squeue' },
    });
    expect(lost.reason).toBe(
      'squeue on portal@login1 ended without an exit status (connection or session lost).',
    );
    expect(formatError(lost, { locale: 'zh-CN', hint: false })).toBe(
      'squeue 在 portal@login1 上结束时没有退出状态（连接或会话已丢失）。',
    );
    const spawn = new HpckitError('TRANSPORT', {
      details: { reason: 'spawn_failed', program: 'squeue', nativeMessage: 'spawn EACCES', errno: 'EACCES' },
    });
    expect(spawn.hint).toBeUndefined();
    const unknownReason = new HpckitError('TRANSPORT', { details: { reason: 'nope' as never, host: 'h' } });
    expect(unknownReason.reason).toBe('Could not reach the scheduler host "h".');
  });

  it('puts a submitted job first, so that nobody submits it again', () => {
    const err = new SchedulerUnavailableError({
      details: { jobId: '83', program: 'squeue', nativeMessage: 'Socket timed out', scheduler: 'Slurm' },
    });
    expect(err.message).toBe(
      "[hpckit] Job 83 was submitted, but reading it back failed: Slurm did not answer squeue: Socket timed out. The job exists: fetch it with jobs.get('83') instead of submitting again (a submit with the same idempotencyKey also returns it).",
    );
    expect(formatError(err, { locale: 'zh-CN', hint: false })).toBe(
      '作业 83 已提交，但读回失败：Slurm 没有响应 squeue：Socket timed out。',
    );
  });

  it('lists every violation of a policy, each in its own words, and keeps the words of unknown rules', () => {
    const err = new PolicyError({
      details: {
        reason: 'resources_unavailable',
        violations: [
          { code: 'node_memory', partition: 'cpu', limit: 251, requested: 300, unit: 'GB' },
          { code: 'site_rule', message: { en: 'A site rule.', 'zh-CN': '站点规则。' } },
        ],
      },
    });
    expect(err.reason).toBe(
      'Nodes of partition "cpu" have at most 251 GB of usable memory; the 300 GB requested per node exceeds it. Reduce the memory per node, or spread the job over more nodes. A site rule.',
    );
    expect(err.hint).toBeUndefined();
    expect(formatError(err, { locale: 'zh-CN' })).toBe(
      '分区“cpu”每个节点最多可用 251 GB 内存，您每节点申请的 300 GB 超出了该限制。请减少每节点内存，或使用更多节点。站点规则。',
    );
  });
});

// A consumer can load two copies of core in one process: its ESM and its CJS build (one package
// imports, another requires), or two versions. `vi.resetModules` gives a second, distinct copy.
describe('errors thrown by another copy of core', () => {
  async function otherCopy() {
    vi.resetModules();
    const other = await import('./hpckit-error.js');
    expect(other.HpckitError).not.toBe(HpckitError);
    return other;
  }

  it('are instances of its base class and of the class of their own code, and of no other', async () => {
    const other = await otherCopy();
    const theirs = new other.NotFoundError({ details: { kind: 'job', id: '7' } });
    expect(theirs instanceof HpckitError).toBe(true);
    expect(theirs instanceof NotFoundError).toBe(true);
    expect(theirs instanceof ValidationError).toBe(false);
    expect(theirs instanceof PolicyError).toBe(false);
    expect(isHpckitError(theirs, 'NOT_FOUND')).toBe(true);
    const ours = new SchedulerUnavailableError({ details: { cluster: 'hpc' } });
    expect(ours instanceof other.HpckitError).toBe(true);
    expect(ours instanceof other.SchedulerUnavailableError).toBe(true);
    expect(ours instanceof other.NotFoundError).toBe(false);
    expect(other.isHpckitError(ours, 'SCHEDULER_UNAVAILABLE')).toBe(true);
  });

  it('still leave out what is not an hpckit error, however it looks', () => {
    const lookalike = Object.assign(new Error('[hpckit] Job "1" was not found.'), { code: 'NOT_FOUND' });
    expect(lookalike instanceof HpckitError).toBe(false);
    expect(lookalike instanceof NotFoundError).toBe(false);
    expect(new Error('x') instanceof HpckitError).toBe(false);
    for (const value of [null, undefined, 'NOT_FOUND', 42, { code: 'NOT_FOUND' }]) {
      expect(value instanceof NotFoundError).toBe(false);
    }
  });

  it('a caller’s own subclass is recognised by prototype, from its own copy only', async () => {
    class QuotaError extends PolicyError {}
    const quota = new QuotaError({ details: qosViolation().details });
    expect(quota instanceof QuotaError).toBe(true);
    expect(quota instanceof PolicyError).toBe(true);
    expect(qosViolation() instanceof QuotaError).toBe(false);
    const other = await otherCopy();
    expect(quota instanceof other.PolicyError).toBe(true);
  });

  it('narrow by instanceof as before (the type still follows the class)', () => {
    const err: unknown = new NotFoundError({ details: { kind: 'job', id: '9' } });
    if (!(err instanceof NotFoundError)) throw new Error('not narrowed');
    expect(err.details.id).toBe('9');
  });
});
