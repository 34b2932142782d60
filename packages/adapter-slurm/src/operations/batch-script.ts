import { randomBytes } from 'node:crypto';
import { shellJoin, shellQuote } from '@hpckit/core';

/** One command of a batch script: its argv and what it reads on standard input. */
export interface BatchCommand {
  argv: readonly string[];
  stdin: string;
}

/** What one command of a batch printed, and its exit status. */
export interface BatchAnswer {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A script for `sh -s` that runs commands one after another, and the marker its answers carry. */
export interface BatchScript {
  script: string;
  boundary: string;
}

/**
 * A POSIX sh script that runs each command in turn with its own quoted argv and its own input,
 * and after each prints a frame line with the command's index (and, on stdout, its exit
 * status) on both streams: a command's output is exactly what lies between the previous frame
 * and its own. The boundary is 128 random bits, made for this script and never in its argv, so
 * no command's output can forge a frame. Input ending in a newline goes in a quoted here-document
 * (no extra process); other input through printf, a builtin, so its size meets no argument limit.
 * With `stopOnError`, the script ends after the first command that fails: the rest print nothing.
 */
export function batchScript(commands: readonly BatchCommand[], stopOnError: boolean): BatchScript {
  const boundary = `hpckit${randomBytes(16).toString('hex')}`;
  const lines: string[] = [];
  commands.forEach((command, i) => {
    const argv = shellJoin(command.argv);
    const delimiter = `${boundary}_${i}`;
    if (command.stdin.endsWith('\n') && !command.stdin.split('\n').includes(delimiter)) {
      lines.push(`${argv} <<'${delimiter}'`, `${command.stdin}${delimiter}`);
    } else {
      lines.push(`printf '%s' ${shellQuote(command.stdin)} | ${argv}`);
    }
    lines.push('s=$?', `printf '\\n${boundary}:${i}:%d\\n' "$s"`, `printf '\\n${boundary}:${i}\\n' >&2`);
    if (stopOnError) lines.push('[ "$s" -eq 0 ] || exit 0');
  });
  lines.push('exit 0', '');
  return { script: lines.join('\n'), boundary };
}

/**
 * The answer of each command of a batch from the script's output, by index; a command that
 * printed no frame (the script stopped, or died, before it) has none.
 */
export function parseBatchOutput(
  stdout: string,
  stderr: string,
  boundary: string,
  count: number,
): (BatchAnswer | undefined)[] {
  const outs = frames(stdout, new RegExp(`\\n${boundary}:(\\d+):(\\d+)\\n`, 'g'));
  const errs = frames(stderr, new RegExp(`\\n${boundary}:(\\d+)\\n`, 'g'));
  const answers: (BatchAnswer | undefined)[] = Array.from({ length: count }, () => undefined);
  for (const [index, frame] of outs) {
    if (index >= count) continue;
    answers[index] = {
      exitCode: Number(frame.status),
      stdout: frame.body,
      stderr: errs.get(index)?.body ?? '',
    };
  }
  return answers;
}

/** Each frame's body (the text since the previous frame) and status, by index. */
function frames(text: string, marker: RegExp): Map<number, { body: string; status?: string }> {
  const found = new Map<number, { body: string; status?: string }>();
  let from = 0;
  for (const m of text.matchAll(marker)) {
    found.set(Number(m[1]), { body: text.slice(from, m.index), status: m[2] });
    from = m.index + m[0].length;
  }
  return found;
}
