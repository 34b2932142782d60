import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHpckitError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { fileSystemContract, type SpecialFiles } from '../../test/file-system-contract.js';
import { localFileSystem } from './local-file-system.js';

const special: SpecialFiles = {
  mkfifo: async (path) => void execFileSync('mkfifo', ['--', path]),
  symlink: async (target, path) => symlinkSync(target, path),
  async fifoHasReader(path) {
    try {
      closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENXIO') return false;
      throw err;
    }
  },
};

fileSystemContract('local', async () => {
  const home = mkdtempSync(join(tmpdir(), 'hpckit-remote-home-'));
  return {
    fs: localFileSystem({ home, user: 'tester', progressIntervalBytes: 1024 * 1024 }),
    dir: 'scratch',
    cleanup: async () => rmSync(home, { recursive: true, force: true }),
    special,
  };
});

async function inTempHome(run: (home: string) => Promise<void>): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'hpckit-remote-local-'));
  try {
    await run(home);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

describe('localFileSystem', () => {
  it('names the path and the operation in permission errors', async () => {
    await inTempHome(async (home) => {
      const fs = localFileSystem({ home, user: 'tester' });
      // Root ignores permission bits, so provoke EACCES another way when running as root.
      const target = process.getuid?.() === 0 ? '/proc/1/mem' : '/root/x';
      const err = await fs.readFile(target).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'PERMISSION_DENIED' });
      expect((err as { details: { action: string } }).details.action).toBe(`read ${target}`);
    });
  });

  it('validates its options', () => {
    expect(() => localFileSystem({ home: 'relative' })).toThrow(/home must be an absolute path/);
  });

  it("reads of FIFOs never take Node's I/O threads: four at once, then other file calls run promptly", async () => {
    await inTempHome(async (home) => {
      const fs = localFileSystem({ home });
      const fifo = join(home, 'fifo');
      await special.mkfifo(fifo);
      const other = join(home, 'other.txt');
      writeFileSync(other, 'unrelated');
      // libuv has four threads by default: a blocking open() of a FIFO per read would take them all.
      const reads = [
        fs.readFile(fifo),
        fs.preview(fifo),
        fs.createReadStream(fifo),
        fs.download(fifo, join(home, 'down')),
      ].map((p) =>
        p.then(
          () => 'read',
          (e: unknown) => e,
        ),
      );
      try {
        const started = performance.now();
        expect(await readFile(other, 'utf8')).toBe('unrelated');
        expect(performance.now() - started).toBeLessThan(2000);
        for (const outcome of await Promise.all(reads)) {
          expect(isHpckitError(outcome, 'VALIDATION'), String(outcome)).toBe(true);
        }
      } finally {
        // Unblocks any reader left waiting for a writer (the code before the fix), so the pool recovers.
        for (let i = 0; i < 10 && (await special.fifoHasReader(fifo)); i++);
        await Promise.all(reads);
      }
    });
  });

  it("writes into a FIFO or a device a user left in place fail at once, never taking Node's I/O threads", async () => {
    await inTempHome(async (home) => {
      const fs = localFileSystem({ home });
      const fifo = join(home, 'last-form.json');
      await special.mkfifo(fifo);
      symlinkSync('/dev/null', join(home, 'session.json'));
      const other = join(home, 'other.txt');
      writeFileSync(other, 'unrelated');
      const writes = [
        fs.writeFile('last-form.json', '{}'),
        fs.createWriteStream('last-form.json'),
        fs.upload(other, 'last-form.json', { overwrite: true }),
        fs.writeFile('session.json', '{}'),
      ].map((p) =>
        p.then(
          () => 'written',
          (e: unknown) => e,
        ),
      );
      const drain = spawn('sh', ['-c', 'sleep 5; cat "$1" > /dev/null', 'drain', fifo]);
      try {
        const started = performance.now();
        expect(await readFile(other, 'utf8')).toBe('unrelated');
        expect(performance.now() - started).toBeLessThan(2000);
        for (const outcome of await Promise.all(writes)) {
          expect(isHpckitError(outcome, 'VALIDATION'), String(outcome)).toBe(true);
        }
      } finally {
        drain.kill();
      }
      // A regular file is still replaced, and created private when asked.
      await fs.writeFile('plain.txt', 'long text');
      await fs.writeFile('plain.txt', 'new', { mode: 0o600 });
      expect(await readFile(join(home, 'plain.txt'), 'utf8')).toBe('new');
    });
  });

  it('never returns more than the limit of a file growing while it is read', async () => {
    await inTempHome(async (home) => {
      const fs = localFileSystem({ home });
      const path = join(home, 'growing.log');
      writeFileSync(path, '');
      const limit = 256 * 1024;
      // A separate process appends 64 KiB at a time up to 64 MiB, as a job writing its output would.
      const writer: ChildProcess = spawn(
        process.execPath,
        [
          '-e',
          `const fs = require('node:fs'); const fd = fs.openSync(process.argv[1], 'a'); const b = Buffer.alloc(65536, 120);
           for (let i = 0; i < 1024; i++) fs.writeSync(fd, b);`,
          path,
        ],
        { stdio: 'ignore' },
      );
      const exited = new Promise((resolve) => writer.once('exit', resolve));
      try {
        let refused = 0;
        // Until enough reads were refused, however late the writer starts on a busy machine.
        for (const deadline = Date.now() + 20_000; Date.now() < deadline && refused < 20; ) {
          const outcome = await fs.readFile(path, { maxBytes: limit }).catch((e: unknown) => e);
          if (Buffer.isBuffer(outcome)) expect(outcome.length).toBeLessThanOrEqual(limit);
          else {
            expect(isHpckitError(outcome, 'VALIDATION'), String(outcome)).toBe(true);
            refused++;
          }
          const head = await fs.preview(path, { maxBytes: limit });
          expect(head.content.length).toBeLessThanOrEqual(limit);
          expect(head.size).toBeGreaterThanOrEqual(head.content.length);
        }
        expect(refused).toBeGreaterThan(0);
      } finally {
        writer.kill();
        await exited;
      }
    });
  });
});
