import { isHpckitError, type JobSpecInput, JobSpecSchema, type PolicyError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { MockClusterSchema } from '../cluster/mock-cluster-schema.js';
import { createAccountDirectory } from '../directory/account-directory.js';
import { ikkemMockCluster } from '../presets/ikkem-mock-cluster.js';
import { createPartitionRuntime } from '../scheduler/partition-runtime.js';
import { resolveSubmission, type SubmissionContext } from './resolve-submission.js';

function context(): SubmissionContext {
  const cluster = MockClusterSchema.parse(
    ikkemMockCluster({
      qos: [
        { name: 'normal', priority: 50, maxWall: '48h' },
        { name: 'long', priority: 25, maxWall: '96h' },
        { name: 'debug', priority: 90, maxWall: '30m' },
      ],
    }),
  );
  const partitions = new Map(cluster.partitions.map((p) => [p.name, createPartitionRuntime(p)]));
  return {
    partitions,
    defaultPartition: partitions.get('cpu')!,
    qos: new Map(cluster.qos.map((q) => [q.name, q])),
    defaultQos: cluster.defaultQos,
    directory: createAccountDirectory(cluster),
  };
}

function refusal(
  spec: Omit<JobSpecInput, 'command'>,
  user = 'alice',
  ctx = context(),
): PolicyError['details'] {
  try {
    resolveSubmission(JobSpecSchema.parse({ command: 'true', ...spec }), user, ctx);
  } catch (err) {
    if (isHpckitError(err, 'POLICY_VIOLATION')) return err.details;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('submission policy', () => {
  it('fills in the defaults: account, partition, QoS, time limit, memory', () => {
    const r = resolveSubmission(
      JobSpecSchema.parse({ command: 'true', coresPerNode: 4 }),
      'alice',
      context(),
    );
    expect([r.account, r.partition.def.name, r.qos?.name, r.timeLimitSeconds]).toEqual([
      'electroplating',
      'cpu',
      'normal',
      3600,
    ]);
    expect(r.demand).toEqual({ nodes: 1, coresPerNode: 4, memoryPerNodeMiB: 4096, gpusPerNode: 0 });
    expect(r.requested).toEqual({ nodes: 1, cores: 4, gpus: 0, memoryMiB: 4096 });
    const gpu = resolveSubmission(
      JobSpecSchema.parse({
        command: 'true',
        partition: 'gpu',
        gpusPerNode: 2,
        coresPerNode: 8,
        account: 'ai4ec',
      }),
      'bob',
      context(),
    );
    expect([gpu.account, gpu.demand.memoryPerNodeMiB, gpu.requested.gpus]).toEqual([
      'ai4ec',
      8 * 16 * 1024,
      2,
    ]);
  });

  it('refuses an unknown account and a user outside the account alike (invalid_account)', () => {
    const unknown = refusal({ account: 'nosuch' });
    const outside = refusal({ account: 'electroplating' }, 'bob');
    for (const d of [unknown, outside]) {
      expect(d).toMatchObject({
        reason: 'invalid_account',
        nativeReason: 'ESLURM_INVALID_ACCOUNT',
        exitCode: 1,
      });
      expect(d.stderr).toBe(
        'sbatch: error: Batch job submission failed: Invalid account or account/partition combination specified',
      );
    }
    expect(refusal({}, 'mallory')).toMatchObject({ reason: 'invalid_account' });
  });

  it('refuses unknown partitions and QoS, and QoS the partition does not allow', () => {
    expect(refusal({ partition: 'nosuch' })).toMatchObject({
      reason: 'invalid_partition',
      subject: 'nosuch',
      stderr:
        'sbatch: error: invalid partition specified: nosuch\nsbatch: error: Batch job submission failed: Invalid partition name specified',
    });
    expect(refusal({ qos: 'nosuch' })).toMatchObject({ reason: 'invalid_qos', subject: 'nosuch' });
    expect(refusal({ qos: 'debug' })).toMatchObject({
      reason: 'qos_not_allowed',
      subject: 'debug',
      nativeReason: 'ESLURM_INVALID_QOS',
    });
  });

  it('refuses time limits over the QoS maximum and over the partition maximum, with numbers', () => {
    expect(refusal({ timeLimit: '3d' })).toEqual({
      reason: 'time_limit_exceeds_qos',
      nativeReason: 'QOSMaxWallDurationPerJobLimit',
      subject: 'normal',
      limit: 172_800,
      requested: 259_200,
      unit: 's',
      command: ['sbatch', '--parsable'],
      stderr:
        "sbatch: error: QOSMaxWallDurationPerJobLimit\nsbatch: error: Batch job submission failed: Job violates accounting/QOS policy (job submit limit, user's size and/or time limits)",
      exitCode: 1,
    });
    expect(refusal({ qos: 'long', timeLimit: '5d' })).toMatchObject({
      reason: 'time_limit_exceeds_qos',
      subject: 'long',
      limit: 345_600,
    });
    expect(refusal({ qos: 'long', timeLimit: '8d' })).toMatchObject({
      reason: 'time_limit_exceeds_partition',
      subject: 'cpu',
      limit: 604_800,
      requested: 691_200,
      unit: 's',
    });
    expect(refusal({ timeLimit: { seconds: 0 } })).toMatchObject({
      reason: 'time_limit_exceeds_partition',
      requested: 'UNLIMITED',
    });
  });

  it('refuses requests no node can ever hold (resources_unavailable), naming the limit', () => {
    expect(refusal({ nodes: 9 })).toMatchObject({
      reason: 'resources_unavailable',
      requested: 9,
      limit: 8,
      unit: 'nodes',
      subject: 'cpu',
    });
    expect(refusal({ coresPerNode: 65 })).toMatchObject({
      reason: 'resources_unavailable',
      requested: 65,
      limit: 64,
      unit: 'cores per node',
    });
    expect(refusal({ partition: 'gpu', gpusPerNode: 9 })).toMatchObject({
      reason: 'resources_unavailable',
      requested: 9,
      limit: 8,
      unit: 'GPUs per node',
    });
    expect(refusal({ gpusPerNode: 1 })).toMatchObject({
      reason: 'resources_unavailable',
      limit: 0,
      unit: 'GPUs per node',
    });
    const memory = refusal({ memory: { perNode: '2000G' } });
    expect(memory).toMatchObject({
      reason: 'resources_unavailable',
      requested: 2_048_000,
      limit: 257_024,
      unit: 'MiB per node',
    });
    expect(memory.stderr).toBe(
      'sbatch: error: Memory specification can not be satisfied\nsbatch: error: Batch job submission failed: Requested node configuration is not available',
    );
    expect(() =>
      resolveSubmission(
        JobSpecSchema.parse({ command: 'x', partition: 'fat', memory: { perNode: '2000G' } }),
        'alice',
        context(),
      ),
    ).not.toThrow();
  });

  it("checks in slurmctld's order, as the differential suite measured on Slurm 22.05", () => {
    const first = (spec: Partial<JobSpecInput>, user = 'alice') => refusal(spec, user).reason;
    expect(first({ partition: 'nosuch', account: 'nosuchacct', qos: 'nosuchqos' })).toBe('invalid_partition');
    expect(first({ account: 'electroplating', qos: 'nosuchqos', timeLimit: '8d' }, 'bob')).toBe(
      'invalid_account',
    );
    expect(first({ qos: 'nosuchqos', timeLimit: '8d', coresPerNode: 65 })).toBe('invalid_qos');
    expect(refusal({ coresPerNode: 65, nodes: 9, timeLimit: '8d' })).toMatchObject({
      unit: 'cores per node',
    });
    expect(refusal({ nodes: 9, timeLimit: '8d' })).toMatchObject({ unit: 'nodes' });
    expect(first({ partition: 'gpu', gpusPerNode: 9, timeLimit: '8d' })).toBe('time_limit_exceeds_partition');
    expect(first({ memory: { perNode: '600G' }, timeLimit: '3d' })).toBe('time_limit_exceeds_qos');
  });

  it('refuses submissions to a blocked account or by a blocked user, but not to other accounts', () => {
    const ctx = context();
    ctx.directory.account('electroplating')!.blocked = true;
    expect(refusal({}, 'alice', ctx)).toMatchObject({
      reason: 'account_blocked',
      subject: 'electroplating',
      nativeReason: 'AssocGrpSubmitJobsLimit',
    });
    ctx.directory.account('ai4ec')!.members.get('alice')!.blocked = true;
    expect(refusal({ account: 'ai4ec' }, 'alice', ctx)).toMatchObject({
      reason: 'user_blocked',
      subject: 'ai4ec',
      nativeReason: 'AssocMaxSubmitJobLimit',
    });
    expect(() => resolveSubmission(JobSpecSchema.parse({ command: 'x' }), 'bob', ctx)).not.toThrow();
  });

  it('writes messages that say what was wrong and how to fix it', () => {
    try {
      resolveSubmission(JobSpecSchema.parse({ command: 'x', timeLimit: '3d' }), 'alice', context());
    } catch (err) {
      expect((err as Error).message).toBe(
        '[hpckit] [mock] The time limit of 3 d exceeds the maximum of 2 d of QoS "normal". Lower the time limit or use a QoS with a longer maximum.',
      );
    }
    expect.assertions(1);
  });
});
