import { createClient, type JobSpecInput, JobSpecSchema } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { mockAdapter } from '../mock-adapter.js';

const parse = (input: JobSpecInput) => JobSpecSchema.parse(input);

async function populated() {
  const adapter = mockAdapter();
  const submit = async (input: JobSpecInput, user = 'alice') =>
    (await adapter.jobs.submit(parse(input), { user })).job.id;
  const a = await submit({ name: 'a', command: 'sleep 10m', account: 'electroplating' });
  adapter.clock.advance('1m');
  const b = await submit(
    { name: 'b', command: 'sleep 1h\nexit 2', partition: 'gpu', gpusPerNode: 1, account: 'ai4ec' },
    'bob',
  );
  adapter.clock.advance('1m');
  const c = await submit({ name: 'a', command: 'sleep 2h', array: '0-2', account: 'ai4ec' });
  adapter.clock.advance('1m');
  const d = await submit({ name: 'd', command: 'x', hold: true });
  adapter.clock.advance('20m'); // a has ended
  return { adapter, ids: { a, b, c, d } };
}

const ids = (page: { jobs: { id: string }[] }) => page.jobs.map((j) => j.id);

describe('list', () => {
  it('lists everything visible, by submit time then id', async () => {
    const { adapter } = await populated();
    const page = await adapter.jobs.list({ offset: 0 }, {});
    expect([ids(page), page.total]).toEqual([['1000', '1001', '1002_0', '1002_1', '1002_2', '1005'], 6]);
  });

  it('AND-s the filters, and OR-s the values inside one', async () => {
    const { adapter } = await populated();
    const list = (query: object) => adapter.jobs.list({ offset: 0, ...query }, {}).then(ids);
    expect(await list({ users: ['bob'] })).toEqual(['1001']);
    expect(await list({ accounts: ['ai4ec'], users: ['alice'] })).toEqual(['1002_0', '1002_1', '1002_2']);
    expect(await list({ partitions: ['gpu', 'fat'] })).toEqual(['1001']);
    expect(await list({ name: 'a' })).toEqual(['1000', '1002_0', '1002_1', '1002_2']);
    expect(await list({ states: ['held', 'completed'] })).toEqual(['1000', '1005']);
    expect(await list({ states: ['running'], users: ['alice'] })).toEqual(['1002_0', '1002_1', '1002_2']);
    expect(
      await list({
        submitTime: { from: new Date('2026-01-01T00:01:00Z'), to: new Date('2026-01-01T00:02:00Z') },
      }),
    ).toEqual(['1001', '1002_0', '1002_1', '1002_2']);
    expect(await list({ endTime: { to: new Date('2026-01-01T00:10:00Z') } })).toEqual(['1000']);
    expect(await list({ endTime: { from: new Date('2026-01-01T00:10:01Z') } })).toEqual([]);
  });

  it('finds jobs by id, an array id standing for all its tasks', async () => {
    const { adapter, ids: known } = await populated();
    const page = await adapter.jobs.list({ jobIds: [known.c, known.a, '1002_1', 'nosuch'], offset: 0 }, {});
    expect(ids(page)).toEqual(['1000', '1002_0', '1002_1', '1002_2']);
  });

  it('answers 250 ids, 200 of them purged from the queue, in one call through the client', async () => {
    const adapter = mockAdapter({ minJobAge: 10 });
    const submit = async (input: JobSpecInput) => (await adapter.jobs.submit(parse(input), {})).job.id;
    const purged: string[] = [];
    for (let i = 0; i < 200; i++) purged.push(await submit({ command: 'sleep 10' }));
    adapter.clock.advance('10m');
    const held: string[] = [];
    for (let i = 0; i < 50; i++) held.push(await submit({ command: 'x', hold: true }));
    const client = createClient({ clusters: { hpc: { adapter } } });
    adapter.resetCalls();
    const page = await client.jobs.list({ jobIds: [...purged, ...held] });
    expect(adapter.calls['jobs.list']).toBe(1);
    expect(page.total).toBe(250);
    expect(page.jobs.filter((j) => j.state.raw === 'COMPLETED').map((j) => j.id)).toEqual(purged);
    expect(page.jobs.filter((j) => j.state.phase === 'held').map((j) => j.id)).toEqual(held);
    await client.close();
  });

  it('pages with offset and limit, counting the total over all pages', async () => {
    const { adapter } = await populated();
    const page = await adapter.jobs.list({ offset: 2, limit: 3 }, {});
    expect([ids(page), page.total]).toEqual([['1002_0', '1002_1', '1002_2'], 6]);
    expect(ids(await adapter.jobs.list({ offset: 5, limit: 3 }, {}))).toEqual(['1005']);
  });

  it('projects to the requested fields plus cluster, id and state', async () => {
    const { adapter } = await populated();
    const [job] = (
      await adapter.jobs.list({ offset: 0, limit: 1, fields: ['user', 'endTime', 'comment'] }, {})
    ).jobs;
    expect(job).toEqual({
      cluster: 'ikkem',
      id: '1000',
      state: { phase: 'ended', outcome: 'completed', raw: 'COMPLETED', exitCode: 0 },
      user: 'alice',
      endTime: new Date('2026-01-01T00:10:00Z'),
    });
  });
});

describe('get', () => {
  it('aggregates an array by its id', async () => {
    const { adapter, ids: known } = await populated();
    const array = await adapter.jobs.get(known.c, {});
    expect([array.id, array.arrayJobId, array.state.phase, array.requested.cores, array.nodeList]).toEqual([
      known.c,
      known.c,
      'running',
      3,
      ['cpu01'],
    ]);
  });
});

describe('visibility: live queue and accounting', () => {
  it('keeps ended jobs listable from accounting after they leave the live queue', async () => {
    const adapter = mockAdapter({ minJobAge: 60 });
    const { job } = await adapter.jobs.submit(parse({ command: 'sleep 10' }), {});
    adapter.clock.advance('1h');
    expect((await adapter.jobs.get(job.id, {})).state.raw).toBe('COMPLETED');
    adapter.faults.accountingDisabled(true);
    expect((await adapter.jobs.list({ offset: 0 }, {})).total).toBe(0);
    await expect(adapter.jobs.get(job.id, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    adapter.faults.accountingDisabled(false);
    expect((await adapter.jobs.list({ jobIds: [job.id], offset: 0 }, {})).total).toBe(1);
  });

  it('with accounting disabled, shows ended jobs only for MinJobAge', async () => {
    const adapter = mockAdapter({ minJobAge: 300 });
    adapter.faults.accountingDisabled(true);
    const { job } = await adapter.jobs.submit(parse({ command: 'sleep 10' }), {});
    adapter.clock.advance('309s');
    expect((await adapter.jobs.get(job.id, {})).state.raw).toBe('COMPLETED');
    adapter.clock.advance('1s');
    await expect(adapter.jobs.get(job.id, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('with an accounting delay, leaves a gap between the live queue and accounting', async () => {
    const adapter = mockAdapter({ minJobAge: 30 });
    adapter.faults.accountingDelay('2m');
    const { job } = await adapter.jobs.submit(parse({ command: 'sleep 10' }), {});
    adapter.clock.advance('39s');
    expect((await adapter.jobs.list({ jobIds: [job.id], offset: 0 }, {})).total).toBe(1);
    adapter.clock.advance('1s');
    expect((await adapter.jobs.list({ jobIds: [job.id], offset: 0 }, {})).total).toBe(0);
    adapter.clock.advance('90s');
    expect((await adapter.jobs.list({ jobIds: [job.id], offset: 0 }, {})).total).toBe(1);
  });

  it('with purge before accounting, an ended job vanishes at once and for good', async () => {
    const adapter = mockAdapter();
    adapter.faults.purgeBeforeAccounting(true);
    const { job } = await adapter.jobs.submit(parse({ command: 'sleep 10' }), {});
    adapter.clock.advance('9s');
    expect((await adapter.jobs.get(job.id, {})).state.raw).toBe('RUNNING');
    adapter.clock.advance('1s');
    adapter.faults.clear();
    adapter.clock.advance('1d');
    expect((await adapter.jobs.list({ offset: 0 }, {})).total).toBe(0);
  });
});
