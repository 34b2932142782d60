import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SftpCalls } from './sftp-calls.js';
import { sftpReadStream } from './sftp-streams.js';

/** Reads of `content` as a server would answer them: at most `maxAnswer` bytes each. */
function fakeCalls(content: Buffer, maxAnswer: number) {
  const state = { closed: 0, requested: 0 };
  const calls: Pick<SftpCalls, 'read' | 'closeHandle'> = {
    async read(_handle, length, position) {
      state.requested = Math.max(state.requested, position + length);
      return content.subarray(position, Math.min(content.length, position + Math.min(length, maxAnswer)));
    },
    async closeHandle() {
      state.closed++;
    },
  };
  return { calls, state };
}

describe('sftpReadStream', () => {
  it('delivers the bytes from start to end (or end of file), whatever size the stat said and however short the answers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 3000 }),
        // The stat's size: usually close to what the file holds (it grew or shrank a little).
        fc.integer({ min: -600, max: 600 }),
        fc.nat(3000),
        fc.option(fc.nat(4000), { nil: undefined }),
        fc.integer({ min: 1, max: 700 }),
        async (bytes, sizeDelta, start, end, maxAnswer) => {
          const content = Buffer.from(bytes);
          const size = Math.max(0, content.length + sizeDelta);
          const { calls, state } = fakeCalls(content, maxAnswer);
          const stream = sftpReadStream(
            calls,
            Buffer.from('h'),
            { size, start, end },
            { chunkSize: 256, concurrency: 4 },
          );
          const parts: Buffer[] = [];
          for await (const part of stream) parts.push(part as Buffer);
          const stop = Math.min(content.length, end ?? content.length);
          expect(Buffer.concat(parts).equals(content.subarray(start, Math.max(start, stop)))).toBe(true);
          // Never asks for a byte at or past `end`: a file growing forever costs nothing past it.
          if (end !== undefined) expect(state.requested).toBeLessThanOrEqual(Math.max(end, start));
          expect(state.closed).toBe(1);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
