import { describe, expect, it } from 'vitest';
import { isHpckitError } from '../errors/hpckit-error.js';
import { timeoutMsOf } from './timeout-option.js';

describe('timeoutMsOf', () => {
  it('reads timeoutMs, or its deprecated spelling timeout', () => {
    expect(timeoutMsOf({ timeoutMs: 5_000 }, 'wait options')).toBe(5_000);
    expect(timeoutMsOf({ timeout: 7_000 }, 'wait options')).toBe(7_000);
    expect(timeoutMsOf({}, 'wait options')).toBeUndefined();
    expect(timeoutMsOf(undefined, 'wait options')).toBeUndefined();
  });

  it('refuses both spellings at once, at options.timeout', () => {
    let caught: unknown;
    try {
      timeoutMsOf({ timeoutMs: 1, timeout: 1 }, 'wait options');
    } catch (err) {
      caught = err;
    }
    expect(isHpckitError(caught, 'VALIDATION')).toBe(true);
    if (!isHpckitError(caught, 'VALIDATION')) return;
    expect(caught.details.issues.map((i) => i.path)).toEqual([['options', 'timeout']]);
    expect(caught.details.issues[0]!.message).toContain('give only "timeoutMs"');
  });
});
