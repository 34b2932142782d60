/**
 * The pooled connection against an in-process ssh2 server whose commands answer instantly: the
 * channel confirmation, output, exit status and close reach the client in one socket read, the
 * case a loaded machine produces now and then with real sshd. Also: exit signals, connection
 * retries, and what closing the SSH transport leaves usable.
 */
import net, { type AddressInfo } from 'node:net';
import { formatError } from '@hpckit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSshd, type TestSshd } from '../test/in-process-sshd.js';
import { type PoolSettings, pooledConnection } from './ssh-pool.js';
import { sshTransport } from './ssh.js';

let sshd: TestSshd;
let port: number;

beforeAll(async () => {
  sshd = await startTestSshd();
  port = sshd.port;
});

afterAll(() => sshd.close());

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
      maxQueuedCommands: 1_000,
      ...settings,
    },
    { host: '127.0.0.1', port: to(), user: 'portal' },
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

  it('reports a session lost mid-command as a retryable TRANSPORT error, in English and in Chinese', async () => {
    const { pooled } = connection();
    try {
      const err = await pooled
        .exec({ commandLine: 'vanish', program: 'squeue', timeoutMs: 5_000 })
        .catch((e) => e);
      expect(err).toMatchObject({
        code: 'TRANSPORT',
        retryable: true,
        adapter: 'ssh',
        details: { reason: 'session_lost', host: '127.0.0.1', login: 'portal', program: 'squeue' },
      });
      expect(err.message).toBe(
        '[hpckit] [ssh] squeue on portal@127.0.0.1 ended without an exit status (connection or session lost). Check that the host is reachable and sshd is running; reads are retried automatically.',
      );
      expect(formatError(err, { locale: 'zh-CN' })).toBe(
        'squeue 在 portal@127.0.0.1 上结束时没有退出状态（连接或会话已丢失）。请检查主机是否可达、sshd 是否在运行；读操作会自动重试。',
      );
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

describe('the command queue of one connection', () => {
  it('refuses a command beyond maxQueuedCommands with a retryable TRANSPORT error, and runs the rest', async () => {
    const { pooled } = connection({ maxChannels: 1, maxQueuedCommands: 2 });
    try {
      const wait = () => pooled.exec({ commandLine: 'wait 300', program: 'wait', timeoutMs: 5_000 });
      // One runs, two wait for the channel, the fourth finds the queue full.
      const accepted = [wait(), wait(), wait()];
      const refused = await wait().catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'TRANSPORT', retryable: true });
      expect((refused as Error).message).toContain('2 commands already wait for a channel');
      expect((refused as Error).message).toContain('maxQueuedCommands');
      expect((await Promise.all(accepted)).map((r) => r.exitCode)).toEqual([0, 0, 0]);
      // Once the queue drained, commands are accepted again.
      expect((await wait()).exitCode).toBe(0);
    } finally {
      await pooled.close();
    }
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
