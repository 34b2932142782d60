import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// `@hpckit/core` must load in a browser bundle (`npm run check:consumers` bundles it for the
// browser), so its runtime sources import no Node builtin; Node-only facilities are looked up at
// run time (`process.getBuiltinModule`) or taken from web globals (`crypto.randomUUID`). This
// catches an import in seconds, where the consumer check finds it only after packing.
const root = new URL('../packages/core/src/', import.meta.url).pathname;
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sources(path);
    return /\.ts$/.test(entry.name) && !/\.test(-d)?\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('@hpckit/core in a browser', () => {
  it('imports no Node builtin outside its vitest-only testing entry point', () => {
    const found = sources(root).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)]
        .map((m) => m[1]!)
        .filter((specifier) => builtins.has(specifier))
        .map((specifier) => `${relative(root, file)}: ${specifier}`),
    );
    expect(found).toEqual([]);
  });
});
