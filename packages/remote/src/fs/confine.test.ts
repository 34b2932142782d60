import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatError, isHpckitError } from '@hpckit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { localFileSystem } from './local-file-system.js';

/** Two users' homes owned by this one process, as an embedded portal keeps them. */
function homes() {
  const root = mkdtempSync(join(tmpdir(), 'hpckit-remote-homes-'));
  const alice = join(root, 'alice');
  const carol = join(root, 'carol');
  mkdirSync(join(alice, 'runs'), { recursive: true });
  mkdirSync(carol);
  writeFileSync(join(carol, 'secret.txt'), 'carol only\n');
  writeFileSync(join(alice, 'runs', 'notes.txt'), 'alice notes\n');
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  return { alice, carol, fs: localFileSystem({ home: alice, user: 'alice', confine: true }) };
}
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (err: unknown) => err,
  );

describe('a confined local file system', () => {
  it('refuses to read, preview, stream or download through a link out of the home', async () => {
    const { alice, carol, fs } = homes();
    symlinkSync(join(carol, 'secret.txt'), join(alice, 'link-out'));
    symlinkSync(carol, join(alice, 'dir-out'));
    for (const attempt of [
      () => fs.readFile('link-out'),
      () => fs.preview('link-out'),
      () => fs.createReadStream('link-out'),
      () => fs.readFile('dir-out/secret.txt'),
      () => fs.list('dir-out'),
      () => fs.download('link-out', join(alice, 'copy.txt')),
    ]) {
      const err = await refusal(attempt());
      expect(isHpckitError(err, 'VALIDATION')).toBe(true);
      expect(err).toMatchObject({ details: { reason: 'leads_outside' } });
    }
    const err = await refusal(fs.readFile('link-out'));
    expect(formatError(err)).toContain('leads outside the home directory through a symbolic link');
    expect(formatError(err, { locale: 'zh-CN' })).toContain('通过符号链接指向主目录之外');
  });

  it('refuses absolute paths elsewhere, and writes through links out, dangling ones included', async () => {
    const { alice, carol, fs } = homes();
    symlinkSync(join(carol, 'planted.txt'), join(alice, 'dangling'));
    symlinkSync(carol, join(alice, 'dir-out'));
    for (const attempt of [
      () => fs.readFile(join(carol, 'secret.txt')),
      () => fs.writeFile('dangling', 'x'),
      () => fs.writeFile('dir-out/planted.txt', 'x'),
      () => fs.createWriteStream('dangling'),
      () => fs.mkdir('dir-out/sub'),
      () => fs.chmod('dir-out/secret.txt', 0o777),
      () => fs.rename('runs/notes.txt', 'dir-out/notes.txt'),
    ]) {
      expect(await refusal(attempt())).toMatchObject({ details: { reason: 'leads_outside' } });
    }
    expect(() => readFileSync(join(carol, 'planted.txt'))).toThrow(/ENOENT/);
    expect(readFileSync(join(carol, 'secret.txt'), 'utf8')).toBe('carol only\n');
    expect(readFileSync(join(alice, 'runs', 'notes.txt'), 'utf8')).toBe('alice notes\n');
  });

  it('follows links that stay inside, and lists, stats and deletes a link out without following it', async () => {
    const { alice, carol, fs } = homes();
    symlinkSync(join(alice, 'runs', 'notes.txt'), join(alice, 'link-in'));
    symlinkSync(join(carol, 'secret.txt'), join(alice, 'link-out'));
    expect((await fs.readFile('link-in')).toString()).toBe('alice notes\n');
    expect((await fs.list('.')).map((e) => `${e.name}:${e.type}`)).toContain('link-out:symlink');
    expect((await fs.stat('link-out')).type).toBe('symlink');
    await fs.delete('link-out');
    expect(await fs.exists('link-out')).toBe(false);
    expect(readFileSync(join(carol, 'secret.txt'), 'utf8')).toBe('carol only\n');
  });
});
