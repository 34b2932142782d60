import { createClient, isHpckitError } from '@hpckit/core';
import { mockAdapter } from '@hpckit/adapter-mock';
import { describe, expect, it } from 'vitest';
import { createResourcePolicy } from '../src/policy/resource-policy-engine.js';
import { ikkemPreset } from '../src/presets/ikkem.js';

describe('resource policy as a client submit guard', () => {
  const setup = () => {
    const mock = mockAdapter();
    const policy = createResourcePolicy(ikkemPreset().resourcePolicy);
    const client = createClient({ clusters: { ikkem: { adapter: mock, beforeSubmit: policy.submitGuard } } });
    return { mock, alice: client.as('alice'), client };
  };

  it("refuses the site's 2-GPU/500 GB request before the scheduler sees it", async () => {
    const { mock, alice, client } = setup();
    const err = await alice.jobs
      .submit({
        command: 'python train.py',
        account: 'electroplating',
        partition: 'gpu',
        gpusPerNode: 2,
        coresPerNode: 12,
        memory: { perNode: '500G' },
      })
      .catch((e: unknown) => e);
    expect(isHpckitError(err, 'POLICY_VIOLATION')).toBe(true);
    expect(err).toMatchObject({
      details: { nativeReason: 'gpu_memory_per_node', limit: 384, requested: 500 },
    });
    expect(mock.calls['jobs.submit'] ?? 0).toBe(0);
    await client.close();
  });

  it("fills the partition's default memory per core before submitting", async () => {
    const { alice, client } = setup();
    const spec = {
      command: 'python train.py',
      account: 'electroplating',
      partition: 'gpu',
      gpusPerNode: 1,
      coresPerNode: 8,
    };
    const handle = await alice.jobs.submit(spec);
    expect(handle.job.requested.memoryMiB).toBe(8 * 16 * 1024);
    expect((await alice.jobs.render(spec)).command).toContain('--mem-per-cpu=16G');
    await client.close();
  });

  it('judges the job the script asks for: the #SBATCH bypass of issue #9 never reaches the scheduler', async () => {
    const { mock, alice, client } = setup();
    const err = await alice.jobs
      .submit({
        script: '#!/bin/bash\n#SBATCH --partition=gpu --gres=gpu:8\n#SBATCH --time=30-00:00:00\nsrun train\n',
        account: 'electroplating',
        coresPerNode: 1,
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'POLICY_VIOLATION', details: { nativeReason: 'qos_wall_time' } });
    expect(mock.calls['jobs.submit'] ?? 0).toBe(0);
    // Within the rules, the same script runs as written: 8 GPUs on "gpu", which the mock reports.
    const handle = await alice.jobs.submit({
      script: '#!/bin/bash\n#SBATCH --partition=gpu --gres=gpu:8\n#SBATCH --time=1:00:00\nsrun train\n',
      account: 'electroplating',
      coresPerNode: 8,
    });
    expect([handle.job.partition, handle.job.requested.gpus, handle.job.timeLimitSeconds]).toEqual([
      'gpu',
      8,
      3600,
    ]);
    await client.close();
  });
});
