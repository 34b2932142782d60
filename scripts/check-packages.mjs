#!/usr/bin/env node
/**
 * Checks the built packages the way a user receives them (run after `npm run build`):
 * publint (package.json and files), attw (types resolve for import and require under node16 and
 * bundler, and under node10, TypeScript's `module: commonjs` resolution, through `typesVersions`),
 * and a smoke test that `require()` and `import()` of every entry point load and expose the same
 * names. Exits non-zero on any problem.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.env.HPCKIT_PACKAGES?.split(',');
const packages = readdirSync(join(root, 'packages')).filter((d) => !only || only.includes(d));
const require = createRequire(join(root, 'package.json'));
let failed = false;

function run(label, command, args) {
  try {
    execFileSync(command, args, { cwd: root, stdio: 'pipe', encoding: 'utf8' });
    console.log(`  ok   ${label}`);
  } catch (err) {
    failed = true;
    console.log(`  FAIL ${label}\n${err.stdout ?? ''}${err.stderr ?? ''}`);
  }
}

for (const dir of packages) {
  const pkgDir = join(root, 'packages', dir);
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  console.log(pkg.name);
  if (!existsSync(join(pkgDir, 'dist'))) {
    failed = true;
    console.log('  FAIL dist/ is missing: run `npm run build` first');
    continue;
  }
  run('publint', 'npx', ['publint', 'run', pkgDir, '--strict']);
  // Entry points without a `require` branch are ESM-only by design (the vitest-based testing
  // subpath: vitest itself cannot be required), so attw checks them with its esm-only profile.
  const esmOnly = Object.entries(pkg.exports)
    .filter(([s, t]) => s !== './package.json' && typeof t === 'object' && !t.require)
    .map(([s]) => s);
  // attw's default (strict) profile includes node10, where only `typesVersions` maps a subpath.
  const dual = esmOnly.length ? ['--exclude-entrypoints', ...esmOnly] : [];
  run('attw (node10, node16, bundler: dual entry points)', 'npx', ['attw', '--pack', pkgDir, ...dual]);
  if (esmOnly.length) {
    run(`attw (esm-only: ${esmOnly.join(', ')})`, 'npx', [
      'attw',
      '--pack',
      pkgDir,
      '--profile',
      'esm-only',
      '--entrypoints',
      ...esmOnly,
    ]);
  }
  const loadable = Object.entries(pkg.exports).filter(
    ([s]) => s !== './package.json' && !esmOnly.includes(s),
  );
  for (const [subpath] of loadable) {
    const specifier = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
    try {
      const esm = Object.keys(await import(specifier))
        .filter((k) => k !== 'default')
        .sort();
      const cjs = Object.keys(require(specifier)).sort();
      if (cjs.length === 0 || JSON.stringify(cjs) !== JSON.stringify(esm)) {
        throw new Error(`require() gives [${cjs.join(', ')}] but import() gives [${esm.join(', ')}]`);
      }
      console.log(`  ok   ${specifier}: require() and import() load ${cjs.length} names`);
    } catch (err) {
      failed = true;
      console.log(`  FAIL ${specifier}: ${err.message}`);
    }
  }
}
process.exit(failed ? 1 : 0);
