/**
 * Every adapter package proves itself with the shared conformance suite: this fails when an
 * `packages/adapter-*` has no test file calling `runAdapterConformance`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const packagesDir = join(import.meta.dirname, '..', 'packages');
const adapters = readdirSync(packagesDir).filter((d) => d.startsWith('adapter-'));

describe('adapter packages', () => {
  it.each(adapters)('%s runs the shared conformance suite', (dir) => {
    const testDir = join(packagesDir, dir, 'test');
    const files = existsSync(testDir) ? readdirSync(testDir, { recursive: true, encoding: 'utf8' }) : [];
    const runners = files.filter(
      (f) =>
        /conformance[\w.-]*\.test\.ts$/.test(f) &&
        readFileSync(join(testDir, f), 'utf8').includes('runAdapterConformance('),
    );
    expect(runners, `${dir}/test has no conformance*.test.ts calling runAdapterConformance`).not.toEqual([]);
  });
});
