import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchScript, parseBatchOutput } from './batch-script.js';

/** Runs a batch script in a real sh, as the transport would (`sh -s`, the script on stdin). */
function runInSh(script: string) {
  const run = spawnSync('sh', ['-s'], { input: script, encoding: 'utf8' });
  return { stdout: run.stdout, stderr: run.stderr, status: run.status };
}

// Each command echoes its input back on stdout and writes its argv on stderr, then exits with
// the status it was given: what it printed must come back byte for byte, under its own index.
const ECHO = 'cat; printf "%s|" "$@" >&2; exit "$0"';

// Text that a shell, a here-document or a frame could misread: quotes, $, backslashes, lines
// equal to a delimiter or a frame, no final newline, non-ASCII.
const hostile = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom("'", '"', '$(id)', '`id`', '\\', '\n', 'EOF\n', '%s%d', '\nhpckit0:0:0\n', 'é中'),
  fc.array(fc.constantFrom("'", '\n', '$HOME', 'x', '\\n', ' '), { maxLength: 12 }).map((a) => a.join('')),
);

describe('batchScript', () => {
  it('returns each command its own stdout, stderr and exit status, exactly', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ stdin: hostile, arg: hostile, status: fc.integer({ min: 0, max: 3 }) }), {
          minLength: 1,
          maxLength: 5,
        }),
        (commands) => {
          const { script, boundary } = batchScript(
            commands.map((c) => ({ argv: ['sh', '-c', ECHO, String(c.status), c.arg], stdin: c.stdin })),
            false,
          );
          const out = runInSh(script);
          const answers = parseBatchOutput(out.stdout, out.stderr, boundary, commands.length);
          expect(answers).toEqual(
            commands.map((c) => ({ exitCode: c.status, stdout: c.stdin, stderr: `${c.arg}|` })),
          );
        },
      ),
      { numRuns: 25 },
    );
  });

  it('stops after the first failure with stopOnError: later commands never run', () => {
    const { script, boundary } = batchScript(
      [0, 2, 0].map((status) => ({ argv: ['sh', '-c', ECHO, String(status)], stdin: `job ${status}\n` })),
      true,
    );
    const out = runInSh(script);
    expect(out.status).toBe(0);
    const answers = parseBatchOutput(out.stdout, out.stderr, boundary, 3);
    expect(answers.map((a) => a?.exitCode)).toEqual([0, 2, undefined]);
    expect(out.stdout).not.toContain('job 0\njob 0');
  });

  it('gives no answer to commands after the shell died, and a fresh boundary every time', () => {
    const { script, boundary } = batchScript(
      [
        { argv: ['true'], stdin: '' },
        { argv: ['sh', '-c', 'kill -9 $PPID'], stdin: '' },
        { argv: ['true'], stdin: '' },
      ],
      false,
    );
    const out = runInSh(script);
    const answers = parseBatchOutput(out.stdout, out.stderr, boundary, 3);
    expect(answers[0]).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    expect(answers.slice(1)).toEqual([undefined, undefined]);
    expect(batchScript([], false).boundary).not.toBe(boundary);
  });

  it('never puts a command or its input in the frame boundary, which output cannot forge', () => {
    const first = batchScript([{ argv: ['echo', 'x'], stdin: 'y\n' }], false);
    // A command printing a frame of another batch's boundary does not end its own answer.
    const { script, boundary } = batchScript(
      [{ argv: ['printf', `\\n${first.boundary}:0:0\\n`], stdin: '' }],
      false,
    );
    const out = runInSh(script);
    expect(parseBatchOutput(out.stdout, out.stderr, boundary, 1)[0]?.stdout).toBe(
      `\n${first.boundary}:0:0\n`,
    );
  });
});
