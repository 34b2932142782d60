import fc from 'fast-check';

/** Strings a hostile user types: shell and sbatch syntax, huge or odd numbers, control characters, long text. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '-m',
    '--login',
    '#0',
    'root',
    '1e400',
    '1e400h',
    '1e400G',
    '9007199254740993',
    '99999999999999999999',
    '0-99999999999999999999:1',
    '-1',
    'NaN',
    'Infinity',
    '$(touch /tmp/hpckit-fuzz)',
    '`id`',
    "'; id; '",
    '\n#SBATCH --exclusive\n',
    '\0',
    '..',
    '../../etc/passwd',
    '/dev/zero',
    '%j%x%u',
    '::1]:22/x#',
    'a b',
    '名前',
  ),
  fc.integer({ min: 1, max: 300_000 }).map((n) => 'x'.repeat(n)),
);

/** Numbers a hostile caller passes where counts, sizes or durations go. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    0,
    -0,
    -1,
    2 ** 53,
    2 ** 53 + 2,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    1e300,
    Infinity,
    -Infinity,
    NaN,
  ),
);

/** Any JSON-ish value, hostile strings and numbers included. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  hostileText,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.oneof(hostileText, hostileNumber), { maxLength: 3 }),
  fc.dictionary(hostileText, hostileText, { maxKeys: 3 }),
);

/** A value that is usually of the right shape for a field, often hostile. */
export const sometimes = <T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: hostileValue });
