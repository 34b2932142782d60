/** Every entry point of every package, read from the packages' `exports` maps. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One entry point: the specifier users import and the source file it resolves to in this repo. */
export interface EntryPoint {
  specifier: string;
  source: string;
}

const packagesDir = join(import.meta.dirname, '..', '..', 'packages');

/** The entry points of every package, in the order of their folders and `exports` keys. */
export function entryPoints(): EntryPoint[] {
  return readdirSync(packagesDir).flatMap((dir) => {
    const pkg = JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8')) as {
      name: string;
      exports: Record<string, { '@hpckit/source'?: string }>;
    };
    return Object.entries(pkg.exports)
      .filter(([subpath]) => subpath !== './package.json')
      .map(([subpath, target]) => ({
        specifier: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
        source: join(packagesDir, dir, target['@hpckit/source'] ?? ''),
      }));
  });
}
