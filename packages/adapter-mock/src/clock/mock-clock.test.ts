import { JobSpecSchema } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { mockAdapter } from '../mock-adapter.js';

const spec = (command: string, extra: object = {}) => JobSpecSchema.parse({ command, ...extra });

describe('mock clock', () => {
  it('advances by durations and to dates, running what is due', async () => {
    const adapter = mockAdapter();
    const { job } = await adapter.jobs.submit(spec('sleep 90'), {});
    expect(adapter.clock.advance('1m').toISOString()).toBe('2026-01-01T00:01:00.000Z');
    expect((await adapter.jobs.get(job.id, {})).state.raw).toBe('RUNNING');
    expect(adapter.clock.advance(30).toISOString()).toBe('2026-01-01T00:01:30.000Z');
    expect((await adapter.jobs.get(job.id, {})).endTime).toEqual(new Date('2026-01-01T00:01:30Z'));
    expect(adapter.clock.advanceTo(new Date('2026-01-02T00:00:00Z')).toISOString()).toBe(
      '2026-01-02T00:00:00.000Z',
    );
    expect(() => adapter.clock.advanceTo(new Date('2026-01-01T00:00:00Z'))).toThrow(
      /time only moves forward/,
    );
    expect(() => adapter.clock.advance('later')).toThrow(/Invalid clock\.advance\(duration\)/);
  });

  it('runs until idle and reports jobs that can never run', async () => {
    const adapter = mockAdapter();
    const failed = (await adapter.jobs.submit(spec('sleep 10\nexit 1'), {})).job.id;
    const never = (
      await adapter.jobs.submit(spec('x', { dependencies: [{ type: 'afterok', jobIds: [failed] }] }), {})
    ).job.id;
    const chained = (
      await adapter.jobs.submit(spec('x', { dependencies: [{ type: 'afterany', jobIds: [never] }] }), {})
    ).job.id;
    await adapter.jobs.submit(spec('sleep 1h'), {});
    const report = adapter.clock.runUntilIdle();
    expect([report.idle, report.limitReached, report.now.toISOString()]).toEqual([
      false,
      false,
      '2026-01-01T01:00:00.000Z',
    ]);
    expect(report.stuck.map((j) => [j.id, j.state.reason])).toEqual([
      [never, 'DependencyNeverSatisfied'],
      [chained, 'Dependency'],
    ]);
    await adapter.jobs.cancel(never, {});
    expect(adapter.clock.runUntilIdle()).toMatchObject({ idle: true, stuck: [] });
  });

  it('stops at a limit', async () => {
    const adapter = mockAdapter();
    await adapter.jobs.submit(spec('sleep 3d', { qos: 'long', timeLimit: '4d' }), {});
    const report = adapter.clock.runUntilIdle({ limit: '1d' });
    expect([report.idle, report.limitReached, report.now.toISOString()]).toEqual([
      false,
      true,
      '2026-01-02T00:00:00.000Z',
    ]);
  });

  it('in scaled mode follows real time, catching up on every call', async () => {
    let real = 0;
    const adapter = mockAdapter({ clock: { mode: 'scaled', scale: 600, realTime: () => real } });
    expect(adapter.clock.mode).toBe('scaled');
    const { job } = await adapter.jobs.submit(spec('sleep 10m'), {});
    real = 999; // 599.4 virtual seconds
    expect((await adapter.jobs.get(job.id, {})).state.raw).toBe('RUNNING');
    real = 1000;
    expect((await adapter.jobs.get(job.id, {})).state.raw).toBe('COMPLETED');
    expect(adapter.clock.advance('1h').toISOString()).toBe('2026-01-01T01:10:00.000Z');
    real = 1100;
    expect(adapter.clock.now().toISOString()).toBe('2026-01-01T01:11:00.000Z');
  });
});
