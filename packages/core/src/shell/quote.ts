/**
 * POSIX shell quoting: wraps a value in single quotes, where nothing is special, and writes each
 * embedded single quote as `'\''`. The result is one word for sh, bash, dash and zsh whatever the
 * value holds (newlines, `$`, backquotes, non-ASCII); only NUL cannot be carried, and core's
 * schemas refuse it before it gets here.
 *
 * @example
 * ```ts
 * shellQuote("it's"); // 'it'\''s'
 * ```
 */
export function shellQuote(value: string): string {
  if (value.includes('\0')) throw new RangeError('a shell word cannot contain a NUL character');
  // Words made only of these characters mean the same quoted or not; leave them readable.
  if (value !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Joins an argv into one shell command line, quoting every word. */
export function shellJoin(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
