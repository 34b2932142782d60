import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bin = fileURLToPath(new URL('../../src/bin.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** How one `hpckit` process ended. */
export interface HpckitRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `hpckit` as a real process from its sources (what `npx hpckit` runs, through tsx and the
 * `@hpckit/source` condition), in `cwd`, with a clean locale unless `env` says otherwise.
 */
export function hpckit(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<HpckitRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@hpckit/source', '--import', tsx, bin, ...args],
      {
        cwd,
        env: { PATH: process.env.PATH, HOME: cwd, LANG: 'C.UTF-8', HPCKIT_PROGRESS_SECONDS: '1', ...env },
        timeout: 120_000,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A fresh directory holding `hpckit.yaml` with `config` as its text. */
export function configDir(config: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hpckit-cli-'));
  writeFileSync(join(dir, 'hpckit.yaml'), config);
  return dir;
}

/** A mock cluster on the ikkem site whose clock runs an hour a second, with a SQLite ledger. */
export const MOCK_CONFIG = `clusters:
  hpc:
    adapter: mock
    site: ikkem
    clockScale: 3600
    users:
      ali: alice
ledger:
  sqlite: ./ledger.db
  currency: CNY
  timeZone: Asia/Shanghai
`;
