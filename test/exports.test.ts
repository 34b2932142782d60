/**
 * Guards the public surface: the sorted export names of every entry point of every package are
 * snapshotted, so any change to what users can import shows up in review.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const packagesDir = join(import.meta.dirname, '..', 'packages');

const entries = readdirSync(packagesDir).flatMap((dir) => {
  const pkg = JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8')) as {
    name: string;
    exports: Record<string, unknown>;
  };
  return Object.keys(pkg.exports)
    .filter((subpath) => subpath !== './package.json')
    .map((subpath) => (subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`));
});

describe('public surface', () => {
  it.each(entries)('%s exports exactly the reviewed names', async (specifier) => {
    const names = Object.keys(await import(specifier)).sort();
    expect(names).toMatchSnapshot();
  });
});
