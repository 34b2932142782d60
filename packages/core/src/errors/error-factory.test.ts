import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './codes.js';
import { errorsFor } from './error-factory.js';
import { formatError } from './format.js';
import {
  HpckitError,
  NotFoundError,
  PolicyError,
  SchedulerUnavailableError,
  UnsupportedError,
} from './hpckit-error.js';

describe('errorsFor', () => {
  const fail = errorsFor('slurm');

  it('tags every error with its source and lets the catalogue write the message', () => {
    const err = fail.notFound({ details: { kind: 'job', id: '42' } });
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.adapter).toBe('slurm');
    expect(err.message).toBe(
      '[hpckit] [slurm] Job "42" was not found. Check the job name or id, and that it belongs to this cluster.',
    );
    expect(formatError(err, { locale: 'zh-CN' })).toBe(
      '未找到作业“42”。请检查名称或编号，以及它是否属于该集群。',
    );
    expect(fail.policy({ details: { reason: 'invalid_qos', subject: 'x' } })).toBeInstanceOf(PolicyError);
  });

  it('keeps the cause and a retryability override', () => {
    const cause = new Error('socket closed');
    const err = fail.transport({ details: { reason: 'session_lost', host: 'h' }, cause, retryable: false });
    expect(err.cause).toBe(cause);
    expect(err.retryable).toBe(false);
  });

  it('names itself as the adapter of an UNSUPPORTED error unless told otherwise', () => {
    const err = errorsFor('local').unsupported({ details: { capability: 'actAsUser' } });
    expect(err).toBeInstanceOf(UnsupportedError);
    expect(err.details).toEqual({ capability: 'actAsUser', adapter: 'local' });
    expect(fail.unsupported({ details: { capability: 'x', adapter: 'y' } }).details.adapter).toBe('y');
  });

  it('makes an error of any code with its own class, for a code known only at run time', () => {
    for (const code of ERROR_CODES) {
      const details = {
        ...{ subject: 's', issues: [], kind: 'k', id: 'i', action: 'a', reason: 'other' },
        ...{ raw: '', what: 'w', capability: 'c', adapter: 'a', operation: 'o', timeoutMs: 1 },
      };
      const err = fail.error(code, { details: details as never });
      expect(err).toBeInstanceOf(HpckitError);
      expect(err.code).toBe(code);
      expect(err.name).not.toBe('HpckitError');
    }
    expect(fail.error('SCHEDULER_UNAVAILABLE', { details: {} })).toBeInstanceOf(SchedulerUnavailableError);
  });
});
