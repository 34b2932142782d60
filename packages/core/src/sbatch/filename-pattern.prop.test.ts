import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandFilenamePattern, type FilenamePatternValues } from './filename-pattern.js';

const values = fc.record({
  jobId: fc.integer({ min: 1, max: 2 ** 31 }).map(String),
  arrayJobId: fc.option(fc.integer({ min: 1, max: 2 ** 31 }).map(String), { nil: undefined }),
  arrayTaskId: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined }),
  name: fc.string(),
  user: fc.stringMatching(/^[a-z][a-z0-9_-]{0,15}$/),
  node: fc.option(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), { nil: undefined }),
});

type Segment =
  | { literal: string }
  | { key: 'j' | 'x' | 'u' | 'A' | 'a' | 'N' | '%'; width: number | undefined };

// Literal text holds neither "%" nor "\": each pattern piece then reads back as exactly one piece.
const segment: fc.Arbitrary<Segment> = fc.oneof(
  fc.string().map((s) => ({ literal: s.replace(/[%\\]/g, '') })),
  fc.record({
    key: fc.constantFrom('j', 'x', 'u', 'A', 'a', 'N', '%' as const),
    width: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
  }),
);

/** An independent reading of Slurm's rules for one piece, to compare the expander with. */
function expected(s: Segment, v: FilenamePatternValues): string {
  if ('literal' in s) return s.literal;
  const pad = (n: string) => (s.width === undefined ? n : n.padStart(s.width, '0'));
  const inArray = v.arrayTaskId !== undefined;
  if (s.key === 'j') return pad(v.jobId);
  if (s.key === 'A') return pad(inArray ? (v.arrayJobId ?? v.jobId) : v.jobId);
  if (s.key === 'a') return pad(inArray ? String(v.arrayTaskId) : '4294967294');
  if (s.key === 'x') return v.name;
  if (s.key === 'u') return v.user;
  if (s.key === 'N') return v.node ?? '';
  return '%';
}

const written = (s: Segment) => ('literal' in s ? s.literal : `%${s.width ?? ''}${s.key}`);

describe('expandFilenamePattern', () => {
  it('expands every piece of a pattern by itself, names and users taken as text', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 12 }), values, (segments, v) => {
        const pattern = segments.map(written).join('');
        expect(expandFilenamePattern(pattern, v)).toBe(segments.map((s) => expected(s, v)).join(''));
      }),
    );
  });

  it('leaves a pattern without "%" unchanged, and takes one with a backslash literally', () => {
    fc.assert(
      fc.property(fc.string(), values, (text, v) => {
        const plain = text.replace(/[%\\]/g, '');
        expect(expandFilenamePattern(plain, v)).toBe(plain);
        const escaped = `${text}\\%j`;
        expect(expandFilenamePattern(escaped, v)).toBe(escaped.replace(/\\/g, ''));
      }),
    );
  });

  it('expands the examples of the sbatch manual', () => {
    const task = { jobId: '1240', arrayJobId: '1234', arrayTaskId: 7, name: 'train', user: 'alice' };
    expect(expandFilenamePattern('%x-%j-%u-%N-100%%.out', { ...task, node: 'cn01' })).toBe(
      'train-1240-alice-cn01-100%.out',
    );
    expect(expandFilenamePattern('slurm-%A_%a.out', task)).toBe('slurm-1234_7.out');
    expect(expandFilenamePattern('%4a-%6A', task)).toBe('0007-001234');
    expect(expandFilenamePattern('%A_%a.out', { jobId: '9', name: 'n', user: 'u' })).toBe('9_4294967294.out');
    expect(expandFilenamePattern('keep %z and %', { jobId: '9', name: 'n', user: 'u' })).toBe(
      'keep %z and %',
    );
  });
});
