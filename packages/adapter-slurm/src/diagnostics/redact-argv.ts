const REDACTED = '<redacted>';

// Option or variable names whose value may be a credential.
const SECRET_NAME = /pass(word|wd|phrase)?|secret|token|api[-_]?key|private[-_]?key|credential|auth/i;

/**
 * The argv with every value that may hold a secret replaced by `<redacted>`: the values of
 * `--export` (`--export=ALL,TOKEN=…` keeps `ALL` and the names) and of any `name=value` word
 * whose name reads like a credential (`password=`, `--api-key=`).
 */
export function redactArgv(argv: readonly string[]): string[] {
  return argv.map((word, i) => {
    if (argv[i - 1] === '--export') return redactExports(word);
    if (word.startsWith('--export=')) return `--export=${redactExports(word.slice('--export='.length))}`;
    const eq = word.indexOf('=');
    return eq > 0 && SECRET_NAME.test(word.slice(0, eq)) ? `${word.slice(0, eq + 1)}${REDACTED}` : word;
  });
}

function redactExports(list: string): string {
  return list
    .split(',')
    .map((item) => {
      const eq = item.indexOf('=');
      return eq < 0 ? item : `${item.slice(0, eq + 1)}${REDACTED}`;
    })
    .join(',');
}
