import { formatError, formatViolation, isHpckitError } from '@hpckit/core';
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

  it("words violations and their error through core's catalogue only: one message system", () => {
    const check = policy.check({
      command: 'x',
      partition: 'gpu',
      gpusPerNode: 2,
      memory: { perNode: '500G' },
    });
    const [gpuMemory] = check.violations;
    const facts = { code: 'gpu_memory_per_node', partition: 'gpu', limit: 384, requested: 500, unit: 'GB' };
    const shape = { perUnit: 192, gpusPerNode: 2, coresPerNode: 1 };
    expect(gpuMemory!.message).toEqual({
      en: formatViolation({ ...facts, ...shape }),
      'zh-CN': formatViolation({ ...facts, ...shape }, { locale: 'zh-CN' }),
    });
    const error = toPolicyError(check)!;
    // No wording of its own: the catalogue writes both languages from the listed violations.
    expect(error.translations).toEqual({});
    expect(formatError(error, { locale: 'zh-CN' })).toBe(
      check.violations.map((v) => v.message['zh-CN']).join(''),
    );
    expect(error.message).toBe(`[hpckit] ${check.violations.map((v) => v.message.en).join(' ')}`);
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

describe('the job as Slurm will run it', () => {
  // Issue #9: quoted and checked as 1 core for 1 hour on "cpu", this ran on 8 GPUs for 30 days.
  const bypass = {
    script:
      '#!/bin/bash\n#SBATCH --partition=gpu --gres=gpu:8\n#SBATCH --time=30-00:00:00 --exclusive\nsrun train\n',
    coresPerNode: 1,
  };

  it("judges what the script's #SBATCH lines ask for, not only the fields", () => {
    const result = policy.check(bypass);
    expect(result.partition).toBe('gpu');
    // 30 days exceed the QoS's 48 h; --exclusive takes whole nodes the rules cannot count.
    expect(result.violations.map((v) => v.code)).toEqual(['qos_wall_time', 'directive_not_allowed']);
    expect(result.violations[0]).toMatchObject({ requested: 30 * 86_400, limit: 48 * 3_600 });
    const directive = result.violations.find((v) => v.code === 'directive_not_allowed')!;
    expect(directive).toMatchObject({ requested: 'exclusive', allowed: [] });
    expect(directive.message.en).toMatch(/^The option "--exclusive" is not allowed here: /);
    expect(directive.message['zh-CN']).toMatch(/^不允许使用选项“--exclusive”/);
  });

  it('lets a site allow-list an option it accepts unchecked', () => {
    const site = ikkemPreset().resourcePolicy;
    const lenient = createResourcePolicy({ ...site, allowedDirectives: ['exclusive'] });
    const spec = { script: '#!/bin/bash\n#SBATCH --exclusive -t 1:00:00\nhostname\n' };
    expect(lenient.check(spec).ok).toBe(true);
    expect(policy.check(spec).violations.map((v) => v.code)).toEqual(['directive_not_allowed']);
    // Values the fields cannot hold count as such options too.
    expect(policy.check({ command: 'x', directives: { nodes: '2-4' } }).violations[0]).toMatchObject({
      code: 'directive_not_allowed',
      requested: 'nodes',
    });
  });

  it('refuses, as a malformed spec, a reserved option in any abbreviation', () => {
    expect(() => policy.check({ command: 'x', directives: { commen: 'mine' } })).toThrow(
      /--comment is reserved/,
    );
  });

  it('fills a default only where neither the fields nor the script set memory', () => {
    const spec = { script: '#!/bin/bash\n#SBATCH -p gpu --mem=64G\nx\n' };
    expect(policy.applyDefaults(spec)).toEqual(spec);
    const unset = { script: '#!/bin/bash\n#SBATCH -p gpu -c 4\nx\n' };
    expect(policy.applyDefaults(unset)).toEqual({ ...unset, memory: { perCore: '16G' } });
    const allOfIt = { script: '#!/bin/bash\n#SBATCH --mem=0\nx\n' };
    expect(policy.applyDefaults(allOfIt)).toEqual(allOfIt);
  });
});
