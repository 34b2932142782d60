/**
 * Runs a code block the way a reader would: saved as a `.ts` file inside the repository (so
 * `@hpckit/*` resolves to the workspace sources) and run by Node with tsx's loader and the
 * `@hpckit/source` condition (what `tsx --conditions=@hpckit/source` does, without the CLI's extra
 * process), in a child process, from an empty temporary directory (so files a block writes land
 * there).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './doc-blocks.js';

const tsxLoader = pathToFileURL(createRequire(join(root, 'package.json')).resolve('tsx')).href;

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
      process.execPath,
      ['--conditions=@hpckit/source', '--import', tsxLoader, file],
      { cwd, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        rmSync(cwd, { recursive: true, force: true });
        const exitCode = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ exitCode, timedOut: error?.killed === true, stdout, stderr });
      },
    );
  });
}
