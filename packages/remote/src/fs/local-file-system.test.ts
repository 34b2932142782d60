import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSystemContract } from '../../test/file-system-contract.js';
import { localFileSystem } from './local-file-system.js';

fileSystemContract('local', async () => {
  const home = mkdtempSync(join(tmpdir(), 'hpckit-remote-home-'));
  return {
    fs: localFileSystem({ home, user: 'tester', progressIntervalBytes: 1024 * 1024 }),
    dir: 'scratch',
    cleanup: async () => rmSync(home, { recursive: true, force: true }),
  };
});

describe('localFileSystem', () => {
  it('names the path and the operation in permission errors', async () => {
    const home = mkdtempSync(join(tmpdir(), 'hpckit-remote-perm-'));
    try {
      const fs = localFileSystem({ home, user: 'tester' });
      // Root ignores permission bits, so provoke EACCES another way when running as root.
      const target = process.getuid?.() === 0 ? '/proc/1/mem' : '/root/x';
      const err = await fs.readFile(target).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'PERMISSION_DENIED' });
      expect((err as { details: { action: string } }).details.action).toBe(`read ${target}`);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('validates its options', () => {
    expect(() => localFileSystem({ home: 'relative' })).toThrow(/home must be an absolute path/);
  });
});
