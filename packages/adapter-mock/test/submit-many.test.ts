import { createClient, type HpckitClient, isHpckitError } from '@hpckit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type MockAdapter, mockAdapter } from '../src/index.js';

const clients: HpckitClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
});

function setup(options: Parameters<typeof mockAdapter>[0] = {}): {
  adapter: MockAdapter;
  client: HpckitClient;
} {
  const adapter = mockAdapter(options);
  const client = createClient({ clusters: { hpc: { adapter } } });
  clients.push(client);
  return { adapter, client };
}

const spec = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  command: 'sleep 1m',
  timeLimit: '5m',
  hold: true,
  ...extra,
});

describe('client.jobs.submitMany', () => {
  it('answers one item per spec in order, in one adapter call; a bad spec fails alone', async () => {
    const { adapter, client } = setup();
    const items = await client
      .as('alice')
      .jobs.submitMany([
        spec('a'),
        spec('b', { memory: { perNode: 'lots' } }),
        spec('c', { partition: 'nope' }),
        spec('d'),
      ]);
    expect(items.map((i) => i.status)).toEqual(['submitted', 'failed', 'failed', 'submitted']);
    expect(adapter.calls['jobs.submitMany']).toBe(1);
    expect(adapter.calls['jobs.submit']).toBe(0);
    const [a, bad, refused, d] = items;
    expect(a?.status === 'submitted' && a.handle.job.name).toBe('a');
    expect(d?.status === 'submitted' && d.handle.job.name).toBe('d');
    expect(bad?.status === 'failed' && bad.error.code).toBe('VALIDATION');
    expect(refused?.status === 'failed' && isHpckitError(refused.error, 'POLICY_VIOLATION')).toBe(true);
    const listed = await client.jobs.list();
    expect(listed.jobs.map((j) => j.name).sort()).toEqual(['a', 'd']);
  });

  it('stops at the first failure with stopOnError: later specs are skipped and never reach the scheduler', async () => {
    const { client } = setup();
    const items = await client
      .as('alice')
      .jobs.submitMany([spec('a'), spec('b', { partition: 'nope' }), spec('c')], { stopOnError: true });
    expect(items.map((i) => i.status)).toEqual(['submitted', 'failed', 'skipped']);
    expect((await client.jobs.list()).jobs.map((j) => j.name)).toEqual(['a']);
  });

  it('submits one by one with the same outcomes on an adapter without the capability', async () => {
    const { adapter, client } = setup({ capabilities: { 'jobs.submitMany': false } });
    const items = await client
      .as('alice')
      .jobs.submitMany([spec('a'), spec('b', { partition: 'nope' }), spec('c')]);
    expect(items.map((i) => i.status)).toEqual(['submitted', 'failed', 'submitted']);
    expect(adapter.calls['jobs.submitMany']).toBe(0);
    expect(adapter.calls['jobs.submit']).toBe(3);
  });

  it('retries each job of a batch whose answer was lost alone, and finds it by its key: no duplicates', async () => {
    const { adapter, client } = setup();
    adapter.faults.unavailable(1, { operations: ['jobs.submitMany'], responseLost: true });
    const items = await client.as('alice').jobs.submitMany([spec('a'), spec('b'), spec('c')]);
    expect(items.map((i) => i.status)).toEqual(['submitted', 'submitted', 'submitted']);
    expect(adapter.calls['jobs.submit']).toBe(3);
    const listed = await client.jobs.list();
    expect(listed.jobs.map((j) => j.name).sort()).toEqual(['a', 'b', 'c']);
    expect(items.map((i) => (i.status === 'submitted' ? i.handle.id : '')).sort()).toEqual(
      listed.jobs.map((j) => j.id).sort(),
    );
  });

  it('returns the jobs already created when a sweep is resubmitted with the same keys', async () => {
    const { client } = setup();
    const keys = ['sweep-1', 'sweep-2'];
    const first = await client.as('alice').jobs.submitMany([spec('a'), spec('b')], { idempotencyKeys: keys });
    const again = await client.as('alice').jobs.submitMany([spec('a'), spec('b')], { idempotencyKeys: keys });
    const ids = (items: typeof first) =>
      items.map((i) => (i.status === 'submitted' ? i.handle.id : i.status));
    expect(ids(again)).toEqual(ids(first));
    expect((await client.jobs.list()).total).toBe(2);
  });

  it('refuses a key list that does not match the specs, an empty sweep and a bad key, before submitting', async () => {
    const { adapter, client } = setup();
    const alice = client.as('alice');
    await expect(alice.jobs.submitMany([spec('a')], { idempotencyKeys: ['k1', 'k2'] })).rejects.toMatchObject(
      {
        code: 'VALIDATION',
        details: { issues: [{ path: ['idempotencyKeys'] }] },
      },
    );
    await expect(alice.jobs.submitMany([])).rejects.toMatchObject({ code: 'VALIDATION' });
    const items = await alice.jobs.submitMany([spec('a')], { idempotencyKeys: ['has space'] });
    expect(items[0]?.status === 'failed' && items[0].error.details).toMatchObject({
      issues: [{ path: [0, 'idempotencyKey'] }],
    });
    expect(adapter.calls['jobs.submitMany']).toBe(0);
  });
});
