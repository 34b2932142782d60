/**
 * `npm run bench`: runs every `bench/*.bench.ts` (or those named on the command line) in turn.
 * Each exports `run()`, which prints its figures beside a baseline measured in the same run.
 *
 * Each benchmark runs in a process of its own: one that leaves a large heap behind (the ledger
 * sync's 200,000 jobs) would otherwise slow the garbage collection of the next, so a figure would
 * depend on which benchmarks ran before it (pricing measured 4.65× its baseline after the ledger
 * sync, 1.8× alone), and peak memory would be the largest of all those before.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

const [only] = files;
if (files.length === 1 && only && wanted.includes(only)) {
  const mod = (await import(pathToFileURL(join(here, only)).href)) as { run: () => Promise<void> };
  console.log(`\n=== ${only} ===`);
  await mod.run();
} else {
  for (const file of files) {
    // The same runtime flags (tsx's loader, the source condition), this script, one benchmark.
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), file], {
      stdio: 'inherit',
    });
    if (child.status !== 0) process.exitCode = child.status ?? 1;
  }
}

// A benchmark that leaves a handle open (a pooled SSH connection still reconnecting, say) must
// not hang the run after every figure has been printed.
process.exit(process.exitCode ?? 0);
