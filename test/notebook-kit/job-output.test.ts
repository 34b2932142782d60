import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockAdapter } from '@hpckit/adapter-mock';
import { createClient, formatError, isHpckitError, type JobOutputSource } from '@hpckit/core';
import { jobOutputSource, localFileSystem } from '@hpckit/remote';
import { afterEach, describe, expect, it } from 'vitest';

const fast = { minIntervalMs: 5, maxIntervalMs: 20, jitter: 0 };
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The mock writes its jobs' output under a temporary directory of homes, read back from disk. */
function setup(options: { jobOutput?: boolean } = {}) {
  const homes = mkdtempSync(join(tmpdir(), 'hpckit-output-'));
  dirs.push(homes);
  const files = localFileSystem({ home: homes });
  const adapter = mockAdapter({ clock: { mode: 'scaled', scale: 3600 }, homes, files });
  const source = jobOutputSource({ files });
  const cluster =
    options.jobOutput === false ? { adapter, polling: fast } : { adapter, polling: fast, jobOutput: source };
  const client = createClient({ clusters: { hpc: cluster } });
  return { client, alice: client.as('alice'), source, homes };
}

describe('job output through the handle (mock scheduler, local disk)', () => {
  it('reads stdout and stderr once the job has run, bounded by maxBytes', async () => {
    const { client, alice, homes } = setup();
    const lines = Array.from({ length: 50 }, (_, i) => `echo line-${i}`);
    const handle = await alice.jobs.submit({
      command: [...lines, 'sleep 10m'].join('\n'),
      account: 'electroplating',
      stderr: 'err-%j.txt',
      hold: true,
    });
    // A job that has not started has no output file yet.
    const before = await handle.output();
    expect(before).toMatchObject({ exists: false, text: '', truncated: false });
    await handle.release();
    await handle.wait();
    const out = await handle.output();
    const expected = lines.map((l) => `${l.slice(5)}\n`).join('');
    expect(out).toMatchObject({ stream: 'stdout', exists: true, text: expected, truncated: false });
    expect(out.path).toBe(join(homes, 'alice', `slurm-${handle.id}.out`));
    const head = await handle.output({ maxBytes: 10 });
    expect(head).toMatchObject({ text: expected.slice(0, 10), bytes: 10, truncated: true });
    const err = await handle.output({ stream: 'stderr' });
    expect(err).toMatchObject({ exists: true, text: '', path: join(homes, 'alice', `err-${handle.id}.txt`) });
    await client.close();
  });

  it('follows output until the job ends, reading only the file (the job’s end comes from the poller)', async () => {
    const { client, alice } = setup();
    const handle = await alice.jobs.submit({
      command: 'echo one\necho two\nsleep 20m',
      account: 'electroplating',
    });
    const source = jobOutputSource({ files: localFileSystem({}) });
    const reads: number[] = [];
    const counted: JobOutputSource = {
      read: (job, stream, range) => {
        reads.push(range.start);
        return source.read(job, stream, range);
      },
    };
    let text = '';
    for await (const piece of handle.followOutput({ intervalMs: 50, source: counted })) text += piece;
    expect(text).toBe('one\ntwo\n');
    expect(handle.state.phase).toBe('ended');
    expect(reads.length).toBeGreaterThan(0);
    // The bound holds while following too.
    let capped = '';
    for await (const piece of handle.followOutput({ maxBytes: 5 })) capped += piece;
    expect(capped).toBe('one\nt');
    await client.close();
  });

  it('says where to configure a source when the cluster has none, in English and Chinese', async () => {
    const { client, alice } = setup({ jobOutput: false });
    const handle = await alice.jobs.submit({ command: 'echo x', account: 'electroplating' });
    const err = await handle.output().catch((e: unknown) => e);
    expect(isHpckitError(err, 'UNSUPPORTED') && err.details.reason).toBe('no_job_output');
    expect(formatError(err)).toContain('jobOutput');
    expect(formatError(err, { locale: 'zh-CN' })).toContain('jobOutput 来源');
    const bad = await handle.output({ maxBytes: 0 }).catch((e: unknown) => e);
    expect(isHpckitError(bad, 'VALIDATION')).toBe(true);
    const wrong = (() => {
      try {
        return jobOutputSource({ files: 'home' as never });
      } catch (e) {
        return e;
      }
    })();
    expect(isHpckitError(wrong, 'VALIDATION')).toBe(true);
    expect(formatError(wrong, { locale: 'zh-CN' })).toContain('文件系统');
    await client.close();
  });

  it('asks again whether the view may see the job: a revoked account admin reads nothing', async () => {
    const homes = mkdtempSync(join(tmpdir(), 'hpckit-output-'));
    dirs.push(homes);
    const files = localFileSystem({ home: homes });
    const adapter = mockAdapter({ clock: { mode: 'scaled', scale: 3600 }, homes, files });
    const admins = new Set(['bob']);
    const client = createClient({
      clusters: { hpc: { adapter, polling: fast, jobOutput: jobOutputSource({ files }) } },
      access: { roles: (user) => (admins.has(user) ? { adminOf: ['electroplating'] } : {}) },
    });
    const job = await client.as('alice').jobs.submit({ command: 'echo mine', account: 'electroplating' });
    await job.wait();
    const seenByBob = await client.as('bob').jobs.handle(job.id);
    expect((await seenByBob.output()).text).toBe('mine\n');
    admins.delete('bob');
    const err = await seenByBob.output().catch((e: unknown) => e);
    expect(isHpckitError(err, 'NOT_FOUND')).toBe(true);
    await client.close();
  });

  it('stops following when the client closes', async () => {
    const { client, alice } = setup();
    const handle = await alice.jobs.submit({
      command: 'sleep 40h',
      account: 'electroplating',
      timeLimit: '2d',
    });
    const follow = (async () => {
      for await (const _ of handle.followOutput({ intervalMs: 20 })) {
        // nothing printed
      }
    })();
    await handle.wait({ until: 'running' });
    await client.close();
    const err = await follow.catch((e: unknown) => e);
    expect(isHpckitError(err, 'UNSUPPORTED') && err.details.reason).toBe('client_closed');
  });
});
