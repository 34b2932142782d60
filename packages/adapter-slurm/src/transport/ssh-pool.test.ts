/**
 * The pooled connection against an in-process ssh2 server whose commands answer instantly: the
 * channel confirmation, output, exit status and close reach the client in one socket read, the
 * case a loaded machine produces now and then with real sshd. Also: exit signals, connection
 * retries, and what closing the SSH transport leaves usable.
 */
import net, { type AddressInfo } from 'node:net';
import { Server, utils } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PoolSettings, pooledConnection } from './ssh-pool.js';
import { sshTransport } from './ssh.js';

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
        const signal = /^signal (\w+)$/.exec(info.command)?.[1];
        if (signal) {
          stream.exit(signal, false, '');
          stream.end();
          return;
        }
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

function connection(settings: Partial<PoolSettings> = {}, to = () => port) {
  let connects = 0;
  const pooled = pooledConnection(
    async () => ({ host: '127.0.0.1', port: to(), username: 'portal', password: 'x' }),
    {
      maxChannels: 4,
      keepaliveIntervalMs: 10_000,
      keepaliveCountMax: 3,
      readyTimeoutMs: 5_000,
      connectAttempts: 1,
      reconnectDelayMs: 0,
      maxOutputBytes: 1 << 20,
      ...settings,
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

  it("reports a command ended by a signal as 128 + that signal's number", async () => {
    const { pooled } = connection();
    try {
      const code = async (signal: string) =>
        (await pooled.exec({ commandLine: `signal ${signal}`, program: 'signal', timeoutMs: 5_000 }))
          .exitCode;
      expect(await code('KILL')).toBe(137);
      expect(await code('TERM')).toBe(143);
      expect(await code('SEGV')).toBe(139);
      expect(await code('HUP')).toBe(129);
    } finally {
      await pooled.close();
    }
  });

  it('fails as soon as the last connection attempt fails, without waiting for another', async () => {
    // A port nothing listens on: every attempt is refused at once.
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { pooled } = connection({ connectAttempts: 2, reconnectDelayMs: 400 }, () => deadPort);
    const started = Date.now();
    const err = await pooled.exec({ commandLine: 'true', program: 'true', timeoutMs: 5_000 }).catch((e) => e);
    const elapsed = Date.now() - started;
    expect(err).toMatchObject({ code: 'TRANSPORT' });
    // One wait of 400 ms between the two attempts; none after the second (that would be 800 more).
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(elapsed).toBeLessThan(1_000);
    await pooled.close();
  });
});

describe('sshTransport.close', () => {
  it('ends the connection but leaves the transport usable: the next command reconnects', async () => {
    const transport = sshTransport({
      host: '127.0.0.1',
      port,
      credentials: { username: 'portal', password: 'x' },
      hostKey: { trustOnFirstUse: true },
    });
    expect((await transport.exec({ argv: ['exit', '2'] })).exitCode).toBe(2);
    await transport.close();
    expect((await transport.exec({ argv: ['exit', '1'] })).exitCode).toBe(1);
    expect(transport.stats().connections).toBe(2);
    await transport.close();
  });
});
