import { createClient, isHpckitError, NotFoundError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { mockAdapter } from '../mock-adapter.js';
import type { MockFileSink } from './job-files-sink.js';

/** An in-memory sink that records every call, to see what the mock writes and in which order. */
function memorySink(failOn?: string) {
  const files = new Map<string, string>();
  const dirs = new Set<string>();
  const calls: string[] = [];
  const sink: MockFileSink = {
    async mkdir(path) {
      calls.push(`mkdir ${path}`);
      dirs.add(path);
    },
    async writeFile(path, data) {
      calls.push(`write ${path}`);
      if (path === failOn)
        throw new NotFoundError({ details: { kind: 'file', id: path, reason: 'no_such_file' } });
      files.set(path, data);
    },
  };
  return { sink, files, dirs, calls };
}

describe('the mock writes jobs into its file sink', () => {
  it('creates the working directory at submit and the output files at start, filled at the end, under the configured homes', async () => {
    const m = memorySink();
    const adapter = mockAdapter({ homes: (user) => `/srv/homes/${user}`, files: m.sink });
    const alice = createClient({ clusters: { hpc: { adapter } } }).as('alice');
    const handle = await alice.jobs.submit({
      command: 'echo hello\nsleep 10m',
      account: 'electroplating',
      hold: true,
      workingDirectory: 'w',
      createWorkingDirectory: true,
    });
    expect(handle.job.workingDirectory).toBe('/srv/homes/alice/w');
    expect(m.dirs.has('/srv/homes/alice/w')).toBe(true);
    expect(m.files.size).toBe(0);
    await alice.jobs.release(handle.id);
    await alice.jobs.get(handle.id);
    const out = `/srv/homes/alice/w/slurm-${handle.id}.out`;
    expect(m.files.get(out)).toBe('');
    adapter.clock.advance('11m');
    expect((await alice.jobs.get(handle.id)).state.outcome).toBe('completed');
    expect(m.files.get(out)).toBe('hello\n');
  });

  it('writes nothing for a job cancelled before it started, and nothing to /dev/null', async () => {
    const m = memorySink();
    const adapter = mockAdapter({ files: m.sink });
    const alice = createClient({ clusters: { hpc: { adapter } } }).as('alice');
    const held = await alice.jobs.submit({ command: 'echo x', account: 'electroplating', hold: true });
    await alice.jobs.cancel(held.id);
    const quiet = await alice.jobs.submit({
      command: 'echo x',
      account: 'electroplating',
      stdout: '/dev/null',
    });
    adapter.clock.advance('1m');
    await alice.jobs.get(quiet.id);
    expect(m.calls.filter((c) => c.startsWith('write'))).toEqual([]);
  });

  it('reports a failed write on the next call instead of losing it', async () => {
    const m = memorySink('/home/alice/bad.out');
    const adapter = mockAdapter({ files: m.sink });
    const alice = createClient({ clusters: { hpc: { adapter } } }).as('alice');
    const job = await alice.jobs.submit({ command: 'true', account: 'electroplating', stdout: 'bad.out' });
    let caught: unknown;
    try {
      adapter.clock.advance('1m');
      await alice.jobs.get(job.id);
    } catch (err) {
      caught = err;
    }
    expect(isHpckitError(caught, 'NOT_FOUND')).toBe(true);
    // Reported once: the next call answers.
    expect((await alice.jobs.get(job.id)).state.outcome).toBe('completed');
  });

  it('refuses a sink without mkdir and writeFile, saying what it needs', () => {
    expect(() => mockAdapter({ files: {} as MockFileSink })).toThrow(
      /mkdir\(path, \{ recursive \}\) and writeFile/,
    );
  });
});
