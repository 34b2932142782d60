import { describe, expect, it } from 'vitest';
import { commentWithToken, tokenOf, userComment } from './idempotency-token.js';

describe('idempotency token in the job comment', () => {
  it('reads back every key core accepts, with or without a comment of the caller', () => {
    for (const key of ['0b8e6f1c-2d4a-4f7e-9c3b-5a6d7e8f9a0b', 'form-42', 'a/b+c=d:e@f.g_h']) {
      expect(tokenOf(commentWithToken(key, undefined))).toBe(key);
      const stored = commentWithToken(key, 'my note: with spaces');
      expect(tokenOf(stored)).toBe(key);
      expect(userComment(stored)).toBe('my note: with spaces');
    }
  });

  it('leaves comments hpckit did not write alone', () => {
    expect(tokenOf('hpckit-session=s1')).toBeUndefined();
    expect(userComment('a note')).toBe('a note');
    expect(userComment(commentWithToken('k', undefined))).toBeUndefined();
  });
});
