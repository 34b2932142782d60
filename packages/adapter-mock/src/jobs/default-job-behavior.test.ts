import { isHpckitError, JobSpecSchema } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { mockAdapter } from '../mock-adapter.js';
import { interpretScript } from './default-job-behavior.js';
import { resolveBehavior } from './job-behavior.js';

describe('default job behaviour', () => {
  it('prints what echo lines print, to standard error with >&2, nothing expanded', () => {
    expect(interpretScript('echo "a b"\necho $HOME; echo \'c\' >&2\n# echo no')).toEqual({
      runtime: 1,
      stdout: 'a b\n$HOME\n',
      stderr: 'c\n',
    });
  });

  it('sums every sleep, in any unit, as the runtime', () => {
    expect(interpretScript('sleep 30\nsrun a.out\nsleep 5m')).toEqual({ runtime: 330 });
    expect(interpretScript('sleep 1h 30m; echo done')).toEqual({ runtime: 5400, stdout: 'done\n' });
    expect(interpretScript('for i in 1 2; do sleep 2.5; done')).toEqual({ runtime: 2.5 });
    expect(interpretScript('sleep 1d && sleep 10s')).toEqual({ runtime: 86_410 });
  });

  it('runs 1 s when nothing sleeps, and ignores comments', () => {
    expect(interpretScript('#!/bin/bash\n# sleep 100\nhostname # sleep 50')).toEqual({ runtime: 1 });
    expect(interpretScript('')).toEqual({ runtime: 1 });
  });

  it('takes the first exit code', () => {
    expect(interpretScript('sleep 10\nexit 3\nexit 4')).toEqual({ runtime: 10, exitCode: 3 });
    expect(resolveBehavior(interpretScript('exit 3'))).toEqual({
      runtimeMs: 1000,
      exitCode: 3,
      outcome: 'failed',
    });
  });

  it('reads a script killing itself as that signal, unless an exit comes first', () => {
    expect(interpretScript('sleep 2\nkill -9 $$')).toEqual({ runtime: 2, signal: 9 });
    expect(interpretScript('kill -KILL $$')).toEqual({ runtime: 1, signal: 9 });
    expect(interpretScript('kill -s SIGUSR1 $$; exit 4')).toEqual({ runtime: 1, signal: 10 });
    expect(interpretScript('kill $$')).toEqual({ runtime: 1, signal: 15 });
    expect(interpretScript('exit 2\nkill -9 $$')).toEqual({ runtime: 1, exitCode: 2 });
    expect(interpretScript('kill -9 $$$')).toEqual({ runtime: 1 });
    expect(interpretScript('kill -9 1234')).toEqual({ runtime: 1 });
    expect(resolveBehavior(interpretScript('kill -9 $$'))).toEqual({
      runtimeMs: 1000,
      exitCode: 0,
      outcome: 'failed',
      signal: 9,
    });
  });

  it('ends a job killed by a signal FAILED with exit code 0 and the signal, as Slurm reports it', async () => {
    const adapter = mockAdapter();
    const { job } = await adapter.jobs.submit(JobSpecSchema.parse({ command: 'sleep 5\nkill -9 $$' }), {});
    adapter.clock.advance('10s');
    expect((await adapter.jobs.get(job.id, {})).state).toEqual({
      phase: 'ended',
      outcome: 'failed',
      raw: 'FAILED',
      reason: 'NonZeroExitCode',
      exitCode: 0,
      signal: 9,
    });
  });

  it('lets a "# mock:" line force outcome, runtime and exit code', () => {
    expect(interpretScript('sleep 60\n# mock: outcome=out_of_memory')).toEqual({
      runtime: 60,
      outcome: 'out_of_memory',
    });
    expect(interpretScript('# mock: runtime=10m exit=7 outcome=node_fail\nsleep 5')).toEqual({
      runtime: 600,
      exitCode: 7,
      outcome: 'node_fail',
    });
    expect(resolveBehavior(interpretScript('# mock: outcome=boot_fail'))).toEqual({
      runtimeMs: 1000,
      exitCode: 0,
      outcome: 'boot_fail',
    });
  });

  it('refuses a "# mock:" line it cannot read, saying what it accepts', () => {
    let error: unknown;
    try {
      interpretScript('# mock: outcome=oom');
    } catch (err) {
      error = err;
    }
    expect(isHpckitError(error, 'VALIDATION')).toBe(true);
    expect((error as Error).message).toContain('"outcome=oom"');
    expect((error as Error).message).toContain('out_of_memory');
  });
});
