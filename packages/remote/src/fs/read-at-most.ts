import type { Readable } from 'node:stream';

/** What {@link readAtMost} read. */
export interface CappedRead {
  /** The first bytes of the source, at most the limit. */
  content: Buffer;
  /** Whether the source held more than the limit. */
  more: boolean;
  /** Bytes received, possibly a chunk past the limit. */
  seen: number;
}

/**
 * Reads `source` until it ends or holds more than `limit` bytes, counting what arrives rather than
 * trusting a size from stat (a file growing while it is read, a /proc file whose size says 0).
 * Keeps at most `limit` bytes plus one chunk in memory, and destroys the source once past the
 * limit so nothing more is read.
 */
export async function readAtMost(source: Readable, limit: number): Promise<CappedRead> {
  const chunks: Buffer[] = [];
  let seen = 0;
  try {
    for await (const chunk of source) {
      const bytes = chunk as Buffer;
      chunks.push(bytes);
      seen += bytes.length;
      if (seen > limit) break; // leaving the loop destroys the source
    }
  } finally {
    source.destroy();
  }
  const all = Buffer.concat(chunks);
  return { content: seen > limit ? all.subarray(0, limit) : all, more: seen > limit, seen };
}
