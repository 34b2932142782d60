import { EventEmitter } from 'node:events';
import { isHpckitError } from '@hpckit/core';
import type { Client, SFTPWrapper } from 'ssh2';
import { describe, expect, it } from 'vitest';
import type { SessionSource } from '../ssh/session-source.js';
import { sftpFileSystem } from './sftp-file-system.js';

type Done = (err?: Error | null, ...values: unknown[]) => void;
const CONTENT = Buffer.from('hello from the fake server\n');
const REGULAR = { mode: 0o100644, size: CONTENT.length, uid: 1, gid: 1, atime: 0, mtime: 0 };

/**
 * An SFTP server as OpenSSH's sftp-server behaves: one request at a time, so once an open or read
 * hangs (`stuck-open`, `stuck-read` in the path) nothing after it on the channel is answered.
 */
class FakeSftp extends EventEmitter {
  ended = false;
  private wedged = false;
  private answer(run: () => void, stuck = false): void {
    if (stuck) this.wedged = true;
    if (this.wedged || this.ended) return;
    setImmediate(run);
  }
  realpath(_path: string, done: Done) {
    this.answer(() => done(null, '/home/u'));
  }
  stat(_path: string, done: Done) {
    this.answer(() => done(null, REGULAR));
  }
  lstat(path: string, done: Done) {
    this.stat(path, done);
  }
  open(path: string, _flags: string, _attrs: object, done: Done) {
    this.answer(() => done(null, Buffer.from(path)), path.includes('stuck-open'));
  }
  fstat(_handle: Buffer, done: Done) {
    this.answer(() => done(null, REGULAR));
  }
  read(handle: Buffer, buffer: Buffer, offset: number, length: number, position: number, done: Done) {
    this.answer(() => {
      const n = CONTENT.copy(buffer, offset, position, Math.min(CONTENT.length, position + length));
      done(null, n, buffer, position);
    }, handle.toString().includes('stuck-read'));
  }
  close(_handle: Buffer, done: Done) {
    this.answer(() => done(null));
  }
  end() {
    this.ended = true;
    setImmediate(() => this.emit('close'));
  }
}

function fakeServer() {
  const channels: FakeSftp[] = [];
  const client = {
    sftp(done: (err: Error | undefined, sftp: SFTPWrapper) => void) {
      const sftp = new FakeSftp();
      channels.push(sftp);
      setImmediate(() => done(undefined, sftp as unknown as SFTPWrapper));
    },
  } as unknown as Client;
  const transport: SessionSource = { session: async () => ({ client, login: 'u', host: 'fake' }) };
  return { channels, transport };
}

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  return run().then(
    () => {
      throw new Error('expected a failure');
    },
    (err: unknown) => err,
  );
}

describe('sftpFileSystem timeouts', () => {
  it('fails an open that hangs with TimeoutError, ends the channel, and serves the next call on a new one', async () => {
    const { channels, transport } = fakeServer();
    const fs = sftpFileSystem({ transport, openTimeoutMs: 50 });
    const started = performance.now();
    const err = await failure(() => fs.readFile('stuck-open'));
    expect(isHpckitError(err, 'TIMEOUT'), String(err)).toBe(true);
    expect((err as { details: object }).details).toEqual({
      operation: 'read /home/u/stuck-open',
      timeoutMs: 50,
      reason: 'sftp_unanswered',
      step: 'open',
    });
    expect(String(err)).toMatch(/did not answer the open within 50 ms/);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(channels[0]!.ended).toBe(true);
    expect((await fs.readFile('fine.txt')).equals(CONTENT)).toBe(true);
    expect(channels).toHaveLength(2);
  });

  it('fails a read that hangs with TimeoutError on every read path, ending the channel each time', async () => {
    const { channels, transport } = fakeServer();
    const fs = sftpFileSystem({ transport, readTimeoutMs: 50 });
    const reads: [string, () => Promise<unknown>][] = [
      ['readFile', () => fs.readFile('stuck-read')],
      ['preview', () => fs.preview('stuck-read')],
      [
        'createReadStream',
        async () => {
          for await (const _ of await fs.createReadStream('stuck-read'));
        },
      ],
      ['copy', () => fs.copy('stuck-read', 'copy-of-it', { overwrite: true })],
    ];
    for (const [name, read] of reads) {
      const err = await failure(read);
      expect(isHpckitError(err, 'TIMEOUT'), `${name}: ${String(err)}`).toBe(true);
      expect(String(err), name).toMatch(/did not answer the read within 50 ms/);
      expect(channels.at(-1)!.ended, name).toBe(true);
    }
  });

  it('fails calls waiting behind a hung open with TransportError instead of leaving them waiting', async () => {
    const { transport } = fakeServer();
    const fs = sftpFileSystem({ transport, openTimeoutMs: 50 });
    await fs.home();
    const stuck = failure(() => fs.readFile('stuck-open'));
    await new Promise((resolve) => setTimeout(resolve, 10)); // the open is sent and hangs
    const behind = failure(() => fs.stat('other'));
    expect(isHpckitError(await stuck, 'TIMEOUT')).toBe(true);
    const err = await behind;
    expect(isHpckitError(err, 'TRANSPORT'), String(err)).toBe(true);
    expect(String(err)).toMatch(/went unanswered for 50 ms/);
  });

  it('validates the timeouts', () => {
    const { transport } = fakeServer();
    for (const bad of [{ openTimeoutMs: 0 }, { readTimeoutMs: -1 }, { openTimeoutMs: 1.5 }]) {
      expect(() => sftpFileSystem({ transport, ...bad })).toThrow(/Invalid SFTP file system options/);
    }
  });
});
