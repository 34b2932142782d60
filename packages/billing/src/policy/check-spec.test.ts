import type { JobSpecInput } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { ikkemPreset } from '../presets/ikkem.js';
import { createResourcePolicy } from './resource-policy-engine.js';
import type { ViolationCode } from './violation.js';

const policy = createResourcePolicy(ikkemPreset().resourcePolicy);
const codes = (spec: Omit<JobSpecInput, 'command'>): ViolationCode[] =>
  policy.check({ command: 'run', ...spec }).violations.map((v) => v.code);

describe('the reference site: cpu partition (min(4 GB × cores, 251 GB) per node)', () => {
  it.each([
    [1, '4G', []],
    [1, '5G', ['memory_per_core']],
    [32, '128G', []],
    [32, '129G', ['memory_per_core']],
    [64, '251G', []],
    [64, '252G', ['node_memory']], // 4 GB × 64 = 256 GB would allow it; the node cap does not
    [64, '257G', ['memory_per_core', 'node_memory']],
  ] as const)('%i cores with %s per node → %j', (cores, memory, expected) => {
    expect(codes({ partition: 'cpu', coresPerNode: cores, memory: { perNode: memory } })).toEqual(expected);
  });

  it('reports the limit, the request, the unit and the per-core rule', () => {
    const [v] = policy.check({
      command: 'x',
      partition: 'cpu',
      coresPerNode: 32,
      memory: { perNode: '200G' },
    }).violations;
    expect(v).toEqual({
      code: 'memory_per_core',
      partition: 'cpu',
      limit: 128,
      requested: 200,
      unit: 'GB',
      perUnit: 4,
      coresPerNode: 32,
      gpusPerNode: 0,
      message: {
        en: 'With 32 cores per node, the maximum memory per node is 128 GB (4 GB per core); the 200 GB requested exceeds it. Reduce the memory or request more cores.',
        'zh-CN':
          '每节点 32 核的作业，每节点最多可申请 128 GB 内存（每核 4 GB），您申请的 200 GB 超出了该限制。请减少内存或申请更多核。',
      },
    });
  });

  it('refuses GPUs and more cores than a node has', () => {
    expect(codes({ partition: 'cpu', coresPerNode: 65, gpusPerNode: 1 })).toEqual([
      'gpus_per_node',
      'cores_per_node',
    ]);
  });

  it('reads memory per core and per node the way Slurm does', () => {
    expect(codes({ partition: 'cpu', coresPerNode: 8, memory: { perCore: '4G' } })).toEqual([]);
    expect(codes({ partition: 'cpu', coresPerNode: 8, memory: { perCore: '4097M' } })).toEqual([
      'memory_per_core',
    ]);
    // tasks × cpusPerTask: 4 tasks per node × 4 cores = 16 cores per node, 64 GB allowed
    expect(
      codes({ partition: 'cpu', nodes: 2, tasksPerNode: 4, cpusPerTask: 4, memory: { perNode: '64G' } }),
    ).toEqual([]);
    expect(
      codes({ partition: 'cpu', nodes: 2, tasksPerNode: 4, cpusPerTask: 4, memory: { perNode: '65G' } }),
    ).toEqual(['memory_per_core']);
  });
});

describe('the reference site: gpu partition (8 cores and 192 GB per GPU, 24 GB per core, 1,500 GB per node)', () => {
  it("refuses the site's own example (1 node, 2 GPUs, 12 cores, 500 GB), per GPU first, in both languages", () => {
    const result = policy.check({
      command: 'x',
      partition: 'gpu',
      gpusPerNode: 2,
      coresPerNode: 12,
      memory: { perNode: '500G' },
    });
    expect(result.ok).toBe(false);
    expect(result.violations[0]).toEqual({
      code: 'gpu_memory_per_node',
      partition: 'gpu',
      limit: 384,
      requested: 500,
      unit: 'GB',
      perUnit: 192,
      coresPerNode: 12,
      gpusPerNode: 2,
      message: {
        en: 'The maximum memory per node for a job with 2 GPUs per node is 384 GB (192 GB per GPU); the 500 GB requested exceeds it. Reduce the memory or request more GPUs.',
        'zh-CN':
          '每节点使用 2 块 GPU 的作业，每节点最多可申请 384 GB 内存（每块 GPU 192 GB），您申请的 500 GB 超出了该限制。请减少内存或申请更多 GPU。',
      },
    });
    // 24 GB per core × 12 cores = 288 GB is exceeded too, and is reported as well.
    expect(result.violations.map((v) => [v.code, v.limit])).toEqual([
      ['gpu_memory_per_node', 384],
      ['memory_per_core', 288],
    ]);
  });

  it.each([
    [{ gpusPerNode: 2, coresPerNode: 16, memory: { perNode: '384G' } }, []],
    // 8 cores per GPU × 24 GB per core is the same 192 GB per GPU: both rules are exceeded
    [
      { gpusPerNode: 2, coresPerNode: 16, memory: { perNode: '385G' } },
      ['gpu_memory_per_node', 'memory_per_core'],
    ],
    [{ gpusPerNode: 4, coresPerNode: 16, memory: { perNode: '385G' } }, ['memory_per_core']],
    [{ gpusPerNode: 2, coresPerNode: 17 }, ['gpu_cores_per_node']],
    [{ gpusPerNode: 8, coresPerNode: 64, memory: { perNode: '1500G' } }, []],
    [{ gpusPerNode: 8, coresPerNode: 64, memory: { perNode: '1501G' } }, ['node_memory']],
    [{ gpusPerNode: 1, coresPerNode: 8, memory: { perGpu: '192G' } }, []],
    [
      { gpusPerNode: 1, coresPerNode: 16, memory: { perGpu: '193G' } },
      ['gpu_cores_per_node', 'gpu_memory_per_node'],
    ],
    [{ coresPerNode: 8 }, ['gpu_required']],
    [{ gpusPerNode: 9, coresPerNode: 8 }, ['gpus_per_node']],
  ] as const)('%j → %j', (spec, expected) => {
    expect(codes({ partition: 'gpu', ...spec })).toEqual(expected);
  });

  it('explains the GPU requirement and the per-GPU core limit', () => {
    const result = policy.check({ command: 'x', partition: 'gpu', gpusPerNode: 2, coresPerNode: 24 });
    expect(result.violations[0]).toMatchObject({
      code: 'gpu_cores_per_node',
      limit: 16,
      requested: 24,
      unit: 'cores',
    });
    expect(result.violations[0]!.message.en).toBe(
      'A job with 2 GPUs per node may use at most 16 cores per node (8 per GPU); 24 were requested. Reduce the cores or request more GPUs.',
    );
    const cpuOnly = policy.check({ command: 'x', partition: 'gpu', coresPerNode: 4 }).violations[0]!;
    expect(cpuOnly).toMatchObject({ code: 'gpu_required', limit: 1, requested: 0, unit: 'GPUs' });
    expect(cpuOnly.message['zh-CN']).toContain('必须申请至少 1 块 GPU');
  });
});

describe('the reference site: fat partition (min(32 GB × cores, 2,000 GB) per node)', () => {
  it.each([
    [1, '32G', []],
    [1, '33G', ['memory_per_core']],
    [64, '2000G', []],
    [64, '2001G', ['node_memory']],
  ] as const)('%i cores with %s → %j', (cores, memory, expected) => {
    expect(codes({ partition: 'fat', coresPerNode: cores, memory: { perNode: memory } })).toEqual(expected);
  });
});

describe('QoS wall time', () => {
  it.each([
    ['normal', '48h', []],
    ['normal', '2-00:00:01', ['qos_wall_time']],
    ['long', '96h', []],
    ['long', '97h', ['qos_wall_time']],
    [undefined, '49h', ['qos_wall_time']], // the default QoS is normal
  ] as const)('%s with %s → %j', (qos, timeLimit, expected) => {
    expect(codes({ qos, timeLimit })).toEqual(expected);
  });

  it('suggests a QoS that allows the time, in seconds as data and readable in the message', () => {
    const [v] = policy.check({ command: 'x', timeLimit: '3d' }).violations;
    expect(v).toMatchObject({
      code: 'qos_wall_time',
      qos: 'normal',
      limit: 172_800,
      requested: 259_200,
      unit: 's',
      allowed: ['long'],
    });
    expect(v!.message.en).toBe(
      'The time limit of 3 d exceeds the maximum of 2 d of QoS "normal". Lower the time limit, or use a QoS that allows it: "long".',
    );
    expect(v!.message['zh-CN']).toBe(
      '运行时间上限 3天 超过了 QoS“normal”允许的最大值 2天。请缩短运行时间上限，或使用允许该时长的 QoS：“long”。',
    );
    const [none] = policy.check({ command: 'x', qos: 'long', timeLimit: '5d' }).violations;
    expect(none!.allowed).toEqual([]);
    expect(none!.message.en).toMatch(/Lower the time limit\.$/);
  });

  it('treats a zero time limit as unlimited', () => {
    const [v] = policy.check({ command: 'x', timeLimit: { seconds: 0 } }).violations;
    expect(v).toMatchObject({ code: 'qos_wall_time', requested: 'unlimited' });
    expect(v!.message.en).toContain('The time limit of 0 (no limit) exceeds');
  });
});

describe('names and every violation at once', () => {
  it('reports unknown partitions and QoS with the accepted names', () => {
    const result = policy.check({ command: 'x', partition: 'gpu2', qos: 'debug' });
    expect(result.violations.map((v) => [v.code, v.requested, v.allowed])).toEqual([
      ['unknown_partition', 'gpu2', ['cpu', 'gpu', 'fat']],
      ['unknown_qos', 'debug', ['normal', 'long']],
    ]);
    expect(result.violations[0]!.message['zh-CN']).toBe(
      '分区“gpu2”不存在。请选择以下分区之一：“cpu”、“gpu”、“fat”。',
    );
  });

  it('returns every violation, not just the first', () => {
    expect(
      codes({
        partition: 'gpu',
        gpusPerNode: 9,
        coresPerNode: 80,
        memory: { perNode: '2T' },
        timeLimit: '5d',
        qos: 'long',
      }),
    ).toEqual([
      'gpus_per_node',
      'cores_per_node',
      'gpu_cores_per_node',
      'gpu_memory_per_node',
      'memory_per_core',
      'node_memory',
      'qos_wall_time',
    ]);
  });

  it('passes a request within every limit', () => {
    expect(
      policy.check({ command: 'x', partition: 'gpu', gpusPerNode: 1, coresPerNode: 8, timeLimit: '1h' }),
    ).toEqual({
      ok: true,
      violations: [],
      partition: 'gpu',
      qos: 'normal',
    });
  });

  it('asks for a partition where the site has no default, and checks allowed QoS', () => {
    const strict = createResourcePolicy({
      partitions: [{ name: 'a', allowedQos: ['short'], maxWallTime: '1h' }],
      qos: [{ name: 'short' }, { name: 'long' }],
    });
    expect(strict.check({ command: 'x' }).violations.map((v) => v.code)).toEqual(['partition_required']);
    const wrong = strict.check({ command: 'x', partition: 'a', qos: 'long', timeLimit: '2h' }).violations;
    expect(wrong.map((v) => [v.code, v.limit])).toEqual([
      ['qos_not_allowed', undefined],
      ['partition_wall_time', 3600],
    ]);
    expect(wrong[1]!.message.en).toBe(
      'The time limit of 2 h exceeds the maximum of 1 h of partition "a". Lower the time limit.',
    );
  });

  it('refuses a malformed spec as a ValidationError rather than a violation', () => {
    expect(() => policy.check({ command: 'x', memory: { perNode: 'lots' } })).toThrow(
      /Invalid job spec.*memory\.perNode/,
    );
  });
});

describe('memory figures', () => {
  it('shows enough decimals to tell the request from the limit', () => {
    const [v] = policy.check({
      command: 'x',
      partition: 'cpu',
      coresPerNode: 1,
      memory: { perNode: '4097M' },
    }).violations;
    expect(v).toMatchObject({ code: 'memory_per_core', limit: 4, requested: 4.001, unit: 'GB' });
    expect(v!.message.en).toContain(
      'the maximum memory per node is 4 GB (4 GB per core); the 4.001 GB requested exceeds it',
    );
  });

  it('keeps two decimals for ordinary sizes', () => {
    const [v] = policy.check({
      command: 'x',
      partition: 'cpu',
      coresPerNode: 1,
      memory: { perNode: '5000M' },
    }).violations;
    expect(v).toMatchObject({ limit: 4, requested: 4.88 });
  });
});
