import { formatError, type JobSpecInput, JobSpecSchema } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { mockAdapter } from '../mock-adapter.js';

const parse = (input: JobSpecInput) => JobSpecSchema.parse(input);
const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (err) {
    return err as Error & { code?: string; details?: Record<string, unknown> };
  }
  throw new Error('expected a failure');
};

async function setup() {
  const adapter = mockAdapter();
  const submit = async (input: JobSpecInput, user = 'alice') =>
    (await adapter.jobs.submit(parse(input), { user })).job.id;
  return { adapter, submit };
}

describe('cancel', () => {
  it('cancels pending and running jobs, CANCELLED in the queue and CANCELLED by the uid in accounting', async () => {
    const { adapter, submit } = await setup();
    const running = await submit({ command: 'sleep 1h', timeLimit: '2h', nodes: 8, coresPerNode: 64 });
    const pending = await submit({ command: 'sleep 1h', coresPerNode: 64 });
    adapter.clock.advance('10m');
    // The pending one first: cancelling the running job frees the nodes and the other would start.
    expect(await adapter.jobs.cancel(pending, {})).toEqual({ status: 'cancelled' });
    expect(await adapter.jobs.cancel(running, {})).toEqual({ status: 'cancelled' });
    const [a, b] = (await adapter.jobs.list({ offset: 0 }, {})).jobs;
    expect([a!.state, a!.elapsedSeconds, a!.endTime]).toEqual([
      { phase: 'ended', outcome: 'cancelled', raw: 'CANCELLED', exitCode: 0 },
      600,
      new Date('2026-01-01T00:10:00Z'),
    ]);
    expect([b!.state.raw, b!.startTime]).toEqual(['CANCELLED', undefined]);
    expect(await adapter.jobs.cancel(running, {})).toEqual({ status: 'already_ended' });
    adapter.clock.advance('10m'); // past MinJobAge: both are read from accounting now
    expect((await adapter.jobs.list({ offset: 0 }, {})).jobs.map((j) => j.state.raw)).toEqual([
      'CANCELLED by 2001',
      'CANCELLED by 2001',
    ]);
  });

  it("refuses another user's job and unknown ids", async () => {
    const { adapter, submit } = await setup();
    const id = await submit({ command: 'x' });
    const denied = await failure(adapter.jobs.cancel(id, { user: 'bob' }));
    expect(denied.code).toBe('PERMISSION_DENIED');
    expect(denied.message).toBe(
      `[hpckit] [mock] User "bob" may not cancel job ${id}. Only the job's owner ("alice") or an administrator may do that.`,
    );
    expect(denied.details).toMatchObject({
      stderr: `scancel: error: Kill job error on job id ${id}: Access/permission denied`,
      exitCode: 210,
    });
    expect((await failure(adapter.jobs.cancel('4242', {}))).code).toBe('NOT_FOUND');
    expect(await adapter.jobs.cancel(id, { user: 'root' })).toEqual({ status: 'cancelled' });
    expect((await adapter.jobs.get(id, {})).state.raw).toBe('CANCELLED');
    adapter.clock.advance('10m');
    expect((await adapter.jobs.get(id, {})).state.raw).toBe('CANCELLED by 0');
  });

  it('cancels every live task of an array by its id', async () => {
    const { adapter, submit } = await setup();
    const id = await submit({ command: 'sleep 5m', array: '0-3%1' });
    adapter.clock.advance('6m');
    expect(await adapter.jobs.cancel(id, {})).toEqual({ status: 'cancelled' });
    const tasks = (await adapter.jobs.list({ jobIds: [id], offset: 0 }, {})).jobs.map((t) => t.state.outcome);
    expect(tasks).toEqual(['completed', 'cancelled', 'cancelled', 'cancelled']);
    expect((await adapter.jobs.get(id, {})).state).toMatchObject({ phase: 'ended', outcome: 'cancelled' });
  });
});

describe('hold and release', () => {
  it('holds a pending job (phase held, JobHeldUser) until released', async () => {
    const { adapter, submit } = await setup();
    const id = await submit({ command: 'sleep 60', directives: { begin: 'now+60' } });
    await adapter.jobs.hold!(id, {});
    await adapter.jobs.hold!(id, {});
    expect((await adapter.jobs.get(id, {})).state).toEqual({
      phase: 'held',
      raw: 'PENDING',
      reason: 'JobHeldUser',
    });
    adapter.clock.advance('2m');
    await adapter.jobs.release!(id, {});
    adapter.clock.advance('1s');
    expect((await adapter.jobs.get(id, {})).startTime).toEqual(new Date('2026-01-01T00:02:00Z'));
  });

  it('submits held with spec.hold', async () => {
    const { adapter, submit } = await setup();
    const id = await submit({ command: 'x', hold: true });
    expect(adapter.clock.runUntilIdle().stuck.map((j) => [j.id, j.state.reason])).toEqual([
      [id, 'JobHeldUser'],
    ]);
  });

  it('refuses to hold or release a running or ended job, saying why', async () => {
    const { adapter, submit } = await setup();
    const id = await submit({ command: 'sleep 60' });
    adapter.clock.advance('1s');
    const err = await failure(adapter.jobs.hold!(id, {}));
    expect(err.details).toMatchObject({
      reason: 'not_permitted',
      nativeReason: 'ESLURM_JOB_NOT_PENDING',
      stderr: `Job is no longer pending execution for job ${id}`,
    });
    expect(err.message).toBe(
      `[hpckit] [mock] Job ${id} is running, so it cannot be held: only pending jobs can be held or released.`,
    );
    // The catalogue words it from the facts, so it reads in Chinese too.
    expect(formatError(err, { locale: 'zh-CN' })).toBe(
      `作业 ${id} 正在运行，无法挂起：只有排队中的作业可以挂起或释放。`,
    );
    adapter.clock.advance('2m');
    expect((await failure(adapter.jobs.release!(id, {}))).message).toContain(
      'has ended, so it cannot be released',
    );
    expect((await failure(adapter.jobs.hold!(id, { user: 'bob' }))).code).toBe('PERMISSION_DENIED');
  });
});

describe('update time limit', () => {
  it('lowers a running job, and ends it as timeout if already past the new limit', async () => {
    const { adapter, submit } = await setup();
    const id = await submit({ command: 'sleep 1h', timeLimit: '2h' });
    adapter.clock.advance('10m');
    expect(await adapter.jobs.updateTimeLimit!(id, { delta: -3600 }, {})).toEqual({ timeLimitSeconds: 3600 });
    expect(await adapter.jobs.updateTimeLimit!(id, { set: 300 }, {})).toEqual({ timeLimitSeconds: 300 });
    const job = await adapter.jobs.get(id, {});
    expect([job.state.raw, job.state.reason, job.elapsedSeconds, job.timeLimitSeconds]).toEqual([
      'TIMEOUT',
      'TimeLimit',
      600,
      300,
    ]);
  });

  it('refuses to raise a running job for a user, but lets an admin', async () => {
    const { adapter, submit } = await setup();
    const id = await submit({ command: 'sleep 1h', timeLimit: '30m' });
    adapter.clock.advance('1m');
    const err = await failure(adapter.jobs.updateTimeLimit!(id, { set: 7200 }, {}));
    expect(err.code).toBe('PERMISSION_DENIED');
    expect(err.details).toMatchObject({ stderr: `Access/permission denied for job ${id}` });
    expect(err.message).toContain('may not raise the time limit of running job');
    await adapter.jobs.updateTimeLimit!(id, { set: 7200 }, { user: 'root' });
    adapter.clock.runUntilIdle();
    expect((await adapter.jobs.get(id, {})).state.raw).toBe('COMPLETED');
  });

  it('raises a pending job up to the QoS maximum', async () => {
    const { adapter, submit } = await setup();
    await submit({ command: 'sleep 1h', nodes: 8, coresPerNode: 64 });
    const id = await submit({ command: 'x', timeLimit: '1h' });
    expect(await adapter.jobs.updateTimeLimit!(id, { delta: 3600 }, {})).toEqual({ timeLimitSeconds: 7200 });
    const err = await failure(adapter.jobs.updateTimeLimit!(id, { set: 49 * 3600 }, {}));
    expect(err.details).toMatchObject({
      reason: 'time_limit_exceeds_qos',
      limit: 172_800,
      requested: 176_400,
      unit: 's',
      subject: 'normal',
    });
    expect((err.details as { command: string[] }).command).toEqual([
      'scontrol',
      'update',
      `JobId=${id}`,
      'TimeLimit=2-01:00:00',
    ]);
  });

  it('refuses changes to ended jobs and limits of zero or less', async () => {
    const { adapter, submit } = await setup();
    const id = await submit({ command: 'sleep 60', timeLimit: '10m' });
    expect((await failure(adapter.jobs.updateTimeLimit!(id, { delta: -600 }, {}))).code).toBe('VALIDATION');
    adapter.clock.advance('2m');
    const err = await failure(adapter.jobs.updateTimeLimit!(id, { set: 60 }, {}));
    expect(err.details).toMatchObject({ reason: 'not_permitted', nativeReason: 'ESLURM_ALREADY_DONE' });
  });
});
