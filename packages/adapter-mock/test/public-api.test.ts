import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ADAPTER_VERSION } from '../src/adapter-version.js';
import * as api from '../src/index.js';

// The export names themselves are snapshotted for every package by test/exports.test.ts.
describe('public surface of @hpckit/adapter-mock', () => {
  it('reports the version of package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(ADAPTER_VERSION).toBe(pkg.version);
  });

  it('returns a fresh preset every time', () => {
    const a = api.ikkemMockCluster();
    a.partitions.pop();
    expect(api.ikkemMockCluster().partitions).toHaveLength(3);
    expect(api.ikkemMockCluster({ name: 'x' }).name).toBe('x');
  });
});
