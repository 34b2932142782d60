/**
 * Runs a code block the way a reader would: saved as a `.ts` file inside the repository (so
 * `@hpckit/*` resolves to the workspace sources) and run with `tsx --conditions=@hpckit/source`
 * in a child process, from an empty temporary directory (so files a block writes land there).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './doc-blocks.js';

const tsx = join(root, 'node_modules', '.bin', 'tsx');

/** How a block's run ended. */
export interface BlockRun {
  /** Exit code, or null when a signal (or the timeout) ended it. */
  exitCode: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

/** Runs `code` saved as `file` (inside the repository), giving up after `timeoutMs`. */
export function runBlock(code: string, file: string, timeoutMs: number): Promise<BlockRun> {
  writeFileSync(file, code);
  const cwd = mkdtempSync(join(tmpdir(), 'hpckit-doc-block-'));
  return new Promise((resolve) => {
    execFile(
      tsx,
      ['--conditions=@hpckit/source', file],
      { cwd, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        rmSync(cwd, { recursive: true, force: true });
        const exitCode = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ exitCode, timedOut: error?.killed === true, stdout, stderr });
      },
    );
  });
}
