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
 * The bash line that runs one command in a helper shell, or undefined where a shell cannot carry
 * it exactly (a NUL byte, an environment name a shell cannot export): such a command is spawned.
 *
 * The command runs in a subshell that prints its pid (so a timeout kills just it), applies the
 * environment, and `exec`s the quoted argv: one fork and one exec, as a shell loop does. Its
 * input is its own (a here-document, or /dev/null), never the helper's stdin, which carries the
 * next commands. The helper then prints the exit status and ends both streams' frames; a trap
 * on USR1 lets a caller that may not signal the command (another user's, under sudo) have the
 * helper kill it.
 */
export function commandLine(command: FramedCommand, nonce: string): string | undefined {
  const { argv, stdin, env = {}, unsetEnv = [] } = command;
  const texts = [...argv, ...Object.entries(env).flat(), stdin ?? ''];
  if (texts.some((t) => t.includes('\0'))) return undefined;
  if (![...Object.keys(env), ...unsetEnv].every((name) => NAME.test(name))) return undefined;
  const tokens = frameTokens(nonce);
  const setup = [
    ...unsetEnv.map((name) => `unset ${name}`),
    ...Object.entries(env).map(([name, value]) => `export ${name}=${shellQuote(value)}`),
  ];
  const body = [
    `printf '%s%s\\n' ${shellQuote(tokens.start)} "$BASHPID"`,
    ...setup,
    `exec -- ${shellJoin(argv)}`,
  ];
  const { redirect, document } = inputOf(stdin, nonce);
  return [
    `( ${body.join('; ')} ) ${redirect} & p=$!${document}`,
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
