import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ActAsSchema, actAsArgv } from './act-as.js';

const sudo = ActAsSchema.parse({ mode: 'sudo' });
const su = ActAsSchema.parse({ mode: 'su' });

describe('actAsArgv', () => {
  const argv = ['squeue', '--user=alice'];
  it('runs through sudo -n -u with the environment passed by env(1)', () => {
    expect(actAsArgv(sudo, 'alice', argv, { SLURM_TIME_FORMAT: '%s' })).toEqual([
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

  it('removes variables the login shell may have set, with env -u, before setting its own', () => {
    expect(actAsArgv(su, 'bob', ['sbatch'], { A: '1' }, ['SBATCH_GRES', 'SBATCH_EXCLUSIVE'])).toEqual([
      'su',
      '-l',
      '-c',
      'env -u SBATCH_GRES -u SBATCH_EXCLUSIVE A=1 sbatch',
      '--',
      'bob',
    ]);
    expect(
      actAsArgv(ActAsSchema.parse({ mode: 'credentials' }), 'bob', ['sbatch'], {}, ['SBATCH_GRES']),
    ).toEqual(['env', '-u', 'SBATCH_GRES', 'sbatch']);
  });

  it('runs through su -l with one quoted command line, every option before "--" and the name after it', () => {
    expect(actAsArgv(su, 'bob', ['scancel', "it's"])).toEqual([
      'su',
      '-l',
      '-c',
      `scancel 'it'\\''s'`,
      '--',
      'bob',
    ]);
  });

  it('leaves the argv alone without a user or with per-user credentials', () => {
    expect(actAsArgv(sudo, undefined, argv)).toEqual(argv);
    expect(actAsArgv(ActAsSchema.parse({ mode: 'credentials' }), 'alice', argv)).toEqual(argv);
  });

  it.each(['-m', '-p', '--login', '#2001', '#0', '0', 'a b', ''])(
    'refuses %j, which su or sudo would read as an option or a uid, with a VALIDATION error',
    (user) => {
      for (const actAs of [sudo, su]) {
        expect(() => actAsArgv(actAs, user, argv)).toThrow(
          expect.objectContaining({
            code: 'VALIDATION',
            details: expect.objectContaining({ subject: 'command' }),
          }),
        );
      }
    },
  );

  it('never builds a switch where the user could be read as an option of su or sudo', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (user) => {
        for (const actAs of [sudo, su]) {
          let built: string[];
          try {
            built = actAsArgv(actAs, user, argv);
          } catch (err) {
            expect(err).toMatchObject({ code: 'VALIDATION' });
            continue;
          }
          // One word in the name's place (sudo: "-u <user> --", su: "-- <user>" last), and no
          // accepted name looks like an option or sudo's "#uid".
          if (actAs.mode === 'sudo') expect(built.slice(2, 5)).toEqual(['-u', user, '--']);
          else expect(built.slice(-2)).toEqual(['--', user]);
          expect(user.startsWith('-') || user.startsWith('#')).toBe(false);
        }
      }),
    );
  });

  it('defaults to refusing uids below 1 and no extra names', () => {
    expect(sudo).toMatchObject({ minUid: 1, denyUsers: [] });
    expect(() => ActAsSchema.parse({ mode: 'sudo', denyUsers: ['-m'] })).toThrow();
  });
});
