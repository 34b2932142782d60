import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compressHostlist, expandHostlist } from './hostlist.js';

describe('hostlists', () => {
  it('expands what it compresses back to the same set of hosts', () => {
    const host = fc
      .tuple(
        fc.constantFrom('cn', 'gpu', 'node-', 'fat'),
        fc.integer({ min: 0, max: 300 }),
        fc.constantFrom(1, 2, 3),
      )
      .map(([prefix, n, width]) => `${prefix}${String(n).padStart(width, '0')}`);
    fc.assert(
      fc.property(fc.uniqueArray(host, { maxLength: 30 }), (hosts) => {
        expect(new Set(expandHostlist(compressHostlist(hosts)))).toEqual(new Set(hosts));
      }),
    );
  });

  it('expands ranges, lists, padding and nested brackets', () => {
    expect(expandHostlist('localhost')).toEqual(['localhost']);
    expect(expandHostlist('cn[01-03,07],gpu1')).toEqual(['cn01', 'cn02', 'cn03', 'cn07', 'gpu1']);
    expect(expandHostlist('em[014,055-056]')).toEqual(['em014', 'em055', 'em056']);
    expect(expandHostlist('r[1-2]-n[1-2]')).toEqual(['r1-n1', 'r1-n2', 'r2-n1', 'r2-n2']);
    expect(expandHostlist('None assigned')).toEqual([]);
    expect(expandHostlist('(Resources)')).toEqual([]);
  });
});
