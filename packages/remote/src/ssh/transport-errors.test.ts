/**
 * A connection that cannot be opened fails SFTP, shells and commands with the SSH transport's own
 * error, tagged `[hpckit] [ssh]`: remote uses no scheduler adapter, so nothing here says `[slurm]`.
 */
import net, { type AddressInfo } from 'node:net';
import { isHpckitError } from '@hpckit/core';
import { sshTransport } from '@hpckit/transport';
import { describe, expect, it } from 'vitest';
import { sftpFileSystem } from '../fs/sftp-file-system.js';
import { openShell } from '../shell/open-shell.js';
import { runCommand } from '../shell/run-command.js';

/** A port of 127.0.0.1 nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail: nothing listens on the port');
}

describe('errors of an unreachable SSH host', () => {
  it('are the transport’s TRANSPORT errors, tagged [ssh], for SFTP, shells and commands', async () => {
    const transport = sshTransport({
      host: '127.0.0.1',
      port: await closedPort(),
      credentials: { username: 'alice', password: 'x' },
      hostKey: { trustOnFirstUse: true },
      connectAttempts: 1,
    });
    const files = sftpFileSystem({ transport });
    try {
      for (const run of [
        () => files.list('.'),
        () => openShell({ transport }),
        () => runCommand(transport, { argv: ['true'] }),
      ]) {
        const err = await failure(run);
        expect(isHpckitError(err, 'TRANSPORT')).toBe(true);
        expect(err).toMatchObject({ adapter: 'ssh' });
        expect((err as Error).message).toMatch(/^\[hpckit\] \[ssh\] Could not connect to alice@127\.0\.0\.1/);
      }
    } finally {
      await files.close();
      await transport.close();
    }
  });
});
