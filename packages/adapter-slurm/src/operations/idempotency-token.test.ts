import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commentWithToken, MAX_COMMENT_BYTES, outputsOf, tokenOf, userComment } from './idempotency-token.js';

const key = fc.stringMatching(/^[A-Za-z0-9._:@/+=-]{1,128}$/);
// Lone surrogates have no UTF-8 form and are no file's name; any other text may be a path.
const path = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 });
const comment = fc.option(
  fc.string({ unit: 'grapheme', maxLength: 120 }).filter((s) => s !== ''),
  {
    nil: undefined,
  },
);

describe('idempotency token in the job comment', () => {
  it('reads back every key core accepts, with or without a comment of the caller', () => {
    for (const k of ['0b8e6f1c-2d4a-4f7e-9c3b-5a6d7e8f9a0b', 'form-42', 'a/b+c=d:e@f.g_h']) {
      expect(tokenOf(commentWithToken(k, undefined))).toBe(k);
      const stored = commentWithToken(k, 'my note: with spaces');
      expect(tokenOf(stored)).toBe(k);
      expect(userComment(stored)).toBe('my note: with spaces');
    }
  });

  it('leaves comments hpckit did not write alone', () => {
    expect(tokenOf('hpckit-session=s1')).toBeUndefined();
    expect(userComment('a note')).toBe('a note');
    expect(userComment(commentWithToken('k', undefined))).toBeUndefined();
    expect(outputsOf('o=/etc/passwd')).toEqual({});
    expect(outputsOf('hpckit:k;o=%E0%A4%A')).toEqual({});
  });

  it('records named output patterns beside the token, and reads back token, patterns and comment', () => {
    fc.assert(
      fc.property(key, path, fc.option(path, { nil: undefined }), comment, (k, stdout, stderr, note) => {
        const stored = commentWithToken(k, note, { stdout, stderr });
        expect(tokenOf(stored)).toBe(k);
        expect(userComment(stored)).toBe(note);
        if (new TextEncoder().encode(stored).length > MAX_COMMENT_BYTES) throw new Error('too long');
        const read = outputsOf(stored);
        // Either the whole record fits, or none of it is stored (never half a path).
        if (read.stdout !== undefined)
          expect(read).toEqual(stderr === undefined ? { stdout } : { stdout, stderr });
        else expect(read).toEqual({});
      }),
    );
  });

  it('stores a usual path as written, and leaves out a record Slurm would refuse for its length', () => {
    expect(commentWithToken('k', undefined, { stdout: 'logs/%x-%j.out' })).toBe(
      'hpckit:k;o=logs/%25x-%25j.out',
    );
    expect(commentWithToken('k', 'a b', { stdout: 'out put.log' })).toBe('hpckit:k;o=out%20put.log a b');
    const long = `/scratch/${'x'.repeat(1100)}`;
    expect(commentWithToken('k', 'note', { stdout: long })).toBe('hpckit:k note');
  });
});
