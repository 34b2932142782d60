import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import type { ClusterSyncReport } from '../../src/ledger/sync/job-sync.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../../..');

/**
 * Bundles `sync-child.ts` into one file and returns its path. A bundled child starts in a few
 * hundred ms (tsx would take over a second per start); it lives under node_modules so it resolves
 * better-sqlite3 and pg from the repository.
 */
export function buildSyncChild(): { path: string; remove(): void } {
  const cache = join(root, 'node_modules/.cache/hpckit-billing');
  mkdirSync(cache, { recursive: true });
  const path = join(cache, `sync-child-${process.pid}-${Date.now()}.mjs`);
  buildSync({
    entryPoints: [join(here, 'sync-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: path,
    conditions: ['@hpckit/source'],
    external: ['better-sqlite3', 'pg'],
    logLevel: 'error',
  });
  return { path, remove: () => rmSync(path, { force: true }) };
}

/** How a child ended: killed by the test, or finished with its sync report. */
export type ChildOutcome = { ended: 'killed' } | { ended: 'finished'; report: ClusterSyncReport[] };

/** Options of {@link runSyncChild}. */
export interface SyncChildOptions {
  /** Sends SIGKILL this long after the child is ready, or after `startAt` when given. */
  killAfterMs?: number;
  /** The child waits until this time (epoch ms) before it syncs. */
  startAt?: number;
}

/**
 * Runs the bundled child on `store` (`sqlite:PATH` or `postgres:SCHEMA`) with the first
 * `revealed` jobs. A child that fails rejects with its stderr.
 */
export function runSyncChild(
  child: string,
  store: string,
  revealed: number,
  { killAfterMs, startAt }: SyncChildOptions = {},
): Promise<ChildOutcome> {
  const args = [child, store, String(revealed), ...(startAt === undefined ? [] : [String(startAt)])];
  return new Promise((done, fail) => {
    const proc: ChildProcess = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stderr!.on('data', (d) => {
      stderr += d;
    });
    proc.stdout!.on('data', (d: Buffer) => {
      stdout += d;
      if (killAfterMs !== undefined && d.toString().includes('ready')) {
        const wait = startAt === undefined ? 0 : Math.max(0, startAt - Date.now());
        setTimeout(() => proc.kill('SIGKILL'), wait + killAfterMs);
      }
    });
    proc.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') return done({ ended: 'killed' });
      const report = /^done (.*)$/m.exec(stdout)?.[1];
      if (code === 0 && report) return done({ ended: 'finished', report: JSON.parse(report) });
      fail(new Error(`sync child failed (${code ?? signal}): ${stderr}`));
    });
  });
}
