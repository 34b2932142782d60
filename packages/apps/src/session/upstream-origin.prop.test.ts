import { isHpckitError } from '@hpckit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostKey, upstreamOrigin } from './upstream-origin.js';

// Hosts a user could write into a connection file: plausible ones, and pieces of URL syntax.
const host = fc.oneof(
  fc.domain(),
  fc.ipV4(),
  fc.ipV4Extended(),
  fc.ipV6(),
  fc.string({ maxLength: 40 }),
  fc
    .array(fc.constantFrom('a', '1', '.', ':', '[', ']', '/', '#', '?', '@', '%', ' ', '\\', 'x', 'f', '0'), {
      maxLength: 20,
    })
    .map((chars) => chars.join('')),
);
const port = fc.integer({ min: 1, max: 65_535 });

describe('upstreamOrigin', () => {
  it('returns an origin whose host and port are exactly the given ones, or throws PARSE', () => {
    fc.assert(
      fc.property(host, port, (h, p) => {
        let origin: string;
        try {
          origin = upstreamOrigin(h, p);
        } catch (err) {
          expect(isHpckitError(err, 'PARSE')).toBe(true);
          return;
        }
        const url = new URL(origin);
        expect(url.origin).toBe(origin);
        expect(hostKey(url.hostname)).toBe(hostKey(h));
        expect(url.hostname.replace(/^\[|\]$/g, '')).toBe(h.toLowerCase());
        expect(Number(url.port || 80)).toBe(p);
      }),
    );
  });

  it('accepts every IPv4 and IPv6 address in its usual form, IPv6 bracketed', () => {
    fc.assert(
      fc.property(fc.ipV4(), port, (ip, p) => {
        expect(upstreamOrigin(ip, p)).toBe(p === 80 ? `http://${ip}` : `http://${ip}:${p}`);
      }),
    );
    expect(upstreamOrigin('::1', 28_888)).toBe('http://[::1]:28888');
    expect(upstreamOrigin('fd00::a:1', 20_000)).toBe('http://[fd00::a:1]:20000');
  });
});
