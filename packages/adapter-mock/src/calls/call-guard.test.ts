import {
  ADAPTER_OPERATION_PATHS,
  ADAPTER_OPERATIONS,
  type AdapterOperationSpec,
  isHpckitError,
  JobSpecSchema,
} from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { MOCK_OPERATIONS } from './mock-operations.js';
import { mockAdapter } from '../mock-adapter.js';

describe('faults at the adapter boundary', () => {
  it('fails the next calls of an operation with a retryable SCHEDULER_UNAVAILABLE, counted', async () => {
    const adapter = mockAdapter();
    adapter.faults.unavailable(2, { operations: ['jobs.list'] });
    const errors: unknown[] = [];
    for (let i = 0; i < 3; i++)
      await adapter.jobs.list({ offset: 0 }, {}).catch((err: unknown) => errors.push(err));
    await adapter.jobs.get('1', {}).catch(() => {});
    expect(errors).toHaveLength(2);
    const [first] = errors;
    expect(isHpckitError(first, 'SCHEDULER_UNAVAILABLE') && first.retryable).toBe(true);
    expect((first as { details: unknown }).details).toEqual({
      cluster: 'ikkem',
      command: ['squeue'],
      stderr: 'squeue: error: Unable to contact slurm controller (connect failure)',
      exitCode: 1,
    });
    expect([adapter.calls['jobs.list'], adapter.calls['jobs.get'], adapter.calls['jobs.submit']]).toEqual([
      3, 1, 0,
    ]);
    adapter.resetCalls();
    expect(adapter.calls['jobs.list']).toBe(0);
  });

  it('with a lost response, the submission happens but the caller sees an error', async () => {
    const adapter = mockAdapter();
    adapter.faults.unavailable(1, { operations: ['jobs.submit'], responseLost: true });
    const spec = JobSpecSchema.parse({ command: 'x' });
    const err = await adapter.jobs.submit(spec, { idempotencyKey: 'once' }).catch((e: unknown) => e);
    expect(isHpckitError(err, 'SCHEDULER_UNAVAILABLE')).toBe(true);
    expect((err as Error).message).toContain('did not answer');
    const retried = await adapter.jobs.submit(spec, { idempotencyKey: 'once' });
    expect(retried.job.id).toBe('1000');
    expect((await adapter.jobs.list({ offset: 0 }, {})).total).toBe(1);
  });

  it('waits the injected latency, and stops waiting when the call is aborted', async () => {
    const adapter = mockAdapter();
    adapter.faults.latency((op) => (op === 'version' ? 30 : 5_000));
    const started = performance.now();
    expect((await adapter.version({})).scheduler).toBe('mock');
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    const controller = new AbortController();
    const pending = adapter.jobs.list({ offset: 0 }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user gave up')), 10);
    await expect(pending).rejects.toThrow('user gave up');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('runs every operation of the core table through the guard, counted under its path, context in its place', async () => {
    expect(MOCK_OPERATIONS).toBe(ADAPTER_OPERATION_PATHS);
    const adapter = mockAdapter();
    adapter.faults.latency(1_000);
    for (const path of ADAPTER_OPERATION_PATHS) {
      const [group, name] = path.split('.') as [string, string | undefined];
      const holder = (name === undefined ? adapter : adapter[group as 'jobs']) as unknown as Record<
        string,
        (...args: unknown[]) => Promise<unknown>
      >;
      const args: unknown[] = [];
      // A call context whose signal is already aborted proves the guard found it in its place.
      args[(ADAPTER_OPERATIONS[path] as AdapterOperationSpec).input.length] = {
        signal: AbortSignal.abort(new Error(`aborted ${path}`)),
      };
      await expect(holder[name ?? group]!(...args)).rejects.toThrow(`aborted ${path}`);
    }
    expect(adapter.calls).toEqual(Object.fromEntries(ADAPTER_OPERATION_PATHS.map((path) => [path, 1])));
  });
});
