import { describe, expect, it } from 'vitest';
import { actAsArgv } from './act-as.js';

describe('actAsArgv', () => {
  const argv = ['squeue', '--user=alice'];
  it('runs through sudo -n -u with the environment passed by env(1)', () => {
    expect(actAsArgv({ mode: 'sudo', sudo: 'sudo' }, 'alice', argv, { SLURM_TIME_FORMAT: '%s' })).toEqual([
      'sudo',
      '-n',
      '-u',
      'alice',
      '--',
      'env',
      'SLURM_TIME_FORMAT=%s',
      'squeue',
      '--user=alice',
    ]);
  });

  it('runs through su - with one quoted command line', () => {
    expect(actAsArgv({ mode: 'su', su: 'su' }, 'bob', ['scancel', "it's"])).toEqual([
      'su',
      '-',
      'bob',
      '-c',
      `scancel 'it'\\''s'`,
    ]);
  });

  it('leaves the argv alone without a user or with per-user credentials', () => {
    expect(actAsArgv({ mode: 'sudo', sudo: 'sudo' }, undefined, argv)).toEqual(argv);
    expect(actAsArgv({ mode: 'credentials' }, 'alice', argv)).toEqual(argv);
  });
});
