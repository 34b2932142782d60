import { z } from 'zod';

/**
 * How long an SFTP file system waits for the server. OpenSSH's sftp-server answers one request at
 * a time, so an open() that blocks (a FIFO without a writer, a hung NFS mount) or a read that never
 * returns would stall every later call on the channel: past these limits the call fails with
 * `TimeoutError` and the channel is closed, so the next call opens a fresh one.
 */
export const SftpTimeoutsSchema = z.object({
  /**
   * Longest wait for opening a file (for reading or writing), and for the check of what an opened
   * file is. @default 30000
   */
  openTimeoutMs: z.number().int().positive().default(30_000),
  /** Longest wait for one read request of a file. @default 30000 */
  readTimeoutMs: z.number().int().positive().default(30_000),
});

/** Validated SFTP timeouts. */
export type SftpTimeouts = z.output<typeof SftpTimeoutsSchema>;

/** An SFTP request that went unanswered past its timeout (mapped to core's `TimeoutError`). */
export class SftpTimeout extends Error {
  constructor(
    readonly step: 'open' | 'read',
    readonly timeoutMs: number,
  ) {
    super(`no answer to the SFTP ${step} within ${timeoutMs} ms`);
    this.name = 'SftpTimeout';
  }
}

/** A request that was still waiting when its channel was given up (mapped to `TransportError`). */
export class SftpChannelAbandoned extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SftpChannelAbandoned';
  }
}
