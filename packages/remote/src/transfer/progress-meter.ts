import { Transform } from 'node:stream';
import type { TransferProgress } from '../fs/file-system.js';

/** A pass-through stream counting bytes and reporting progress. */
export interface ProgressMeter extends Transform {
  /** Bytes that went through so far. */
  readonly bytes: number;
}

/**
 * A pass-through stream that calls `onProgress` every `intervalBytes` and once at the end, so a
 * 100 MB transfer makes about a hundred calls rather than thousands (one per SFTP packet).
 */
export function progressMeter(
  total: number | undefined,
  intervalBytes: number,
  onProgress?: (progress: TransferProgress) => void,
): ProgressMeter {
  let bytes = 0;
  let reported = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (onProgress && bytes - reported >= intervalBytes) {
        reported = bytes;
        onProgress({ bytes, total });
      }
      done(null, chunk);
    },
    flush(done) {
      if (onProgress && reported !== bytes) onProgress({ bytes, total });
      done();
    },
  });
  Object.defineProperty(meter, 'bytes', { get: () => bytes });
  return meter as ProgressMeter;
}
