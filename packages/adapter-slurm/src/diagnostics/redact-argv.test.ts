import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactArgv } from './redact-argv.js';

describe('redactArgv', () => {
  it('keeps the names of --export and drops their values, in both spellings', () => {
    expect(redactArgv(['sbatch', '--export=ALL,TOKEN=abc,HOME=/h', '--export', 'NONE,X=1'])).toEqual([
      'sbatch',
      '--export=ALL,TOKEN=<redacted>,HOME=<redacted>',
      '--export',
      'NONE,X=<redacted>',
    ]);
  });

  it('drops values of words whose name reads like a credential, and keeps the rest', () => {
    expect(
      redactArgv(['tool', 'password=p', '--api-key=k', 'Secret=s', 'name=alice', '--chdir=/home/a', '-u']),
    ).toEqual([
      'tool',
      'password=<redacted>',
      '--api-key=<redacted>',
      'Secret=<redacted>',
      'name=alice',
      '--chdir=/home/a',
      '-u',
    ]);
  });

  it('never keeps an exported value (property)', () => {
    const name = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,8}$/);
    const value = fc.string({ minLength: 1 }).filter((v) => !v.includes(','));
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { minLength: 1, maxLength: 5 }), (pairs) => {
        const word = `--export=${pairs.map(([n, v]) => `${n}=${v}`).join(',')}`;
        const [out] = redactArgv([word]);
        expect(out).toBe(`--export=${pairs.map(([n]) => `${n}=<redacted>`).join(',')}`);
      }),
    );
  });
});
