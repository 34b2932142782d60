/**
 * Cuts a byte stream at delimiters, in order: each {@link Delimited.until} call gets the bytes
 * before the next occurrence of its token, as they arrive (a command's output may be large, so
 * it is never held whole here), then the cut moves past the token. Bytes that may be the start of
 * a token split across chunks are held back until the next chunk decides.
 */
export class Delimited {
  private held: Buffer = Buffer.alloc(0);
  private readonly cuts: { token: Buffer; onData: (data: Buffer) => void; onCut: () => void }[] = [];

  /** Adds bytes read from the stream. */
  feed(chunk: Buffer): void {
    this.held = this.held.length === 0 ? chunk : Buffer.concat([this.held, chunk]);
    this.drain();
  }

  /**
   * Queues a cut: `onData` gets every byte before the next `token` (possibly in several calls),
   * then `onCut` runs once the token has been read.
   */
  until(token: string | Buffer, onData: (data: Buffer) => void, onCut: () => void): void {
    const bytes = typeof token === 'string' ? Buffer.from(token) : token;
    if (bytes.length === 0) throw new RangeError('a delimiter cannot be empty');
    this.cuts.push({ token: bytes, onData, onCut });
    this.drain();
  }

  /** Bytes read but not yet handed to a cut (waiting for one, or a token's possible start). */
  get pendingBytes(): number {
    return this.held.length;
  }

  private drain(): void {
    while (this.cuts.length > 0 && this.held.length > 0) {
      const cut = this.cuts[0]!;
      const at = this.held.indexOf(cut.token);
      if (at >= 0) {
        if (at > 0) cut.onData(this.held.subarray(0, at));
        this.held = this.held.subarray(at + cut.token.length);
        this.cuts.shift();
        cut.onCut();
        continue;
      }
      // Only the tail that could begin the token waits for more bytes.
      const keep = partialTokenAt(this.held, cut.token);
      if (keep > 0) cut.onData(this.held.subarray(0, keep));
      this.held = this.held.subarray(keep);
      return;
    }
  }
}

/** Where the longest suffix of `data` that is a proper prefix of `token` begins (data.length if none). */
function partialTokenAt(data: Buffer, token: Buffer): number {
  const from = Math.max(0, data.length - token.length + 1);
  for (let i = from; i < data.length; i++) {
    if (data.subarray(i).equals(token.subarray(0, data.length - i))) return i;
  }
  return data.length;
}
