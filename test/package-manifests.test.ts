/**
 * What each published package carries for its consumers: the licence its `license` field names,
 * and dependency specs a consumer's own versions can satisfy (an exact pin makes `npm install`
 * fail with ERESOLVE on a peer, or install a second copy of a runtime dependency such as zod).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const packagesDir = join(root, 'packages');
const packages = readdirSync(packagesDir).filter((d) => !d.startsWith('.'));
const manifest = (dir: string) => JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8'));

describe('package manifests', () => {
  it('the repository has an MIT LICENSE naming hpckit contributors', () => {
    const text = readFileSync(join(root, 'LICENSE'), 'utf8');
    expect(text).toMatch(/^MIT License/);
    expect(text).toMatch(/Copyright \(c\) \d{4} hpckit contributors/);
  });

  it.each(packages)('%s is MIT and its tarball ships the LICENSE', (dir) => {
    expect(manifest(dir).license).toBe('MIT');
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', join(packagesDir, dir)], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    ) as { files: { path: string }[] }[];
    expect(packed?.files.map((f) => f.path)).toContain('LICENSE');
    expect(readFileSync(join(packagesDir, dir, 'LICENSE'), 'utf8')).toBe(
      readFileSync(join(root, 'LICENSE'), 'utf8'),
    );
  });

  // Internal packages move in lockstep (released together), so their exact specs are deliberate.
  const externalSpecs = packages.flatMap((dir) => {
    const pkg = manifest(dir);
    return (['dependencies', 'peerDependencies'] as const).flatMap((field) =>
      Object.entries((pkg[field] ?? {}) as Record<string, string>)
        .filter(([name]) => !name.startsWith('@hpckit/'))
        .map(([name, spec]) => ({ dir, field, name, spec })),
    );
  });

  it.each(externalSpecs)('$dir $field $name ($spec) is a range the installed version satisfies', (d) => {
    expect(d.spec, 'an exact pin conflicts with any other version the consumer has').not.toMatch(
      /^\d+\.\d+\.\d+$/,
    );
    const caret = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(d.spec);
    if (!caret) {
      expect(d.spec, 'only caret ranges and open lower bounds are used').toMatch(/^>=\d+$/);
      return;
    }
    // The copy the package itself resolves: its own node_modules (npm nests a version the root's
    // other users conflict with, as commander 14 beside a tool's commander 10), else the root's.
    const nested = join(root, 'packages', d.dir, 'node_modules', d.name, 'package.json');
    const installed = JSON.parse(
      readFileSync(existsSync(nested) ? nested : join(root, 'node_modules', d.name, 'package.json'), 'utf8'),
    ) as { version: string };
    const [major, minor, patch] = installed.version.split('.').map(Number);
    const [, wantMajor, wantMinor, wantPatch] = caret.map(Number);
    expect(major, `${d.name}@${installed.version} is tested here`).toBe(wantMajor);
    const atLeast = minor! > wantMinor! || (minor === wantMinor && patch! >= wantPatch!);
    expect(atLeast, `${d.name}@${installed.version} is below ${d.spec}`).toBe(true);
  });

  it.each(packages)('%s README says what to install and links only to what works on npm', (dir) => {
    const pkgDir = join(packagesDir, dir);
    const readme = readFileSync(join(pkgDir, 'README.md'), 'utf8');
    expect(readme).toMatch(new RegExp(`## Install\\n[\\s\\S]*?npm install [^\\n]*${manifest(dir).name}`));
    // npm renders a README without the repository: a relative link works only to a file the
    // tarball ships, which is none here but the package's own (dist and src are not for reading).
    const relative = [...readme.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1]!)
      .filter((target) => !/^(https?:|#|mailto:)/.test(target));
    expect(relative, 'use https://www.npmjs.com/package/@hpckit/<name> or plain text').toEqual([]);
  });
});

describe('what a consumer resolves', () => {
  const rootEngines = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines;

  it.each(packages)('%s supports the Node versions the repository states', (dir) => {
    expect(manifest(dir).engines).toEqual(rootEngines);
  });

  // TypeScript's classic resolution (`module: commonjs`, node10) ignores `exports`; only
  // `typesVersions` gets it from `@hpckit/billing/ledger` to the declarations.
  it.each(packages)('%s maps every subpath for node10 resolution to the types import resolves', (dir) => {
    const pkg = manifest(dir);
    const subpaths = Object.entries(pkg.exports as Record<string, { import?: { types: string } } | string>)
      .filter(([subpath]) => subpath !== '.' && subpath !== './package.json')
      .map(([subpath, target]) => [
        subpath.slice(2),
        typeof target === 'string' ? target : target.import?.types,
      ]);
    const expected = subpaths.length
      ? { '*': Object.fromEntries(subpaths.map(([s, t]) => [s, [t]])) }
      : undefined;
    expect(pkg.typesVersions).toEqual(expected);
  });
});
