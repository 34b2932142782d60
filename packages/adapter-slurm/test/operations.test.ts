/**
 * The adapter's operations on canned Slurm output: how squeue and sacct are combined, how
 * unsettled accounting rows are read again, and how scancel's exit-0 answers are told apart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRuntimeAdapter } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { slurmAdapter } from '../src/index.js';
import { type Answer, cmd, FIXTURE_DELIMITER as D, scriptedTransport } from './scripted-transport.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', '22.05', name), 'utf8');
const records = (name: string) =>
  fixture(name)
    .split(`${D}\n`)
    .filter(Boolean)
    .map((r) => `${r}${D}\n`);
const sacctRow = (jobName: string) => records('sacct-ended.txt').find((r) => r.split(D)[2] === jobName)!;

const common: Answer[] = [
  { match: cmd('scontrol', 'config'), result: { stdout: 'ClusterName = local\nSLURM_VERSION = 22.05.8\n' } },
  { match: cmd('getent'), result: { stdout: 'alice:x:2001:2001::/home/alice:/bin/bash\n' } },
];

function adapter(answers: Answer[], options: Parameters<typeof slurmAdapter>[0] = {}) {
  const transport = scriptedTransport([...answers, ...common]);
  const rt = createRuntimeAdapter(slurmAdapter({ transport, settleIntervalMs: 10, ...options }), {
    retry: { retries: 0 },
  });
  return { rt, log: transport.log };
}

describe('jobs.get', () => {
  it('reads a job squeue no longer holds from sacct, asking sacct for that id only', async () => {
    const { rt, log } = adapter([
      {
        match: cmd('squeue'),
        result: { stderr: 'slurm_load_jobs error: Invalid job id specified\n', exitCode: 1 },
      },
      { match: cmd('sacct'), result: { stdout: sacctRow('fx-fail') } },
    ]);
    const job = await rt.jobs.get('84', { user: 'alice' });
    expect(job.state).toMatchObject({ phase: 'ended', outcome: 'failed', exitCode: 3 });
    const sacct = log.find((a) => a[0] === 'sacct')!;
    expect(sacct).toContain('--jobs=84');
    expect(sacct.some((a) => a.startsWith('--starttime=now-'))).toBe(true);
    expect(sacct.some((a) => a.startsWith('--state='))).toBe(true);
  });

  it('reads an unsettled accounting row again until it settles', async () => {
    const unsettled = fixture('sacct-unsettled.txt').trimEnd().replace(/^\d+/, '83').concat('\n');
    const { rt, log } = adapter([
      { match: cmd('squeue'), result: { stdout: '' } },
      { match: cmd('sacct'), result: { stdout: unsettled }, times: 2 },
      { match: cmd('sacct'), result: { stdout: sacctRow('fx-ok') } },
    ]);
    const job = await rt.jobs.get('83', {});
    expect(job.name).toBe('fx-ok');
    expect(job.qos).toBe('normal');
    expect(log.filter((a) => a[0] === 'sacct')).toHaveLength(3);
  });

  it('is NOT_FOUND when neither squeue nor sacct knows the id', async () => {
    const { rt } = adapter([
      { match: cmd('squeue'), result: { stdout: '' } },
      { match: cmd('sacct'), result: { stdout: '' } },
    ]);
    await expect(rt.jobs.get('987654321', {})).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { id: '987654321' },
    });
  });
});

describe('jobs.list', () => {
  it('merges live jobs and history, live rows winning, then sorts, pages and projects', async () => {
    const { rt, log } = adapter([
      { match: cmd('squeue'), result: { stdout: fixture('squeue-mixed.txt') } },
      { match: cmd('sacct'), result: { stdout: fixture('sacct-ended.txt') } },
    ]);
    const page = await rt.jobs.list({ users: ['alice'], limit: 5, fields: ['name'] }, {});
    expect(page.total).toBeGreaterThan(10);
    expect(page.jobs).toHaveLength(5);
    expect(Object.keys(page.jobs[0]!).sort()).toEqual(['cluster', 'id', 'name', 'state']);
    expect(log.find((a) => a[0] === 'squeue')).toContain('--user=alice');
    const live = await rt.jobs.list({ states: ['running'] }, {});
    expect(live.jobs.map((j) => j.name)).toEqual(['fx-running']);
  });

  it('does not ask accounting when only live phases are wanted', async () => {
    const { rt, log } = adapter([{ match: cmd('squeue'), result: { stdout: fixture('squeue-mixed.txt') } }]);
    await rt.jobs.list({ states: ['queued', 'held'] }, {});
    expect(log.some((a) => a[0] === 'sacct')).toBe(false);
  });
});

describe('jobs.cancel', () => {
  const scancel = (file: string, exitCode = 0): Answer => ({
    match: cmd('scancel'),
    result: { stderr: fixture(file), exitCode },
  });

  it('reports already_ended for a finished job (scancel exits 0 and says so only with -v)', async () => {
    const { rt, log } = adapter([scancel('scancel-ended.txt')]);
    expect(await rt.jobs.cancel('84', {})).toEqual({ status: 'already_ended' });
    expect(log[0]).toEqual(['scancel', '-v', '84']);
  });

  it('is NOT_FOUND for an unknown id, after checking accounting', async () => {
    const { rt } = adapter([
      scancel('scancel-unknown.txt'),
      { match: cmd('squeue'), result: { stdout: '' } },
      { match: cmd('sacct'), result: { stdout: '' } },
    ]);
    await expect(rt.jobs.cancel('987654321', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("is PERMISSION_DENIED for another user's job (exit 210)", async () => {
    const { rt } = adapter([scancel('scancel-other-user.txt', 210)]);
    await expect(rt.jobs.cancel('88', { user: 'bob' })).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
      details: { exitCode: 210 },
    });
  });
});

describe('jobs.submit', () => {
  it('refines an association submit limit into account_blocked when the account is blocked', async () => {
    const { rt } = adapter([
      { match: cmd('sbatch'), result: { stderr: fixture('sbatch-account-blocked.txt'), exitCode: 1 } },
      {
        match: cmd('sacctmgr', 'assoc'),
        result: { stdout: 'ai4ec||||||0\nai4ec|alice||long,normal|normal||\n' },
      },
    ]);
    const err = await rt.jobs
      .submit({ command: 'true', account: 'ai4ec' }, { user: 'alice' })
      .catch((e) => e);
    expect(err.details).toMatchObject({
      reason: 'account_blocked',
      nativeReason: 'AssocGrpSubmitJobsLimit',
      subject: 'ai4ec',
    });
    expect(err.details.stderr).toBe(fixture('sbatch-account-blocked.txt'));
  });

  it('returns the job found by its idempotency key instead of submitting again', async () => {
    const live = records('squeue-mixed.txt').find((r) => r.includes('hpckit:key-1'))!;
    const { rt, log } = adapter([{ match: cmd('squeue'), result: { stdout: live } }]);
    const result = await rt.jobs.submit({ command: 'true' }, { user: 'alice', idempotencyKey: 'key-1' });
    expect(result.job.name).toBe('fx-ok');
    expect(result.job.comment).toBe('my note');
    expect(log.some((a) => a[0] === 'sbatch')).toBe(false);
  });
});

describe('config.availability', () => {
  it('lists what the pair may use and says why each other partition or QoS is refused', async () => {
    const electroplatingAssociations = fixture('sacctmgr-assoc.txt')
      .split('\n')
      .filter((line) => line.startsWith('electroplating|'))
      .join('\n');
    const partitions = fixture('scontrol-partitions.txt')
      .replace(/(PartitionName=fat .*?)AllowAccounts=ALL/, '$1AllowAccounts=ai4ec')
      .replace(/(PartitionName=gpu .*?)AllowQos=ALL/, '$1AllowQos=normal');
    const { rt } = adapter([
      // sacctmgr answers "where accounts=electroplating" with that account's associations only.
      { match: cmd('sacctmgr', 'assoc'), result: { stdout: electroplatingAssociations } },
      { match: cmd('sacctmgr', 'account'), result: { stdout: 'ai4ec\nelectroplating\nroot\n' } },
      { match: cmd('scontrol', 'partition'), result: { stdout: partitions } },
      { match: cmd('scontrol', 'node'), result: { stdout: fixture('scontrol-nodes.txt') } },
    ]);
    const availability = await rt.config.availability({ user: 'alice', account: 'electroplating' });
    expect(availability.partitions).toEqual([
      { partition: 'cpu', qos: ['long', 'normal'], defaultQos: 'normal' },
      { partition: 'gpu', qos: ['normal'], defaultQos: 'normal' },
    ]);
    expect(availability.refused).toEqual([
      { partition: 'gpu', qos: 'long', reason: 'AllowQos of the partition does not include it' },
      { partition: 'fat', reason: 'AllowAccounts of the partition does not include "electroplating"' },
    ]);
    const outsider = await rt.config.availability({ user: 'bob', account: 'electroplating' });
    expect(outsider.refusal?.reason).toBe('invalid_account');
  });
});
