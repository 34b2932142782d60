import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from './content-disposition.js';

// RFC 5987's attr-char: what may stand unencoded in `filename*`.
const ATTR_CHAR = /^[A-Za-z0-9!#$&+.^_`|~-]$/;

function parse(header: string) {
  const m = /^attachment; filename="([^"\\\r\n]*)"; filename\*=UTF-8''([^;\s]*)$/.exec(header);
  expect(m, header).not.toBeNull();
  return { ascii: m![1]!, exact: m![2]! };
}

describe('attachmentDisposition', () => {
  it('keeps any name one header line long, and gives it back exactly through filename*', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1 }), (name) => {
        const header = attachmentDisposition(name);
        expect(header).not.toMatch(/[\r\n\0]/);
        const { ascii, exact } = parse(header);
        expect(decodeURIComponent(exact)).toBe(name);
        expect([...exact.replace(/%[0-9A-F]{2}/g, '')].every((c) => ATTR_CHAR.test(c))).toBe(true);
        expect(ascii).toMatch(/^[\x20-\x7e]*$/);
        expect(ascii.length).toBeLessThanOrEqual(name.length || 8);
      }),
    );
  });

  it('keeps a plain ASCII name as it is, and replaces quotes and newlines in the fallback', () => {
    expect(parse(attachmentDisposition('relax-1.out')).ascii).toBe('relax-1.out');
    const hostile = 'a"b\r\nSet-Cookie: x=1\\.sh';
    const { ascii, exact } = parse(attachmentDisposition(hostile));
    expect(ascii).toBe('a_b__Set-Cookie: x=1_.sh');
    expect(decodeURIComponent(exact)).toBe(hostile);
  });
});
