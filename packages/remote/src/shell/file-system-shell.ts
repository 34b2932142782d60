import { posix } from 'node:path';
import { PassThrough } from 'node:stream';
import { formatError, type Locale, parseInput } from '@hpckit/core';
import { z } from 'zod';
import { remoteRules } from '../errors/remote-rules.js';
import type { FileSystem } from '../fs/file-system.js';
import { resolveWithin } from '../path/resolve-path.js';
import { isControl, lineEditor } from './line-editor.js';
import type { ShellExit, ShellSession } from './open-shell.js';
import { shellWords } from './shell-words.js';
import { checkTerminalSize, TERMINAL_SIZE } from './terminal-size.js';

/** Options of {@link fileSystemShell}. */
export const FileSystemShellOptionsSchema = z.strictObject({
  /** The user's files: every command reads them through it, inside its home. */
  files: z.custom<FileSystem>(
    (v) =>
      typeof (v as FileSystem | undefined)?.home === 'function' &&
      typeof (v as FileSystem | undefined)?.list === 'function',
    { error: remoteRules.error('not_a_file_system') },
  ),
  /** Terminal rows. @default 24 */
  rows: TERMINAL_SIZE.default(24),
  /** Terminal columns. @default 80 */
  cols: TERMINAL_SIZE.default(80),
  /** Initial directory, relative to the home (or absolute inside it). */
  cwd: z.string().min(1).optional(),
  /** Language of the shell's own messages and of the errors it shows. @default "en" */
  locale: z.enum(['en', 'zh-CN']).default('en'),
  /** Host name shown in the prompt. @default "hpckit" */
  host: z
    .string()
    .regex(/^[A-Za-z0-9.-]{1,64}$/, { error: remoteRules.error('shell_host') })
    .default('hpckit'),
  /** Longest command line, in characters; typing more rings the bell. @default 4096 */
  maxLineLength: z.number().int().min(1).max(1_000_000).default(4096),
  /** Bytes of a file `cat` shows. @default 65536 */
  catBytes: z
    .number()
    .int()
    .min(1)
    .default(64 * 1024),
});

/** What callers may pass to {@link fileSystemShell}. */
export type FileSystemShellOptions = z.input<typeof FileSystemShellOptionsSchema>;

// Control characters a file's content or a file's name could use to drive the terminal (move the
// cursor, retitle the window, rewrite the screen) are shown as ^X, as `cat -v` does; `keep` are
// let through (a file's newlines and tabs).
const caret = (text: string, keep = '') =>
  Array.from(text, (ch) => {
    if (!isControl(ch) || keep.includes(ch)) return ch;
    const code = ch.charCodeAt(0);
    return code === 0x7f ? '^?' : code < 0x20 ? `^${String.fromCharCode(code + 64)}` : '?';
  }).join('');

/**
 * A shell over one user's {@link FileSystem}, with a handful of built-in commands and no programs
 * (`pwd`, `cd`, `ls`, `cat`, `echo`, `whoami`, `stty size`, `clear`, `help`, `exit`): a
 * {@link ShellSession} for a portal without SSH (a demo on the mock scheduler) and for tests that
 * drive `bridgeTerminal` end to end. Nothing it is given is ever run.
 *
 * Every path stays inside the home: resolved against the current directory, then checked with
 * `resolveWithin` (`..` above the home, `/etc` and another user's home are refused); links are
 * followed as the file system follows them, so pair it with `localFileSystem({ confine: true })`
 * when one process serves several users' homes. Input goes through a line editor: printable
 * characters and backspace, Enter, ^C, ^D; other control characters and escape sequences are
 * dropped, and a line longer than `maxLineLength` rings the bell. Output is what a PTY would send
 * (`\r\n` line ends); control characters in files' contents and names are shown as `^X`. Messages
 * are in `locale` (English or Chinese).
 *
 * @throws `ValidationError` for bad options or a `cwd` outside the home; the file system's typed
 * errors when `cwd` is missing or not a directory.
 * @example
 * ```ts
 * const files = localFileSystem({ home: '/srv/portal/home/alice', user: 'alice', confine: true });
 * const shell = await fileSystemShell({ files, rows: 24, cols: 80, locale: 'zh-CN' });
 * shell.output.on('data', (bytes) => process.stdout.write(bytes));
 * shell.write('ls -a\r');
 * ```
 */
export async function fileSystemShell(options: FileSystemShellOptions): Promise<ShellSession> {
  const opts = parseInput(
    FileSystemShellOptionsSchema,
    options,
    remoteRules.subject('file_system_shell_options'),
  );
  const { files, locale } = opts;
  const home = await files.home();
  const within = (dir: string, path: string) =>
    resolveWithin(home, path.startsWith('/') || path.startsWith('~') ? path : posix.join(dir, path));
  // Listing proves a directory (following a link to one) as the file system, confined, sees it.
  const directory = async (path: string) => {
    await files.list(path);
    return path;
  };
  const initial = opts.cwd === undefined ? undefined : await directory(within(home, opts.cwd));
  let cwd = initial ?? home;
  let size = { rows: opts.rows, cols: opts.cols };

  const output = new PassThrough();
  const print = (text: string) => {
    if (!output.writableEnded) output.write(text.replace(/\r?\n/g, '\r\n'));
  };
  const say = (rule: Parameters<typeof remoteRules.errorText>[0], value?: string) => {
    const words = remoteRules.errorText(rule, value === undefined ? {} : { value });
    return locale === 'en' ? words.message : (words.translations[locale as Locale] ?? words.message);
  };
  const shown = (path: string) =>
    caret(path === home ? '~' : path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path);
  const prompt = () => print(`${files.user}@${opts.host}:${shown(cwd)}$ `);

  let end: (exit: ShellExit) => void = () => undefined;
  const exited = new Promise<ShellExit>((resolve) => {
    end = resolve;
  });
  let done = false;
  const finish = (exit: ShellExit) => {
    if (done) return;
    done = true;
    output.end();
    end(exit);
  };

  const commands: Record<string, (args: string[]) => Promise<void> | void> = {
    pwd: () => print(`${caret(cwd)}\n`),
    whoami: () => print(`${files.user}\n`),
    echo: (args) => print(`${args.join(' ')}\n`),
    help: () => print(`${say('shell_help')}\n`),
    clear: () => print('\x1b[H\x1b[2J'),
    stty: () => print(`${size.rows} ${size.cols}\n`),
    async cd(args) {
      cwd = await directory(within(cwd, args[0] ?? '~'));
    },
    async ls(args) {
      const all = args.includes('-a');
      const paths = args.filter((a) => a !== '-a');
      for (const path of paths.length ? paths : ['.']) {
        const target = within(cwd, path);
        const entries = await files.list(target);
        const names = entries
          .filter((e) => all || !e.name.startsWith('.'))
          .map((e) => caret(e.name) + (e.type === 'directory' ? '/' : e.type === 'symlink' ? '@' : ''));
        if (paths.length > 1) print(`${caret(path)}:\n`);
        print(columns(names, size.cols));
      }
    },
    async cat(args) {
      for (const path of args) {
        const target = within(cwd, path);
        const preview = await files.preview(target, { maxBytes: opts.catBytes });
        if (preview.content.includes(0)) {
          print(`${say('shell_binary', caret(path))}\n`);
          continue;
        }
        const text = caret(preview.content.toString('utf8'), '\n\t');
        print(text.endsWith('\n') || text === '' ? text : `${text}\n`);
        if (preview.truncated) print(`${say('shell_truncated', String(opts.catBytes))}\n`);
      }
    },
    exit(args) {
      const code = Number(args[0] ?? 0);
      if (!Number.isInteger(code) || code < 0 || code > 255 || args.length > 1) {
        print(`${say('shell_exit_code')}\n`);
        return;
      }
      finish({ code, signal: undefined });
    },
  };

  const run = async (line: string) => {
    const split = shellWords(line);
    if ('unterminated' in split) return print(`${say('shell_unterminated_quote', split.unterminated)}\n`);
    const [name, ...args] = split.words;
    if (name === undefined) return;
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!command) return print(`${say('shell_not_found', caret(name))}\n`);
    try {
      await command(args);
    } catch (err) {
      // A typed error of the file system or of a path check, in the user's language.
      print(`${name}: ${formatError(err, { locale })}\n`);
    }
  };

  const editor = lineEditor(opts.maxLineLength);
  const decoder = new TextDecoder('utf-8');
  // Commands run one after another, in the order their lines were typed.
  let queue = Promise.resolve();
  const promptUnlessDone = () => {
    if (!done) prompt();
  };
  const feed = (text: string) => {
    for (const event of editor.feed(text)) {
      if (event.type === 'echo') queue = queue.then(() => print(event.text));
      else if (event.type === 'line') queue = queue.then(() => run(event.line)).then(promptUnlessDone);
      else if (event.type === 'interrupt') queue = queue.then(promptUnlessDone);
      else queue = queue.then(() => finish({ code: 0, signal: undefined }));
    }
  };

  prompt();
  return {
    output,
    cwd: initial,
    write(data) {
      if (done) return;
      feed(typeof data === 'string' ? data : decoder.decode(data, { stream: true }));
    },
    resize(rows, cols) {
      size = checkTerminalSize(rows, cols);
    },
    exited,
    async close() {
      finish({ code: undefined, signal: 'HUP' });
      return exited;
    },
  };
}

/** Names in columns across a terminal `width` wide, as `ls` lays them out (one line per row). */
function columns(names: readonly string[], width: number): string {
  if (names.length === 0) return '';
  const cell = Math.max(...names.map((n) => n.length)) + 2;
  const perRow = Math.max(1, Math.floor(width / cell));
  const rows = Math.ceil(names.length / perRow);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    const row: string[] = [];
    for (let c = 0; c < perRow; c++) {
      const name = names[c * rows + r];
      if (name !== undefined) row.push(name.padEnd(cell));
    }
    lines.push(row.join('').trimEnd());
  }
  return `${lines.join('\n')}\n`;
}
