/**
 * What each published package carries for its consumers: the licence its `license` field names,
 * and dependency specs a consumer's own versions can satisfy (an exact pin makes `npm install`
 * fail with ERESOLVE on a peer, or install a second copy of a runtime dependency such as zod).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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
});
