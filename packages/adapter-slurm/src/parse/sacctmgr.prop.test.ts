import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCoordinators } from './sacctmgr.js';

const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/);

describe('parseCoordinators', () => {
  it('reads the real output: accounts without coordinators are left out', () => {
    const out = 'ai4ec|\nchem|alice\nphys|bob,carol\nroot|\n';
    expect(parseCoordinators(out)).toEqual(
      new Map([
        ['chem', new Set(['alice'])],
        ['phys', new Set(['bob', 'carol'])],
      ]),
    );
  });

  it('gives back every account and coordinator it was given', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(name, fc.uniqueArray(name, { maxLength: 4 })), { selector: ([a]) => a }),
        (rows) => {
          const out = rows.map(([account, users]) => `${account}|${users.join(',')}`).join('\n');
          const parsed = parseCoordinators(out);
          const expected = new Map(rows.filter(([, u]) => u.length > 0).map(([a, u]) => [a, new Set(u)]));
          expect(parsed).toEqual(expected);
        },
      ),
    );
  });
});
