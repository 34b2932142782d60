import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shellQuote } from './shell-quote.js';

// Bash cannot hold NUL in a word; everything else (quotes, $, backticks, newlines, non-ASCII) must
// come back byte for byte.
const word = fc
  .string({ unit: 'binary', maxLength: 40 })
  .map((s) => s.replaceAll('\0', '').replaceAll('\u001e', ''));

describe('shellQuote', () => {
  it('round-trips any text through bash unchanged and unexecuted', () => {
    const samples = fc.sample(fc.array(word, { minLength: 1, maxLength: 5 }), { numRuns: 200, seed: 42 });
    samples.push([`'`, `"$(touch /tmp/hpckit-pwned)"`, '`id`', 'a\nb', 'é ✓ 日本']);
    // One bash for every sample: each value printed NUL-separated, samples separated by a record mark.
    const script = samples
      .map((values) => `printf '%s\\0' ${values.map(shellQuote).join(' ')}; printf '\\036'`)
      .join('\n');
    const out = execFileSync('bash', ['-c', script], { encoding: 'utf8' });
    const records = out.split('\u001e').slice(0, -1);
    expect(records).toHaveLength(samples.length);
    records.forEach((record, i) => {
      expect(record.split('\0').slice(0, -1)).toEqual(samples[i]);
    });
  });
});
