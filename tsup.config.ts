/**
 * Builds every workspace package to ESM + CJS + declarations from one place.
 *
 * Each package lists its entry points in its own `package.json` `exports` map (the `@hpckit/source`
 * condition names the source file); this config derives the tsup entries from it, so adding a
 * subpath is one edit in one file.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Options } from 'tsup';

interface PackageJson {
  name: string;
  exports: Record<string, string | { '@hpckit/source'?: string; require?: unknown }>;
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const packagesDir = 'packages';

// Build for the oldest Node the packages support: `engines` (">=20.19") becomes esbuild's "node20.19".
const engines = (JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }).engines;
const lowestNode = /^>=(\d+(?:\.\d+)*)$/.exec(engines.node)?.[1];
if (!lowestNode)
  throw new Error(`engines.node "${engines.node}" is not ">=X.Y": derive the build target from it here`);
const nodeTarget = `node${lowestNode}`;

// ESM-only dependencies are bundled into the CommonJS build so `require()` works without relying
// on Node's require(esm).
const esmOnlyDependencies = ['p-queue', 'p-timeout'];

function packageConfigs(dir: string): Options[] {
  const root = join(packagesDir, dir);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
  const entry: Record<string, string> = {};
  // Entry points without a `require` branch are ESM-only (e.g. the vitest-based testing subpath).
  const cjsEntry: Record<string, string> = {};
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string' || !target['@hpckit/source']) continue;
    const out = subpath === '.' ? 'index' : `${subpath.slice(2)}/index`;
    entry[out] = join(root, target['@hpckit/source']);
    if (target.require) cjsEntry[out] = entry[out];
  }
  // A command (`bin: { hpckit: ./dist/bin.js }`) is built from the source file of the same name,
  // ESM only; esbuild keeps its shebang and tsup makes the file executable.
  for (const target of Object.values(pkg.bin ?? {})) {
    const out = target.replace(/^\.\/dist\//, '').replace(/\.js$/, '');
    entry[out] = join(root, 'src', `${out}.ts`);
  }
  const common: Options = {
    entry,
    outDir: join(root, 'dist'),
    dts: true,
    sourcemap: true,
    target: nodeTarget,
    splitting: true,
    treeshake: true,
    // tsup only reads the root package.json, so each package's own dependencies are named here.
    external: [
      ...Object.keys(pkg.dependencies ?? {}),
      ...Object.keys(pkg.peerDependencies ?? {}),
      /^@hpckit\//,
    ],
    tsconfig: 'tsconfig.base.json',
    esbuildOptions(options) {
      options.conditions = ['@hpckit/source'];
    },
  };
  return [
    { ...common, name: `${pkg.name} (esm)`, format: 'esm' },
    {
      ...common,
      name: `${pkg.name} (cjs)`,
      format: 'cjs',
      entry: cjsEntry,
      external: common.external?.filter((e) => typeof e !== 'string' || !esmOnlyDependencies.includes(e)),
      noExternal: esmOnlyDependencies,
    },
  ];
}

// `HPCKIT_PACKAGES=core,billing npm run build` builds only those packages.
const only = process.env.HPCKIT_PACKAGES?.split(',').map((s) => s.trim());

export default defineConfig(
  readdirSync(packagesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && (!only || only.includes(d.name)))
    .flatMap((d) => packageConfigs(d.name)),
);
