/**
 * Every error a transport raises names the transport (`[hpckit] [local]`, `[hpckit] [ssh]`), never
 * a scheduler adapter: `@hpckit/remote` and portals use transports without one.
 */
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSshd, type TestSshd } from '../test/in-process-sshd.js';
import { fingerprintOf } from './host-key.js';
import { localTransport } from './local.js';
import { type SshTransportOptions, sshTransport } from './ssh.js';

let sshd: TestSshd;

beforeAll(async () => {
  sshd = await startTestSshd();
});

afterAll(() => sshd.close());

/** What `run` threw, or fails the test when it did not. */
async function thrown(run: () => unknown): Promise<Error> {
  try {
    await run();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a refusal, but the call succeeded');
}

function expectTagged(err: Error, tag: 'local' | 'ssh', code: string): void {
  expect(err).toMatchObject({ code, adapter: tag });
  expect(err.message.startsWith(`[hpckit] [${tag}] `)).toBe(true);
}

/** A port of 127.0.0.1 nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function ssh(overrides: Partial<SshTransportOptions> = {}) {
  return sshTransport({
    host: '127.0.0.1',
    port: sshd.port,
    credentials: { username: 'portal', password: 'x' },
    hostKey: { fingerprints: [fingerprintOf(sshd.hostKey)] },
    connectAttempts: 1,
    ...overrides,
  });
}

describe('errors of the local transport are tagged [local]', () => {
  it('for a timeout, an output limit and a program that cannot run', async () => {
    expectTagged(
      await thrown(() => localTransport({ timeoutMs: 100 }).exec({ argv: ['sleep', '5'] })),
      'local',
      'TIMEOUT',
    );
    expectTagged(
      await thrown(() =>
        localTransport({ maxOutputBytes: 10 }).exec({ argv: ['head', '-c', '100000', '/dev/zero'] }),
      ),
      'local',
      'TRANSPORT',
    );
    expectTagged(
      await thrown(() => localTransport().exec({ argv: ['no-such-program-hpckit'] })),
      'local',
      'TRANSPORT',
    );
  });

  it('for users it refuses to act for, or cannot act for at all', async () => {
    expectTagged(
      await thrown(() => localTransport().exec({ argv: ['id'], user: 'alice' })),
      'local',
      'UNSUPPORTED',
    );
    const sudo = localTransport({ actAs: { mode: 'sudo' } });
    expectTagged(await thrown(() => sudo.exec({ argv: ['id'], user: 'root' })), 'local', 'PERMISSION_DENIED');
    const unsupported = await thrown(() => localTransport().exec({ argv: ['id'], user: 'alice' }));
    expect(unsupported).toMatchObject({ details: { capability: 'actAsUser', adapter: 'local' } });
  });
});

describe('errors of the SSH transport are tagged [ssh]', () => {
  it('for options and credentials it cannot use', async () => {
    expectTagged(
      await thrown(() => sshTransport({ host: '', credentials: { username: 'portal', password: 'x' } })),
      'ssh',
      'VALIDATION',
    );
    expectTagged(await thrown(() => ssh({ actAs: { mode: 'credentials' } })), 'ssh', 'VALIDATION');
    const missingKey = ssh({
      credentials: { username: 'portal', privateKeyPath: '/nonexistent/hpckit_key' },
    });
    expectTagged(await thrown(() => missingKey.exec({ argv: ['ls'] })), 'ssh', 'VALIDATION');
    const bobForAlice = ssh({
      actAs: { mode: 'credentials', minUid: 0 },
      userCredentials: () => ({ username: 'bob', password: 'x' }),
    });
    expectTagged(
      await thrown(() => bobForAlice.exec({ argv: ['ls'], user: 'alice' })),
      'ssh',
      'PERMISSION_DENIED',
    );
    const noLogin = ssh({
      actAs: { mode: 'credentials', minUid: 0 },
      userCredentials: () => ({ username: 'alice' }),
    });
    expectTagged(await thrown(() => noLogin.exec({ argv: ['ls'], user: 'alice' })), 'ssh', 'VALIDATION');
    await Promise.all([missingKey.close(), bobForAlice.close(), noLogin.close()]);
  });

  it('for users it refuses to act for, or does not know', async () => {
    const t = ssh({ actAs: { mode: 'sudo' } });
    try {
      expectTagged(await thrown(() => t.exec({ argv: ['ls'], user: 'root' })), 'ssh', 'PERMISSION_DENIED');
      expectTagged(await thrown(() => t.exec({ argv: ['ls'], user: 'toor' })), 'ssh', 'PERMISSION_DENIED');
      expectTagged(await thrown(() => t.exec({ argv: ['ls'], user: 'nosuchuser' })), 'ssh', 'NOT_FOUND');
      expectTagged(await thrown(() => ssh().session('alice')), 'ssh', 'UNSUPPORTED');
    } finally {
      await t.close();
    }
  });

  it('for a host it cannot reach and a host key it does not trust', async () => {
    const refused = ssh({ port: await closedPort() });
    const impostor = ssh({
      hostKey: { fingerprints: ['SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'] },
    });
    try {
      expectTagged(await thrown(() => refused.exec({ argv: ['ls'] })), 'ssh', 'TRANSPORT');
      expectTagged(await thrown(() => refused.session()), 'ssh', 'TRANSPORT');
      expectTagged(await thrown(() => impostor.exec({ argv: ['ls'] })), 'ssh', 'TRANSPORT');
    } finally {
      await Promise.all([refused.close(), impostor.close()]);
    }
  });

  it('for a timeout, an output limit and a full pool', async () => {
    const t = ssh({
      actAs: { mode: 'credentials', minUid: 0 },
      userCredentials: (user) => ({ username: user, password: 'x' }),
      maxConnections: 1,
      maxOutputBytes: 5,
    });
    try {
      expectTagged(await thrown(() => t.exec({ argv: ['wait', '2000'], timeoutMs: 100 })), 'ssh', 'TIMEOUT');
      expectTagged(await thrown(() => t.exec({ argv: ['exit', '0'] })), 'ssh', 'TRANSPORT');
      const busy = t.exec({ argv: ['wait', '400'], user: 'alice' }).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expectTagged(await thrown(() => t.exec({ argv: ['exit', '0'], user: 'bob' })), 'ssh', 'TRANSPORT');
      await busy;
    } finally {
      await t.close();
    }
  });
});
