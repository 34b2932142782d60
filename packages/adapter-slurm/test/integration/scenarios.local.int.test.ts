/**
 * Adapter behaviour on the real cluster beyond the shared conformance suite: GPUs, cancellation,
 * working directories, error mapping, lookups by id, and a submission whose answer is lost.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, createRuntimeAdapter, TransportError } from '@hpckit/core';
import { localTransport, type Transport } from '@hpckit/transport';
import { afterAll, describe, expect, it } from 'vitest';
import { slurmAdapter } from '../../src/index.js';
import { assertClusterUp, localSudo, sleep } from './cluster.js';

assertClusterUp();

const alice = { user: 'alice' };
const rt = createRuntimeAdapter(slurmAdapter({ transport: localSudo() }), { retry: { retries: 0 } });
const base = {
  account: 'electroplating',
  timeLimit: '5m',
  memory: { perNode: '256M' },
  stdout: '/dev/null',
} as const;
afterAll(() => rt.close());

async function settle(id: string, done: (phase: string) => boolean, seconds = 60) {
  for (let i = 0; i < seconds; i++) {
    const job = await rt.jobs.get(id, alice);
    if (done(job.state.phase)) return job;
    await sleep(1000);
  }
  throw new Error(`job ${id} did not settle`);
}

describe('GPU jobs', () => {
  it('requests GPUs through gres and reports them requested and allocated, live and from accounting', async () => {
    const { job, command } = await rt.jobs.submit(
      {
        ...base,
        name: 'gpu',
        partition: 'gpu',
        gpusPerNode: 2,
        coresPerNode: 2,
        command: 'test -n "$CUDA_VISIBLE_DEVICES"',
      },
      alice,
    );
    expect(command).toContain('--gres=gpu:2');
    expect(job.requested.gpus).toBe(2);
    const ended = await settle(job.id, (p) => p === 'ended');
    expect(ended.state.outcome).toBe('completed');
    expect(ended.allocated?.gpus).toBe(2);
    // After MinJobAge the job is only in accounting; it must read the same.
    await sleep(12_000);
    const history = await rt.jobs.get(job.id, alice);
    expect(history).toMatchObject({
      partition: 'gpu',
      requested: { gpus: 2 },
      allocated: { gpus: 2 },
      state: { outcome: 'completed' },
    });
  }, 60_000);
});

describe('cancellation', () => {
  it('a cancelled pending job reads cancelled from accounting once slurmctld forgets it', async () => {
    const { job } = await rt.jobs.submit(
      { ...base, name: 'cancel-held', command: 'true', hold: true },
      alice,
    );
    expect(await rt.jobs.cancel(job.id, alice)).toEqual({ status: 'cancelled' });
    await sleep(12_000);
    const ended = await rt.jobs.get(job.id, alice);
    expect(ended.state).toMatchObject({ phase: 'ended', outcome: 'cancelled' });
    expect(ended.startTime).toBeUndefined();
    expect(await rt.jobs.cancel(job.id, alice)).toEqual({ status: 'already_ended' });
  }, 40_000);
});

describe('working directories', () => {
  it('resolves a relative directory against the user home and keeps an absolute one', async () => {
    execFileSync('su', ['-', 'alice', '-c', 'mkdir -p hpckit-wd']);
    const rel = await rt.jobs.render({ ...base, command: 'pwd', workingDirectory: 'hpckit-wd' }, alice);
    expect(rel.command).toContain('--chdir=/home/alice/hpckit-wd');
    const { job } = await rt.jobs.submit({ ...base, command: 'pwd', workingDirectory: '/tmp' }, alice);
    expect(job.workingDirectory).toBe('/tmp');
    const home = await rt.jobs.submit({ ...base, command: 'pwd' }, alice);
    expect(home.job.workingDirectory).toBe('/home/alice');
  });
});

describe('refusals carry the reason, the command and Slurm’s exact stderr', () => {
  it('an unknown QoS', async () => {
    const err = await rt.jobs.submit({ ...base, command: 'true', qos: 'nosuchqos' }, alice).catch((e) => e);
    expect(err.details).toMatchObject({
      reason: 'invalid_qos',
      stderr: expect.stringContaining('Invalid qos specification'),
    });
    expect(err.details.command[0]).toBe('sbatch');
  });

  it('more GPUs than a node has', async () => {
    const err = await rt.jobs
      .submit({ ...base, command: 'true', partition: 'gpu', gpusPerNode: 9 }, alice)
      .catch((e) => e);
    expect(err.details).toMatchObject({
      reason: 'resources_unavailable',
      stderr: expect.stringContaining('Requested node configuration is not available'),
    });
  });

  it('a time limit over the partition maximum', async () => {
    const err = await rt.jobs
      .submit({ ...base, command: 'true', qos: 'long', timeLimit: '8d' }, alice)
      .catch((e) => e);
    expect(err.details.reason).toMatch(/time_limit_exceeds_(partition|qos)/);
  });
});

describe('lookups by id', () => {
  it('ask squeue for just those ids and find plain jobs, array tasks and nothing for unknown ids', async () => {
    const inner = localSudo();
    const seen: string[][] = [];
    const logging: Transport = {
      ...inner,
      exec(request) {
        seen.push([...request.argv]);
        return inner.exec(request);
      },
    };
    const byId = createRuntimeAdapter(slurmAdapter({ transport: logging }), { retry: { retries: 0 } });
    const held = { ...base, command: 'sleep 30', hold: true };
    const { job } = await byId.jobs.submit(held, alice);
    const array = await byId.jobs.submit({ ...held, array: '0-2' }, alice);
    try {
      // One unknown id among known ones: squeue answers for the others (exit 0).
      const ids = [job.id, array.job.id, '987654321'];
      const page = await byId.jobs.list({ jobIds: ids }, alice);
      expect(page.jobs.map((j) => j.id).sort()).toEqual(
        [job.id, `${array.job.id}_0`, `${array.job.id}_1`, `${array.job.id}_2`].sort(),
      );
      expect(seen.filter((a) => a[0] === 'squeue').at(-1)).toContain(`--jobs=${ids.join(',')}`);
      const one = await byId.jobs.get(job.id, alice);
      expect(one.state.phase).toBe('held');
      expect(seen.filter((a) => a[0] === 'squeue').at(-1)).toContain(`--jobs=${job.id}`);
      // A single unknown id makes squeue exit 1; accounting is asked, then NOT_FOUND.
      await expect(byId.jobs.get('987654321', alice)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      // 250 ids: one sacct for all, then squeue by --jobs in batches of 100 for those not ended,
      // never a listing of the whole queue.
      const many = [job.id, array.job.id, ...Array.from({ length: 248 }, (_, i) => String(900_000_000 + i))];
      const mark = seen.length;
      const found = await byId.jobs.list({ jobIds: many }, alice);
      expect(found.jobs.map((j) => j.id).sort()).toEqual(
        [job.id, `${array.job.id}_0`, `${array.job.id}_1`, `${array.job.id}_2`].sort(),
      );
      const calls = seen.slice(mark).filter((a) => a[0] === 'squeue' || a[0] === 'sacct');
      expect(calls.map((a) => a[0])).toEqual(['sacct', 'squeue', 'squeue', 'squeue']);
      const batches = calls
        .filter((a) => a[0] === 'squeue')
        .map(
          (a) =>
            a
              .find((x) => x.startsWith('--jobs='))
              ?.slice('--jobs='.length)
              .split(',') ?? [],
        );
      expect(batches.map((b) => b.length)).toEqual([100, 100, 50]);
      expect(batches.flat()).toEqual(many);
    } finally {
      await byId.jobs.cancel(job.id, alice);
      await byId.jobs.cancel(array.job.id, alice);
      await byId.close();
    }
  });
});

describe('a submission through the client', () => {
  it('is one sbatch and nothing else, and describes the job as a read then shows it', async () => {
    const inner = localSudo();
    const commands: string[] = [];
    const counting: Transport = {
      ...inner,
      exec(request) {
        commands.push(request.argv[0]!);
        return inner.exec(request);
      },
    };
    const client = createClient({ clusters: { local: { adapter: slurmAdapter({ transport: counting }) } } });
    const user = client.as('alice');
    const spec = {
      ...base,
      name: `fresh-${Date.now()}`,
      partition: 'cpu',
      qos: 'normal',
      coresPerNode: 2,
      workingDirectory: 'fresh-out',
      stdout: 'o-%x-%j.txt',
      comment: 'a note',
      hold: true,
      command: 'sleep 30',
    };
    const ids: string[] = [];
    try {
      // The first submission also learns alice's home and the cluster's name, once.
      ids.push((await user.jobs.submit(spec)).id);
      commands.length = 0;
      const handle = await user.jobs.submit(spec);
      ids.push(handle.id);
      expect(commands).toEqual(['sbatch']);
      const read = await user.jobs.get(handle.id);
      const { submitTime, ...described } = handle.job;
      const { submitTime: readSubmitTime, ...actual } = read;
      expect(described).toEqual({ ...actual, arrayJobId: undefined });
      // The portal's clock stands in for the controller's: the same machine here, within a second.
      expect(Math.abs(submitTime.getTime() - readSubmitTime.getTime())).toBeLessThanOrEqual(1000);
    } finally {
      for (const id of ids) await user.jobs.cancel(id).catch(() => undefined);
      await client.close();
    }
  });
});

describe('a submission whose answer is lost', () => {
  it('is found by its idempotency token instead of being submitted twice', async () => {
    const inner = localSudo();
    let lost = 0;
    // Runs sbatch for real, then loses its answer, as a dropped connection would.
    const losing: Transport = {
      ...inner,
      async exec(request) {
        const result = await inner.exec(request);
        if (request.argv[0] === 'sbatch' && lost++ === 0) {
          throw new TransportError({ details: { host: 'test' }, message: 'answer lost (injected)' });
        }
        return result;
      },
    };
    const flaky = createRuntimeAdapter(slurmAdapter({ transport: losing }), { retry: { retries: 0 } });
    const name = `lost-${Date.now()}`;
    const { job } = await flaky.jobs.submit(
      { ...base, name, command: 'sleep 30' },
      { ...alice, idempotencyKey: name },
    );
    const again = await flaky.jobs.submit(
      { ...base, name, command: 'sleep 30' },
      { ...alice, idempotencyKey: name },
    );
    expect(again.job.id).toBe(job.id);
    const same = await rt.jobs.list({ name, submitTime: { from: new Date(Date.now() - 3_600_000) } }, alice);
    expect(same.jobs.map((j) => j.id)).toEqual([job.id]);
    await rt.jobs.cancel(job.id, alice);
    await flaky.close();
  });

  it('is found by its token when the helper shell running sbatch dies after submitting', async () => {
    // sbatch as alice in her helper shell (sudo -u alice bash); the first run submits, then kills
    // that helper before the answer is framed: the transport fails it with helper_shell_exited.
    const dir = mkdtempSync(join(tmpdir(), 'hpckit-helper-death-'));
    chmodSync(dir, 0o777);
    const wrapper = join(dir, 'sbatch');
    writeFileSync(
      wrapper,
      `#!/bin/sh\nout=$(sbatch "$@") || exit $?\nif [ ! -e ${dir}/died ]; then touch ${dir}/died; kill -KILL $PPID; sleep 2; fi\necho "$out"\n`,
    );
    chmodSync(wrapper, 0o755);
    const transport = localTransport({ actAs: { mode: 'sudo' }, helperShell: 'all' });
    const dying = createRuntimeAdapter(slurmAdapter({ transport, commands: { sbatch: wrapper } }), {
      retry: { retries: 0 },
    });
    const name = `helper-died-${Date.now()}`;
    const { job } = await dying.jobs.submit(
      { ...base, name, command: 'sleep 30' },
      { ...alice, idempotencyKey: name },
    );
    expect(execFileSync('ls', [dir], { encoding: 'utf8' })).toContain('died');
    const same = await rt.jobs.list({ name, submitTime: { from: new Date(Date.now() - 3_600_000) } }, alice);
    expect(same.jobs.map((j) => j.id)).toEqual([job.id]);
    // The next command starts a new helper and runs.
    const next = await dying.jobs.submit({ ...base, name, command: 'sleep 30' }, alice);
    expect(next.job.id).not.toBe(job.id);
    await rt.jobs.cancel(job.id, alice);
    await rt.jobs.cancel(next.job.id, alice);
    await dying.close();
  });
});
