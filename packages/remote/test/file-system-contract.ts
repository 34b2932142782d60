/**
 * The behaviour every FileSystem implementation shares, run against the local one in a temp dir
 * (unit tests) and against SFTP on the real sshd (integration tests).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHpckitError } from '@hpckit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileSystem } from '../src/index.js';

/** Odd but legal names: each must round-trip unchanged. */
const ODD_NAMES = [
  'it\'s a "file"',
  'new\nline',
  'tab\there',
  '$(rm -rf ~)',
  '`id`',
  'café 日本 🚀',
  '-rf',
  '~bob',
  '*',
];

function expectCode(err: unknown, code: string, issue?: string, label?: string): void {
  expect(isHpckitError(err), `${label ?? ''} ${String(err)}`).toBe(true);
  const e = err as { code: string; details: { issues?: { code: string }[] } };
  expect(e.code, label).toBe(code);
  if (issue) expect(e.details.issues?.[0]?.code, label).toBe(issue);
}

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

/**
 * Makes what a FileSystem cannot: FIFOs and symlinks, as the file system's user (through the OS
 * locally, a command over SSH remotely). Paths are absolute.
 */
export interface SpecialFiles {
  mkfifo(path: string): Promise<void>;
  symlink(target: string, path: string): Promise<void>;
  /**
   * Whether some process has the FIFO open for reading or is blocked opening it: a non-blocking
   * open for writing succeeds only then (and unblocks that reader, so this also cleans up).
   */
  fifoHasReader(path: string): Promise<boolean>;
}

/** Registers the contract tests; `make` returns the file system and a scratch directory (relative to its home). */
export function fileSystemContract(
  label: string,
  make: () => Promise<{ fs: FileSystem; dir: string; cleanup: () => Promise<void>; special: SpecialFiles }>,
) {
  describe(`${label}: FileSystem contract`, () => {
    let fs: FileSystem;
    let dir: string;
    let cleanup: () => Promise<void>;
    let special: SpecialFiles;
    let localTmp: string;
    const at = (name: string) => `${dir}/${name}`;

    beforeAll(async () => {
      ({ fs, dir, cleanup, special } = await make());
      await fs.mkdir(dir, { recursive: true });
      localTmp = mkdtempSync(join(tmpdir(), 'hpckit-remote-local-'));
    });
    afterAll(async () => {
      await cleanup();
      await fs.close();
      rmSync(localTmp, { recursive: true, force: true });
    });

    it('resolves relative paths against the home and lists what was written', async () => {
      const home = await fs.home();
      expect(await fs.resolve(at('a.txt'))).toBe(`${home}/${dir}/a.txt`);
      await fs.writeFile(at('a.txt'), 'hello\n', { mode: 0o640 });
      await fs.mkdir(at('sub'));
      const listed = await fs.list(dir);
      const a = listed.find((e) => e.name === 'a.txt');
      expect(a).toMatchObject({ type: 'file', size: 6, path: `${home}/${dir}/a.txt` });
      expect(a!.mode & 0o777).toBe(0o640 & ~0o022 & 0o777);
      expect(Math.abs(a!.mtime.getTime() - Date.now())).toBeLessThan(60_000);
      expect(listed.find((e) => e.name === 'sub')?.type).toBe('directory');
      expect((await fs.readFile(at('a.txt'))).toString()).toBe('hello\n');
    });

    it('round-trips odd names (quotes, newlines, $(), non-ASCII) without a shell', async () => {
      await fs.mkdir(at('odd'));
      for (const name of ODD_NAMES) await fs.writeFile(at(`odd/${name}`), name);
      const names = (await fs.list(at('odd'))).map((e) => e.name);
      expect(names.sort()).toEqual([...ODD_NAMES].sort());
      for (const name of ODD_NAMES) expect((await fs.readFile(at(`odd/${name}`))).toString()).toBe(name);
      await fs.rename(at(`odd/${ODD_NAMES[0]}`), at(`odd/${ODD_NAMES[0]} moved`));
      expect(await fs.exists(at(`odd/${ODD_NAMES[0]}`))).toBe(false);
      expect(await fs.exists(at(`odd/${ODD_NAMES[0]} moved`))).toBe(true);
    });

    it('reports missing files as NotFoundError (kind file, id = path)', async () => {
      const err = await failure(() => fs.stat(at('nope')));
      expectCode(err, 'NOT_FOUND');
      expect((err as { details: { kind: string; id: string } }).details).toMatchObject({
        kind: 'file',
        id: await fs.resolve(at('nope')),
      });
      expect(await fs.exists(at('nope'))).toBe(false);
      expectCode(await failure(() => fs.readFile(at('nope'))), 'NOT_FOUND');
      expectCode(await failure(() => fs.delete(at('nope'))), 'NOT_FOUND');
      expectCode(await failure(() => fs.rename(at('nope'), at('x'))), 'NOT_FOUND');
    });

    it('reports "exists", "not a directory", "is a directory" and "not empty" as typed errors', async () => {
      await fs.mkdir(at('e'));
      await fs.writeFile(at('e/f'), 'x');
      expectCode(await failure(() => fs.mkdir(at('e'))), 'ALREADY_EXISTS');
      expectCode(await failure(() => fs.writeFile(at('e/f'), 'y', { exclusive: true })), 'ALREADY_EXISTS');
      expectCode(await failure(() => fs.list(at('e/f'))), 'VALIDATION', 'not_a_directory');
      expectCode(
        await failure(() => fs.mkdir(at('e/f/g'), { recursive: true })),
        'VALIDATION',
        'not_a_directory',
      );
      expectCode(await failure(() => fs.writeFile(at('e/f/g'), 'z')), 'VALIDATION', 'not_a_directory');
      expectCode(await failure(() => fs.readFile(at('e'))), 'VALIDATION', 'is_a_directory');
      expectCode(await failure(() => fs.delete(at('e'))), 'VALIDATION', 'directory_not_empty');
      await fs.writeFile(at('e/other'), 'o');
      expectCode(await failure(() => fs.rename(at('e/f'), at('e/other'))), 'ALREADY_EXISTS');
      await fs.rename(at('e/f'), at('e/other'), { overwrite: true });
      expect((await fs.readFile(at('e/other'))).toString()).toBe('x');
    });

    it('mkdir -p, recursive delete and recursive copy', async () => {
      await fs.mkdir(at('deep/a/b/c'), { recursive: true });
      await fs.mkdir(at('deep/a/b/c'), { recursive: true });
      await fs.writeFile(at('deep/a/b/c/file'), 'deep');
      await fs.writeFile(at('deep/top'), 'top');
      const copied = await fs.copy(at('deep'), at('deep-copy'), { recursive: true });
      expect(copied.bytes).toBe(7);
      expect((await fs.readFile(at('deep-copy/a/b/c/file'))).toString()).toBe('deep');
      expectCode(await failure(() => fs.copy(at('deep'), at('deep-copy2'))), 'VALIDATION', 'is_a_directory');
      expectCode(await failure(() => fs.copy(at('deep/top'), at('deep-copy/top'))), 'ALREADY_EXISTS');
      await fs.delete(at('deep'), { recursive: true });
      expect(await fs.exists(at('deep'))).toBe(false);
      expect(await fs.exists(at('deep-copy/top'))).toBe(true);
    });

    it('enforces read limits and previews the head of a file', async () => {
      const big = Buffer.alloc(200_000, 'x');
      await fs.writeFile(at('big'), big);
      expectCode(await failure(() => fs.readFile(at('big'), { maxBytes: 1000 })), 'VALIDATION', 'too_big');
      const head = await fs.preview(at('big'), { maxBytes: 100_000 });
      expect(head).toMatchObject({ truncated: true, size: 200_000 });
      expect(head.content.length).toBe(100_000);
      await fs.writeFile(at('small'), 'hello\n');
      const small = await fs.preview(at('small'));
      expect(small).toMatchObject({ truncated: false, size: 6 });
    });

    // Every way of reading a file, each given a fresh target so that none is refused for "exists".
    const readPaths = (path: string): [string, () => Promise<unknown>][] => [
      ['readFile', () => fs.readFile(path)],
      ['preview', () => fs.preview(path)],
      ['createReadStream', () => fs.createReadStream(path)],
      ['download', () => fs.download(path, join(localTmp, `down-${Math.random()}`))],
      ['copy', () => fs.copy(path, `${path}-copy`)],
    ];

    it('refuses a FIFO on every read path at once, leaving no reader blocked on it', async () => {
      const fifo = await fs.resolve(at('fifo'));
      await special.mkfifo(fifo);
      try {
        for (const [name, read] of readPaths(fifo)) {
          const err = await failure(read);
          expectCode(err, 'VALIDATION', 'not_a_regular_file', name);
          expect(String(err), name).toMatch(/is not a regular file \(a FIFO\)/);
        }
        expect(await fs.exists(`${fifo}-copy`)).toBe(false);
        expect(await special.fifoHasReader(fifo)).toBe(false);
        // The file system is still usable: nothing is stuck behind the refused reads.
        expect((await fs.stat(fifo)).type).toBe('other');
      } finally {
        // Unblocks readers left waiting for a writer (the code before the fix), bounded in case the
        // path is not a FIFO any more.
        for (let i = 0; i < 10 && (await special.fifoHasReader(fifo)); i++);
      }
    });

    it('refuses a symlink to /dev/zero on every read path instead of reading forever', async () => {
      const zero = await fs.resolve(at('zero'));
      await special.symlink('/dev/zero', zero);
      for (const [name, read] of readPaths(zero)) {
        const err = await failure(read);
        expectCode(err, 'VALIDATION', 'not_a_regular_file', name);
        expect(String(err), name).toMatch(/is not a regular file \(a character device\)/);
      }
      expect(await fs.exists(`${zero}-copy`)).toBe(false);
    });

    it('refuses a directory on every read path', async () => {
      await fs.mkdir(at('a-dir'));
      for (const [name, read] of readPaths(await fs.resolve(at('a-dir')))) {
        expectCode(await failure(read), 'VALIDATION', 'is_a_directory', name);
      }
    });

    it('counts the bytes it reads: a file whose size says 0 (/proc) is held to the limits', async () => {
      // procfs files are regular files of size 0 whatever they hold, like a file still growing.
      const cpuinfo = await fs.resolve(at('cpuinfo'));
      await special.symlink('/proc/cpuinfo', cpuinfo);
      expect((await fs.readFile(cpuinfo)).toString()).toMatch(/processor/);
      expectCode(await failure(() => fs.readFile(cpuinfo, { maxBytes: 64 })), 'VALIDATION', 'too_big');
      const head = await fs.preview(cpuinfo, { maxBytes: 64 });
      expect(head.content.length).toBe(64);
      expect(head.truncated).toBe(true);
      expect(head.size).toBeGreaterThan(64);
      const whole = await fs.preview(cpuinfo, { maxBytes: 1024 * 1024 });
      expect(whole.truncated).toBe(false);
      expect(whole.size).toBe(whole.content.length);
    });

    it('validates read limits', async () => {
      await fs.writeFile(at('limits'), 'x');
      for (const maxBytes of [0, -1, 1.5, Number.NaN]) {
        expectCode(await failure(() => fs.readFile(at('limits'), { maxBytes })), 'VALIDATION');
        expectCode(await failure(() => fs.preview(at('limits'), { maxBytes })), 'VALIDATION');
      }
      expectCode(await failure(() => fs.createReadStream(at('limits'), { start: -1 })), 'VALIDATION');
    });

    it('streams, uploads and downloads with progress events', async () => {
      const data = Buffer.alloc(3 * 1024 * 1024 + 17);
      for (let i = 0; i < data.length; i++) data[i] = (i * 31) & 0xff;
      const local = join(localTmp, 'up.bin');
      writeFileSync(local, data);
      const upEvents: number[] = [];
      const up = await fs.upload(local, at('up.bin'), { onProgress: (p) => upEvents.push(p.bytes) });
      expect(up.bytes).toBe(data.length);
      expect(upEvents.at(-1)).toBe(data.length);
      expect(upEvents.length).toBeGreaterThanOrEqual(3);
      expect(upEvents).toEqual([...upEvents].sort((a, b) => a - b));
      expectCode(await failure(() => fs.upload(local, at('up.bin'))), 'ALREADY_EXISTS');

      const downEvents: { bytes: number; total: number | undefined }[] = [];
      const back = join(localTmp, 'down.bin');
      const down = await fs.download(at('up.bin'), back, { onProgress: (p) => downEvents.push(p) });
      expect(down.bytes).toBe(data.length);
      expect(readFileSync(back).equals(data)).toBe(true);
      expect(downEvents.at(-1)).toEqual({ bytes: data.length, total: data.length });

      const copy = await fs.copy(at('up.bin'), at('copy.bin'));
      expect(copy.bytes).toBe(data.length);
      const chunks: Buffer[] = [];
      for await (const c of await fs.createReadStream(at('copy.bin'), { start: 10 }))
        chunks.push(c as Buffer);
      expect(Buffer.concat(chunks).equals(data.subarray(10))).toBe(true);

      const written: number[] = [];
      const sink = await fs.createWriteStream(at('stream.bin'), { onProgress: (p) => written.push(p.bytes) });
      await new Promise<void>((resolve, reject) => {
        sink.on('error', reject);
        sink.on('finish', resolve);
        sink.end(data);
      });
      await expect.poll(async () => (await fs.stat(at('stream.bin'))).size).toBe(data.length);
      expect(written.at(-1)).toBe(data.length);
    });

    it('creates private files and directories with the requested modes', async () => {
      await fs.mkdir(at('private'), { mode: 0o700 });
      await fs.writeFile(at('private/secret'), 'token', { mode: 0o600 });
      expect((await fs.stat(at('private'))).mode & 0o777).toBe(0o700);
      expect((await fs.stat(at('private/secret'))).mode & 0o777).toBe(0o600);
      await fs.chmod(at('private/secret'), 0o400);
      expect((await fs.stat(at('private/secret'))).mode & 0o777).toBe(0o400);
    });

    it('refuses relative paths that climb above the home', async () => {
      expectCode(await failure(() => fs.stat('../../etc/passwd')), 'VALIDATION', 'path_escape');
    });
  });
}
