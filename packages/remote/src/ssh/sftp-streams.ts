import { Readable, Writable } from 'node:stream';
import type { SFTPWrapper } from 'ssh2';

/** Pipelining of SFTP transfers. */
export interface PipelineOptions {
  /** Requests in flight at once. @default 32 */
  concurrency?: number;
  /** Bytes per request; OpenSSH serves at most 256 KiB per read, many servers 32 KiB. @default 32768 */
  chunkSize?: number;
}

const DEFAULTS = { concurrency: 32, chunkSize: 32 * 1024 };

// ssh2's own streams wait for each request's answer before sending the next one, so every chunk
// costs a round trip (and on loopback a delayed ACK): writes ran at ~1.6 MB/s. Keeping many
// requests in flight, as OpenSSH's sftp client does, makes the link the limit instead.

/**
 * A stream writing an open SFTP handle from offset 0, with up to `concurrency` write requests in
 * flight; `finish` fires once every write is acknowledged and the handle is closed.
 */
export function sftpWriteStream(sftp: SFTPWrapper, handle: Buffer, options: PipelineOptions = {}): Writable {
  const { concurrency, chunkSize } = { ...DEFAULTS, ...options };
  let position = 0;
  let inflight = 0;
  let failure: Error | undefined;
  let closed = false;
  const waiters: (() => void)[] = [];
  const settle = () => {
    for (const wake of waiters.splice(0)) wake();
  };
  const until = async (ready: () => boolean) => {
    while (!ready()) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  const close = () =>
    new Promise<void>((resolve, reject) => {
      if (closed) return resolve();
      closed = true;
      sftp.close(handle, (err) => (err ? reject(err) : resolve()));
    });

  return new Writable({
    highWaterMark: chunkSize * 8,
    write(chunk: Buffer, _encoding, done) {
      (async () => {
        for (let offset = 0; offset < chunk.length; offset += chunkSize) {
          await until(() => inflight < concurrency || failure !== undefined);
          if (failure) throw failure;
          const piece = chunk.subarray(offset, offset + chunkSize);
          inflight++;
          sftp.write(handle, piece, 0, piece.length, position, (err) => {
            inflight--;
            if (err) failure ??= err;
            settle();
          });
          position += piece.length;
        }
      })().then(() => done(), done);
    },
    final(done) {
      until(() => inflight === 0)
        .then(() => {
          if (failure) throw failure;
          return close();
        })
        .then(() => done(), done);
    },
    destroy(err, done) {
      close().then(
        () => done(err),
        () => done(err),
      );
    },
  });
}

/**
 * A stream reading an open SFTP handle from `start`, with up to `concurrency` reads in flight,
 * chunks delivered in order. `size` (from a stat) bounds the parallel reads; past it the stream
 * reads on one request at a time until end of file, so a file still growing is read to its end.
 */
export function sftpReadStream(
  sftp: SFTPWrapper,
  handle: Buffer,
  size: number,
  start = 0,
  options: PipelineOptions = {},
): Readable {
  const { concurrency, chunkSize } = { ...DEFAULTS, ...options };
  const pending: { offset: number; length: number; data: Promise<Buffer> }[] = [];
  let next = start;
  let pumping = false;
  let closed = false;

  const readAt = (offset: number, length: number) =>
    new Promise<Buffer>((resolve, reject) => {
      const buffer = Buffer.allocUnsafe(length);
      sftp.read(handle, buffer, 0, length, offset, (err, bytesRead) => {
        // ssh2 reports end of file as an error with code 1 (SSH_FX_EOF).
        if (err && (err as { code?: number }).code !== 1) return reject(err);
        resolve(buffer.subarray(0, err ? 0 : bytesRead));
      });
    });
  const request = (offset: number, length: number) => {
    const data = readAt(offset, length);
    data.catch(() => undefined);
    pending.push({ offset, length, data });
  };

  const stream = new Readable({
    highWaterMark: chunkSize * 8,
    read() {
      if (pumping) return;
      pumping = true;
      pump().catch((err) => stream.destroy(err));
    },
    destroy(err, done) {
      pending.length = 0;
      if (closed) return done(err);
      closed = true;
      sftp.close(handle, () => done(err));
    },
  });

  async function pump(): Promise<void> {
    for (;;) {
      while (pending.length < concurrency && next < size) {
        const length = Math.min(chunkSize, size - next);
        request(next, length);
        next += length;
      }
      const head = pending.shift();
      let data: Buffer;
      if (head) {
        data = await head.data;
        if (data.length > 0 && data.length < head.length) {
          // A short read before the end: fetch the rest of this range before moving on.
          const rest = await readAt(head.offset + data.length, head.length - data.length);
          data = Buffer.concat([data, rest]);
        }
        if (data.length < head.length) pending.length = 0; // the file shrank: stop at its end
      } else {
        data = await readAt(next, chunkSize);
        next += data.length;
      }
      if (closed) return;
      if (data.length === 0 && pending.length === 0) {
        stream.push(null);
        closed = true;
        sftp.close(handle, () => undefined);
        return;
      }
      if (data.length > 0 && !stream.push(data)) {
        pumping = false;
        return;
      }
    }
  }

  return stream;
}
