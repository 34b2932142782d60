import { randomBytes } from 'node:crypto';
import { isHpckitError } from '@hpckit/core';
import { afterAll, describe, expect, it } from 'vitest';
import type { SFTPWrapper } from 'ssh2';
import { runCommand, type SessionSource, sftpFileSystem } from '../src/index.js';
import { sftpCalls } from '../src/ssh/sftp-calls.js';
import { SftpChannelAbandoned, SftpTimeout } from '../src/ssh/sftp-timeouts.js';
import { assertSshdUp, perUserTransport, sudoTransport } from './cluster.js';
import { fileSystemContract, type SpecialFiles } from './file-system-contract.js';

assertSshdUp();
const transport = perUserTransport();
// The adapter's transport is a session source as it is: no wrapper needed.
const source: SessionSource = transport;
afterAll(() => transport.close());

async function asAlice(argv: string[]): Promise<number> {
  return (await runCommand(transport, { user: 'alice', argv })).exitCode;
}

// FIFOs and symlinks made by alice on the node, as a user (or a job of hers) would.
const special: SpecialFiles = {
  mkfifo: async (path) => expect(await asAlice(['mkfifo', '--', path])).toBe(0),
  symlink: async (target, path) => expect(await asAlice(['ln', '-s', '--', target, path])).toBe(0),
  // dd's non-blocking open for writing fails with ENXIO unless a reader has the FIFO open or is
  // blocked opening it (and then unblocks that reader).
  fifoHasReader: async (path) =>
    (await asAlice([
      'dd',
      'if=/dev/null',
      `of=${path}`,
      'oflag=nonblock',
      'conv=notrunc,nocreat',
      'status=none',
    ])) === 0,
};

fileSystemContract('sftp as alice', async () => {
  const fs = sftpFileSystem({ transport: source, user: 'alice', progressIntervalBytes: 1024 * 1024 });
  const dir = `hpckit-remote-test-${randomBytes(4).toString('hex')}`;
  return { fs, dir, cleanup: () => fs.delete(dir, { recursive: true }), special };
});

describe('sftpFileSystem on the real sshd', () => {
  it("works as the user: alice's home, and bob's private files refused", async () => {
    const alice = sftpFileSystem({ transport, user: 'alice' });
    expect(await alice.home()).toBe('/home/alice');
    expect(alice.user).toBe('alice');
    await alice.writeFile('hpckit-remote-owner-check', 'x', { mode: 0o600 });
    const bob = sftpFileSystem({ transport, user: 'bob' });
    const err = await bob.readFile('/home/alice/hpckit-remote-owner-check').catch((e: unknown) => e);
    expect(isHpckitError(err, 'PERMISSION_DENIED') || isHpckitError(err, 'NOT_FOUND')).toBe(true);
    await alice.delete('hpckit-remote-owner-check');
    await Promise.all([alice.close(), bob.close()]);
  });

  it('times out an open that blocks in sftp-server (a FIFO) and gives the channel up', async () => {
    // The file system refuses a FIFO before opening it; only a symlink swapped in between the
    // check and the open gets this far, so this drives the calls directly on a real FIFO.
    const fifo = `/home/alice/hpckit-remote-fifo-${randomBytes(4).toString('hex')}`;
    await special.mkfifo(fifo);
    const { client } = await transport.session('alice');
    const sftp = await new Promise<SFTPWrapper>((resolve, reject) =>
      client.sftp((err, s) => (err ? reject(err) : resolve(s))),
    );
    const closed = new Promise<void>((resolve) => sftp.once('close', () => resolve()));
    let abandoned = 0;
    const calls = sftpCalls(sftp, { openTimeoutMs: 300, readTimeoutMs: 300, onAbandon: () => abandoned++ });
    try {
      const err = await calls.open(fifo, 'r').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SftpTimeout);
      expect(abandoned).toBe(1);
      // Later calls fail at once instead of queueing behind the blocked open.
      await expect(calls.stat('.')).rejects.toBeInstanceOf(SftpChannelAbandoned);
      // The pooled connection is unaffected: a new channel works.
      const fs = sftpFileSystem({ transport, user: 'alice' });
      expect(await fs.exists(fifo)).toBe(true);
      await fs.close();
      // As documented, sshd keeps that sftp process (and its channel) until the blocked open
      // returns, which a writer of the FIFO makes it do: this one.
      expect(await special.fifoHasReader(fifo)).toBe(true);
      await closed;
      expect(await special.fifoHasReader(fifo)).toBe(false);
    } finally {
      for (let i = 0; i < 10 && (await special.fifoHasReader(fifo)); i++);
      await asAlice(['rm', '-f', '--', fifo]);
    }
  });

  it('reconnects after close() on the same pooled connection', async () => {
    const fs = sftpFileSystem({ transport, user: 'alice' });
    expect(await fs.exists('.')).toBe(true);
    await fs.close();
    expect(await fs.exists('.')).toBe(true);
    await fs.close();
  });

  it('refuses SFTP for another user through a sudo transport with UnsupportedError', async () => {
    const sudo = sudoTransport();
    try {
      const err = await sftpFileSystem({ transport: sudo, user: 'alice' })
        .home()
        .catch((e: unknown) => e);
      expect(isHpckitError(err, 'UNSUPPORTED')).toBe(true);
      expect(String(err)).toMatch(/logs in as portal/);
    } finally {
      await sudo.close();
    }
  });
});
