import { runCli } from '../../src/index.js';
import type { HpckitRun } from './run-hpckit.js';

/** Runs `hpckit` in this process (`runCli`), capturing what it prints, in `cwd`. */
export async function inProcess(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<HpckitRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    cwd,
    env: { LANG: 'C.UTF-8', ...env },
    streams: {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
    },
  });
  return { code, stdout, stderr };
}
