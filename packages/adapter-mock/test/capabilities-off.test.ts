/**
 * The mock with capabilities turned off: its definition lacks their operations, so core refuses
 * them exactly as for a real adapter without them, and the features it keeps behave as declared.
 */
import {
  ADAPTER_OPERATION_PATHS,
  ADAPTER_OPERATIONS,
  type AdapterOperationSpec,
  type CapabilityKey,
  createClient,
  createRuntimeAdapter,
  type HpckitClient,
} from '@hpckit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { mockAdapter } from '../src/index.js';

const clients: HpckitClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

const OFF: CapabilityKey[] = ['jobs.hold', 'accounts.block', 'users.manage', 'config.nodes'];

/** Whether the adapter-shaped `target` has a method at `path` of the operation table. */
function has(target: object, path: string): boolean {
  const [group, name] = path.split('.') as [string, string | undefined];
  const holder = (name === undefined ? target : (target as Record<string, object>)[group]) as Record<
    string,
    unknown
  >;
  return typeof holder[name ?? group] === 'function';
}

describe('the mock with capabilities turned off', () => {
  it('leaves out exactly the operations those capabilities guard, per the operation table', () => {
    const adapter = mockAdapter({ capabilities: Object.fromEntries(OFF.map((key) => [key, false])) });
    const absent = ADAPTER_OPERATION_PATHS.filter((path) => !has(adapter, path));
    const guardedByOff = ADAPTER_OPERATION_PATHS.filter((path) =>
      OFF.includes((ADAPTER_OPERATIONS[path] as AdapterOperationSpec).capability as CapabilityKey),
    );
    expect(absent).toEqual(guardedByOff);
    expect(absent).toEqual([
      'jobs.hold',
      'jobs.release',
      'accounts.block',
      'accounts.unblock',
      'accounts.status',
      'users.add',
      'users.remove',
      'config.nodes',
    ]);
    expect(ADAPTER_OPERATION_PATHS.every((path) => has(mockAdapter(), path))).toBe(true);
  });

  it('is refused by core with UNSUPPORTED naming the capability, before the mock counts a call', async () => {
    const adapter = mockAdapter({ capabilities: { 'jobs.hold': false, 'config.nodes': false } });
    const rt = createRuntimeAdapter(adapter, { retry: { retries: 0 } });
    const { job } = await rt.jobs.submit({ command: 'sleep 60' });
    for (const [call, capability] of [
      [rt.jobs.hold(job.id), 'jobs.hold'],
      [rt.jobs.release(job.id), 'jobs.hold'],
      [rt.jobs.submit({ command: 'sleep 60', hold: true }), 'jobs.hold'],
      [rt.config.nodes({ names: ['cn01'] }), 'config.nodes'],
    ] as const) {
      await expect(call).rejects.toMatchObject({ code: 'UNSUPPORTED', details: { capability } });
    }
    expect([
      adapter.calls['jobs.hold'],
      adapter.calls['jobs.release'],
      adapter.calls['config.nodes'],
    ]).toEqual([0, 0, 0]);
    expect(adapter.calls['jobs.submit']).toBe(1);
    expect((await rt.jobs.get(job.id)).state.phase).not.toBe('held');
  });

  it("without actAsUser, a client's calls naming a user are refused and the others act as the default user", async () => {
    const adapter = mockAdapter({
      capabilities: { actAsUser: false, 'jobs.hold': false },
      defaultUser: 'bob',
    });
    const client = createClient({ clusters: { hpc: { adapter } } });
    clients.push(client);
    await expect(client.as('alice').jobs.list()).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      details: { capability: 'actAsUser' },
    });
    const handle = await client.jobs.submit({ command: 'sleep 60', account: 'ai4ec' });
    expect((await client.jobs.get(handle.id)).user).toBe('bob');
    await expect(client.jobs.hold(handle.id)).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      details: { capability: 'jobs.hold' },
    });
  });

  it('without accounting history, an ended job is found only while it is in the live queue', async () => {
    const seen = async (history: boolean) => {
      const adapter = mockAdapter({ capabilities: { 'accounting.history': history }, minJobAge: '5m' });
      const rt = createRuntimeAdapter(adapter, { retry: { retries: 0 } });
      const { job } = await rt.jobs.submit({ command: 'sleep 60' });
      adapter.clock.advance('2m');
      const live = (await rt.jobs.get(job.id)).state.phase;
      adapter.clock.advance('10m');
      const later = await rt.jobs.list({ jobIds: [job.id] });
      return [live, later.jobs.map((j) => j.state.outcome)];
    };
    expect(await seen(true)).toEqual(['ended', ['completed']]);
    expect(await seen(false)).toEqual(['ended', []]);
  });
});
