/**
 * The pooled connection against an in-process ssh2 server whose commands answer instantly: the
 * channel confirmation, output, exit status and close reach the client in one socket read, the
 * case a loaded machine produces now and then with real sshd.
 */
import type { AddressInfo } from 'node:net';
import { Server, utils } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pooledConnection } from './ssh-pool.js';

const hostKey = utils.generateKeyPairSync('ed25519').private;
let server: Server;
let port: number;

beforeAll(async () => {
  server = new Server({ hostKeys: [hostKey] }, (client) => {
    client.on('authentication', (ctx) => ctx.accept());
    client.on('error', () => undefined);
    client.on('session', (accept) => {
      accept().on('exec', (acceptExec, _reject, info) => {
        const stream = acceptExec();
        // Everything in one tick, so it leaves in one write: `exit 3` prints and fails at once.
        const code = Number(/^exit (\d+)$/.exec(info.command)?.[1] ?? 0);
        stream.write(`ran ${info.command}\n`);
        stream.stderr.write('warn\n');
        stream.exit(code);
        stream.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function connection() {
  let connects = 0;
  const pooled = pooledConnection(
    async () => ({ host: '127.0.0.1', port, username: 'portal', password: 'x' }),
    {
      maxChannels: 4,
      keepaliveIntervalMs: 10_000,
      keepaliveCountMax: 3,
      readyTimeoutMs: 5_000,
      connectAttempts: 1,
      reconnectDelayMs: 0,
      maxOutputBytes: 1 << 20,
    },
    { host: '127.0.0.1', user: 'portal' },
    () => connects++,
  );
  return { pooled, connects: () => connects };
}

describe('pooledConnection', () => {
  it('reports the exit status of commands that finish before the channel callback returns', async () => {
    const { pooled, connects } = connection();
    try {
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          pooled.exec({ commandLine: `exit ${i % 3}`, program: 'exit', timeoutMs: 5_000 }),
        ),
      );
      results.forEach((r, i) => {
        expect(r).toEqual({ stdout: `ran exit ${i % 3}\n`, stderr: 'warn\n', exitCode: i % 3 });
      });
      // No command was mistaken for a lost connection, so nothing reconnected.
      expect(connects()).toBe(1);
      expect(pooled.maxOpenChannels).toBeLessThanOrEqual(4);
    } finally {
      await pooled.close();
    }
  });
});
