import { formatError, isHpckitError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { ikkemPreset } from '../presets/ikkem.js';
import { createResourcePolicy } from './resource-policy-engine.js';
import { toPolicyError } from './to-policy-error.js';

const policy = createResourcePolicy(ikkemPreset().resourcePolicy);

describe('applyDefaults', () => {
  it.each([
    ['cpu', '1G'],
    ['gpu', '16G'],
    ['fat', '8G'],
    [undefined, '1G'],
  ] as const)('gives jobs in %s %s per core', (partition, perCore) => {
    const spec = { command: 'x', partition, coresPerNode: 4 };
    expect(policy.applyDefaults(spec)).toEqual({ ...spec, memory: { perCore } });
  });

  it('leaves a memory request alone and never mutates its input', () => {
    const spec = { command: 'x', partition: 'gpu', memory: { perNode: '100G' } };
    const out = policy.applyDefaults(spec);
    expect(out).toEqual(spec);
    expect(out).not.toBe(spec);
    const bare = { command: 'x' };
    policy.applyDefaults(bare);
    expect(bare).toEqual({ command: 'x' });
  });

  it('produces a spec that passes the memory rules of its partition', () => {
    const filled = policy.applyDefaults({ command: 'x', partition: 'gpu', gpusPerNode: 8, coresPerNode: 64 });
    expect(policy.check(filled).ok).toBe(true);
  });

  it('leaves partitions without a default alone', () => {
    expect(policy.applyDefaults({ command: 'x', partition: 'other' })).toEqual({
      command: 'x',
      partition: 'other',
    });
  });
});

describe('throwing', () => {
  it('assertAllowed throws a PolicyError for the first violation, listing all', () => {
    let caught: unknown;
    try {
      policy.assertAllowed({
        command: 'x',
        partition: 'gpu',
        gpusPerNode: 2,
        coresPerNode: 12,
        memory: { perNode: '500G' },
      });
    } catch (err) {
      caught = err;
    }
    expect(isHpckitError(caught, 'POLICY_VIOLATION')).toBe(true);
    expect(caught).toMatchObject({
      details: {
        reason: 'resources_unavailable',
        nativeReason: 'gpu_memory_per_node',
        subject: 'gpu',
        limit: 384,
        requested: 500,
        unit: 'GB',
      },
    });
    expect(formatError(caught)).toBe(
      'The maximum memory per node for a job with 2 GPUs per node is 384 GB (192 GB per GPU); the 500 GB requested exceeds it. Reduce the memory or request more GPUs. ' +
        'With 12 cores per node, the maximum memory per node is 288 GB (24 GB per core); the 500 GB requested exceeds it. Reduce the memory or request more cores.',
    );
    const zh = formatError(caught, { locale: 'zh-CN' });
    expect(zh).toContain('384 GB');
    expect(zh).toContain('500 GB');
    expect(zh).toContain('288 GB');
    expect(zh).not.toMatch(/[A-Za-z]{6,}/);
    expect(
      (caught as { details: { violations: { code: string }[] } }).details.violations.map((v) => v.code),
    ).toEqual(['gpu_memory_per_node', 'memory_per_core']);
    expect(() => policy.assertAllowed({ command: 'x' })).not.toThrow();
  });

  it.each([
    [{ partition: 'nope' }, 'invalid_partition', 'unknown_partition', 'nope'],
    [{ qos: 'nope' }, 'invalid_qos', 'unknown_qos', 'nope'],
    [{ timeLimit: '3d' }, 'time_limit_exceeds_qos', 'qos_wall_time', 'normal'],
    [{ partition: 'gpu' }, 'resources_unavailable', 'gpu_required', 'gpu'],
  ] as const)('maps %j to reason %s', (spec, reason, nativeReason, subject) => {
    const error = toPolicyError(policy.check({ command: 'x', ...spec }));
    expect(error?.details).toMatchObject({ reason, nativeReason, subject });
  });

  it('returns undefined for a passing check', () => {
    expect(toPolicyError(policy.check({ command: 'x' }))).toBeUndefined();
  });
});

describe('policy validation', () => {
  it('reports inconsistent rules with their paths', () => {
    expect(() =>
      createResourcePolicy({
        defaultPartition: 'x',
        defaultQos: 'y',
        partitions: [
          { name: 'a', defaultMemoryPerCore: '8G', maxMemoryPerCore: '4G', allowedQos: ['z'] },
          { name: 'a' },
        ],
        qos: [{ name: 'q', maxWallTime: '1h' }],
      }),
    ).toThrow(
      /partitions\.0\.defaultMemoryPerCore.*partitions\.0\.allowedQos\.0.*partitions\.1\.name.*defaultPartition.*defaultQos/,
    );
    expect(() =>
      createResourcePolicy({ partitions: [{ name: 'a' }], qos: [{ name: 'q', maxWallTime: 'forever' }] }),
    ).toThrow(/qos\.0\.maxWallTime.*"forever" is not a duration/);
  });
});
