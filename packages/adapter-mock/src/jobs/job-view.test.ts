import { JobSpecSchema } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { mockAdapter } from '../mock-adapter.js';

describe('job view: pending reasons like Slurm', () => {
  it('None before the scheduler looked, then Resources for the first blocked job and Priority behind it', async () => {
    const adapter = mockAdapter();
    const submit = async (input: object) =>
      (await adapter.jobs.submit(JobSpecSchema.parse({ command: 'sleep 1h', ...input }), {})).job;
    await submit({ nodes: 8, coresPerNode: 64 });
    const first = await submit({ coresPerNode: 64 });
    expect(first.state.reason).toBe('None');
    const second = await submit({ coresPerNode: 1, timeLimit: '2h' });
    const reasons = async () =>
      (await adapter.jobs.list({ jobIds: [first.id, second.id], offset: 0 }, {})).jobs.map(
        (j) => j.state.reason,
      );
    expect(await reasons()).toEqual(['Resources', 'Priority']);
    adapter.clock.advance('1h');
    const [a, b] = (await adapter.jobs.list({ jobIds: [first.id, second.id], offset: 0 }, {})).jobs;
    expect([a!.state.raw, a!.state.reason, b!.state.raw]).toEqual(['RUNNING', 'None', 'RUNNING']);
  });

  it('keeps elapsed time, start and end consistent while running and after', async () => {
    const adapter = mockAdapter();
    const { job } = await adapter.jobs.submit(JobSpecSchema.parse({ command: 'sleep 100' }), {});
    adapter.clock.advance('42s');
    expect((await adapter.jobs.get(job.id, {})).elapsedSeconds).toBe(42);
    adapter.clock.advance('1h');
    const ended = await adapter.jobs.get(job.id, {});
    expect([ended.elapsedSeconds, ended.endTime!.getTime() - ended.startTime!.getTime()]).toEqual([
      100, 100_000,
    ]);
  });
});
