/**
 * Guards the public surface: the sorted value exports (what the built module holds) and type-only
 * exports (what `import type` reaches) of every entry point of every package are snapshotted, so
 * any change to what users can import shows up in review.
 */
import { describe, expect, it } from 'vitest';
import { entryPoints } from './support/entry-points.js';
import { typeOnlyExports } from './support/type-exports.js';

const entries = entryPoints();

describe('public surface', () => {
  const cases = entries.map((entry) => [entry.specifier, entry.source] as const);

  it.each(cases)('%s exports exactly the reviewed names', async (specifier) => {
    const names = Object.keys(await import(specifier)).sort();
    expect(names).toMatchSnapshot();
  });

  // One compiler run for every entry point: building the program is the slow part.
  const types = typeOnlyExports(entries.map((entry) => entry.source));

  it.each(cases)('%s exports exactly the reviewed types', (_specifier, source) => {
    expect(types.get(source)).toMatchSnapshot();
  });
});
