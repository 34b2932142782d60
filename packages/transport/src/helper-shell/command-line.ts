import { shellJoin, shellQuote } from '@hpckit/core';

/** What one command sent to a helper shell needs. */
export interface FramedCommand {
  argv: readonly string[];
  stdin?: string;
  env?: Readonly<Record<string, string>>;
  unsetEnv?: readonly string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The framing a helper shell prints around one command's output (see {@link commandLine}).
 * `nonce` is fresh random hex per command: output can only end a frame early by guessing it.
 */
export const frameTokens = (nonce: string) => ({
  /** Precedes the command's pid and a newline on stdout, before any output of the command. */
  start: `${nonce} B `,
  /** Follows the command's stdout, then its exit status and a newline. */
  end: `${nonce} E `,
  /** Follows the command's stderr. */
  stderrEnd: `${nonce} E\n`,
});

/**
 * The loop a helper shell runs on its stdin. Each command arrives as its length in bytes on a
 * line, then that many bytes, read at once and evaluated. bash reads a script from a pipe one
 * byte per system call (it must not read past the command it runs), so a submission's 1.5 KB
 * of environment setup and its script cost thousands of reads each, a few milliseconds per
 * command on a loaded machine: as much as the gap to a shell loop of sbatch. `LC_ALL=C` makes
 * `read -N` count bytes, as the length does. USR1 is ignored while the helper reads (so a late
 * one cannot cut a read short) and kills the running command otherwise (see {@link commandLine}).
 */
export const HELPER_LOOP = [
  'while :; do',
  "trap '' USR1;",
  'IFS= read -r __hpckit_n || exit;',
  'LC_ALL=C IFS= read -r -N "$__hpckit_n" __hpckit_c || exit;',
  `trap '[ -n "$p" ] && kill -KILL "$p" 2>/dev/null' USR1;`,
  'eval "$__hpckit_c";',
  'done\n',
].join(' ');

/** One command as the helper loop reads it: its length in bytes, a newline, the command. */
export const framed = (line: string): string => `${Buffer.byteLength(line)}\n${line}`;

/**
 * The environment setups (unsets and exports) a helper has made into shell functions. A
 * submission unsets some 70 `SBATCH_*` names: sent once as a function, each later command
 * carries only the call. Bounded, since a caller may vary its environment without end.
 */
export interface SetupFunctions {
  /** The call for `setup`, with the function's definition the first time it is seen. */
  use(setup: string): { call: string; definition?: string } | undefined;
}

/** The setup functions of one helper shell (at most `limit`; later setups stay inline). */
export function setupFunctions(limit = 32): SetupFunctions {
  const names = new Map<string, string>();
  return {
    use(setup) {
      const known = names.get(setup);
      if (known !== undefined) return { call: known };
      if (names.size >= limit) return undefined;
      const name = `__hpckit_setup_${names.size}`;
      names.set(setup, name);
      return { call: name, definition: `${name}() { ${setup}; }\n` };
    },
  };
}

/**
 * The bash text that runs one command in a helper shell, or undefined where a shell cannot carry
 * it exactly (a NUL byte, an environment name a shell cannot export): such a command is spawned.
 *
 * The command runs in a subshell that prints its pid (so a timeout kills just it), applies the
 * environment, and `exec`s the quoted argv: one fork and one exec, as a shell loop does. Its
 * input is its own (a here-document, or /dev/null), never the helper's stdin, which carries the
 * next commands. The helper then prints the exit status and ends both streams' frames; a trap
 * on USR1 lets a caller that may not signal the command (another user's, under sudo) have the
 * helper kill it. With `setups`, the environment setup becomes a function of the helper.
 */
export function commandLine(
  command: FramedCommand,
  nonce: string,
  setups?: SetupFunctions,
): string | undefined {
  const { argv, stdin, env = {}, unsetEnv = [] } = command;
  const texts = [...argv, ...Object.entries(env).flat(), stdin ?? ''];
  if (texts.some((t) => t.includes('\0'))) return undefined;
  if (![...Object.keys(env), ...unsetEnv].every((name) => NAME.test(name))) return undefined;
  const tokens = frameTokens(nonce);
  const setup = [
    ...(unsetEnv.length > 0 ? [`unset -v ${unsetEnv.join(' ')}`] : []),
    ...Object.entries(env).map(([name, value]) => `export ${name}=${shellQuote(value)}`),
  ].join('; ');
  const fn = setup === '' ? undefined : setups?.use(setup);
  const body = [
    `printf '%s%s\\n' ${shellQuote(tokens.start)} "$BASHPID"`,
    ...(setup === '' ? [] : [fn?.call ?? setup]),
    `exec -- ${shellJoin(argv)}`,
  ];
  const { redirect, document } = inputOf(stdin, nonce);
  return [
    `${fn?.definition ?? ''}( ${body.join('; ')} ) ${redirect} & p=$!${document}`,
    // A trapped signal ends `wait` early: wait again until the command is really gone.
    'wait "$p"; s=$?; while kill -0 "$p" 2>/dev/null; do wait "$p"; s=$?; done; p=',
    `printf '%s%s\\n' ${shellQuote(tokens.end)} "$s"`,
    `printf '%s' ${shellQuote(tokens.stderrEnd)} >&2`,
    '',
  ].join('\n');
}

/** The command's input: /dev/null, a here-document, or (no final newline) printf's output. */
function inputOf(stdin: string | undefined, nonce: string): { redirect: string; document: string } {
  if (stdin === undefined || stdin === '') return { redirect: '</dev/null', document: '' };
  const marker = `HPCKIT_IN_${nonce}`;
  // A here-document always ends in a newline, so only input that ends in one fits it exactly.
  if (stdin.endsWith('\n') && !stdin.includes(marker))
    return { redirect: `<<'${marker}'`, document: `\n${stdin}${marker}` };
  return { redirect: `< <(printf '%s' ${shellQuote(stdin)})`, document: '' };
}
