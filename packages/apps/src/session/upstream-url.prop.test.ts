import { isHpckitError } from '@hpckit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { upstreamUrl } from './upstream-url.js';

const connection = { origin: 'http://10.0.0.7:28888' };
const target = fc.oneof(
  fc.webPath(),
  fc.webUrl(),
  fc.string({ maxLength: 40 }),
  fc
    .array(fc.constantFrom('/', '\\', '@', ':', '?', '#', '.', 'evil', '%2f', ' ', '\t'), { maxLength: 12 })
    .map((parts) => parts.join('')),
);

describe('upstreamUrl', () => {
  it("stays on the session's origin for any target, or throws VALIDATION", () => {
    fc.assert(
      fc.property(target, (t) => {
        let url: URL;
        try {
          url = upstreamUrl(connection, t);
        } catch (err) {
          expect(isHpckitError(err, 'VALIDATION')).toBe(true);
          return;
        }
        expect(url.origin).toBe(connection.origin);
      }),
    );
  });

  it('keeps path and query, even one that looks like another host', () => {
    expect(upstreamUrl(connection, '/api/contents?type=file&x=%20').href).toBe(
      'http://10.0.0.7:28888/api/contents?type=file&x=%20',
    );
    expect(upstreamUrl(connection, '//evil.example/x').href).toBe('http://10.0.0.7:28888//evil.example/x');
    for (const t of ['http://evil.example/', '@evil.example/', 'evil.example', '']) {
      expect(() => upstreamUrl(connection, t)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    }
  });
});
