import { Worker } from 'node:worker_threads';
import type { FuzzJob, FuzzMessage } from './run-targets.js';

/** Options of {@link fuzzInWorker}. */
export interface FuzzOptions {
  /** Runs per target. */
  runs: number;
  /** The longest one call may take before it counts as hung, in ms. */
  boundMs: number;
  /**
   * The longest loading the targets may take, in ms. Loading transpiles the packages' sources, which
   * on a loaded two-core machine takes far longer than any one call should, so it has its own bound.
   */
  loadBoundMs?: number;
  seed?: number;
}

/**
 * Fuzzes the targets of a module in a worker thread. Resolves with the runs per target; rejects
 * with the target and input when a call throws something other than an hpckit error, or when one
 * call takes longer than `boundMs` (the worker is then stopped, so a hang cannot hang the suite).
 */
export function fuzzInWorker(module: URL, options: FuzzOptions): Promise<Record<string, number>> {
  const job: FuzzJob = { module: module.href, runs: options.runs, seed: options.seed };
  const worker = new Worker(new URL('./worker.mjs', import.meta.url), {
    workerData: job,
    execArgv: ['--conditions=@hpckit/source'],
  });
  return new Promise((resolve, reject) => {
    const runs: Record<string, number> = {};
    const failures: string[] = [];
    let current: FuzzMessage | undefined;
    let timer: NodeJS.Timeout | undefined;
    const stop = (error?: Error) => {
      clearTimeout(timer);
      void worker.terminate();
      if (error) reject(error);
      else if (failures.length > 0) reject(new Error(failures.join('\n\n')));
      else resolve(runs);
    };
    const arm = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const where =
          current?.kind === 'start' ? `${current.target} with ${current.input}` : 'loading the targets';
        stop(new Error(`a call did not settle within ${ms} ms: ${where}`));
      }, ms);
    };
    arm(options.loadBoundMs ?? 60_000);
    worker.on('message', (message: FuzzMessage) => {
      current = message;
      if (message.kind === 'start') arm(options.boundMs);
      else if (message.kind === 'failed') failures.push(`${message.target}: ${message.report}`);
      else if (message.kind === 'passed') runs[message.target] = message.runs;
      else if (message.kind === 'finished') stop();
    });
    worker.on('error', (err) => stop(err));
    worker.on('exit', (code) => {
      if (code !== 0) stop(new Error(`the fuzz worker exited with code ${code}`));
    });
  });
}
