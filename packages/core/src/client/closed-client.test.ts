import { describe, expect, it } from 'vitest';
import { fakeAdapter } from '../../test/fake-adapter.js';
import { formatError } from '../errors/format.js';
import { isHpckitError } from '../errors/hpckit-error.js';
import { createClient } from './create-client.js';

const fast = { minIntervalMs: 5, maxIntervalMs: 20, jitter: 0, missingGraceMs: 0 };

async function rejection(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

function expectClosed(err: unknown): void {
  expect(isHpckitError(err, 'UNSUPPORTED')).toBe(true);
  if (!isHpckitError(err, 'UNSUPPORTED')) return;
  expect(err.details.reason).toBe('client_closed');
  expect(err.details.cluster).toBe('hpc');
  expect(err.retryable).toBe(false);
}

describe('a closed client', () => {
  it('refuses job, watch, admin and other calls with a typed client_closed error, on every view', async () => {
    const fake = fakeAdapter();
    const client = createClient({ clusters: { hpc: { adapter: fake } }, polling: fast });
    const alice = client.as('alice');
    const handle = await alice.jobs.submit({ command: 'x' });
    await client.close();
    const submitsBefore = fake.calls.submit ?? 0;

    const calls: [string, () => Promise<unknown>][] = [
      ['jobs.submit', () => alice.jobs.submit({ command: 'x' })],
      ['jobs.get', () => client.jobs.get(handle.id)],
      ['jobs.list', () => alice.jobs.list()],
      ['jobs.cancel', () => alice.jobs.cancel(handle.id)],
      [
        'jobs.watch',
        async () => {
          for await (const _ of alice.jobs.watch([handle.id])) break;
        },
      ],
      ['handle.wait', () => handle.wait()],
      ['handle.cancel', () => handle.cancel()],
      ['accounts.list', () => client.accounts.list()],
      ['users.status', () => client.users.status({ user: 'alice', account: 'acct' })],
      ['config.cluster', () => client.config.cluster()],
      ['version', () => client.version()],
      ['pollNow', () => client.pollNow()],
    ];
    for (const [name, call] of calls) {
      const err = await rejection(call);
      expect(isHpckitError(err), name).toBe(true);
      expectClosed(err);
    }
    expectClosed(await rejection(async () => client.capabilities()));
    expect(fake.calls.submit ?? 0).toBe(submitsBefore);

    const err = await rejection(() => client.as('bob').jobs.submit({ command: 'x' }));
    expect((err as Error).message).toBe(
      '[hpckit] This client was closed (client.close()), so it makes no more calls to cluster "hpc". ' +
        'Close a client only when the process is done with it; to go on, create a new one with createClient().',
    );
    expect(formatError(err, { locale: 'zh-CN' })).toContain(
      '此客户端已关闭（client.close()），不再调用集群“hpc”。',
    );
    // Closing again is harmless.
    await client.close();
  });

  it('ends a wait and a watch that are under way when it closes, instead of leaving them hanging', async () => {
    const client = createClient({
      clusters: { hpc: { adapter: fakeAdapter(), actAsLogin: true } },
      polling: fast,
    });
    const handle = await client.jobs.submit({ command: 'x' });
    const waiting = rejection(() => handle.wait());
    const watching = rejection(async () => {
      for await (const _ of client.jobs.watch([handle])) {
        // keeps listening until the job ends or the client closes
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await client.close();
    expectClosed(await waiting);
    expectClosed(await watching);
  });
});
