import { Readable, Writable } from 'node:stream';
import type { SFTPWrapper } from 'ssh2';
import type { SftpCalls } from './sftp-calls.js';

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

/** Where {@link sftpReadStream} reads. */
export interface ReadRange {
  /** Size of the file when it was opened: reads up to it are pipelined. */
  size: number;
  /** First byte to read. @default 0 */
  start?: number;
  /** Offset to stop before, whatever the file holds; without it, reads go on to end of file. */
  end?: number;
  /** Turns a failed request into the error the stream is destroyed with (a typed error). */
  fail?: (err: unknown) => Error;
}

/**
 * A stream reading an open SFTP handle, with up to `concurrency` reads in flight, chunks delivered
 * in order. `size` (from the opened handle's fstat) bounds the parallel reads; past it the stream
 * reads on one request at a time until end of file or `end`, so a file still growing is read to
 * its end, and one growing forever (or a size that says 0, as in /proc) is cut at `end`. The handle
 * is closed when the stream ends or is destroyed.
 */
export function sftpReadStream(
  calls: Pick<SftpCalls, 'read' | 'closeHandle'>,
  handle: Buffer,
  range: ReadRange,
  options: PipelineOptions = {},
): Readable {
  const { concurrency, chunkSize } = { ...DEFAULTS, ...options };
  const end = range.end ?? Number.POSITIVE_INFINITY;
  let bound = Math.min(range.size, end);
  const pending: { offset: number; length: number; data: Promise<Buffer> }[] = [];
  let next = range.start ?? 0;
  let pumping = false;
  let closed = false;

  const request = (offset: number, length: number) => {
    const data = calls.read(handle, length, offset);
    data.catch(() => undefined);
    pending.push({ offset, length, data });
  };
  const close = () => {
    closed = true;
    return calls.closeHandle(handle).catch(() => undefined);
  };

  const stream = new Readable({
    highWaterMark: chunkSize * 8,
    read() {
      if (pumping) return;
      pumping = true;
      pump().catch((err) => stream.destroy(range.fail ? range.fail(err) : err));
    },
    destroy(err, done) {
      pending.length = 0;
      if (closed) return done(err);
      close().then(() => done(err));
    },
  });

  async function pump(): Promise<void> {
    for (;;) {
      while (pending.length < concurrency && next < bound) {
        const length = Math.min(chunkSize, bound - next);
        request(next, length);
        next += length;
      }
      const head = pending.shift();
      let data: Buffer;
      if (head) {
        data = await head.data;
        if (data.length < head.length) {
          // A short answer is not the end of the file (a server may answer less than asked, or the
          // file may have shrunk and grown again): only an empty one is.
          const parts = [data];
          let got = data.length;
          while (got < head.length) {
            const rest = await calls.read(handle, head.length - got, head.offset + got);
            if (rest.length === 0) break;
            parts.push(rest);
            got += rest.length;
          }
          data = Buffer.concat(parts);
          if (got < head.length) {
            // The file ends before its stat said: drop the reads past it, go on one at a time.
            pending.length = 0;
            next = bound = head.offset + got;
          }
        }
      } else if (next < end) {
        data = await calls.read(handle, Math.min(chunkSize, end - next), next);
        next += data.length;
      } else {
        data = Buffer.alloc(0);
      }
      if (closed) return;
      if (data.length === 0 && pending.length === 0) {
        stream.push(null);
        void close();
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
