import { parentPort } from 'node:worker_threads';
import { isHpckitError } from '@hpckit/core';
import fc from 'fast-check';
import type { FuzzTarget } from './fuzz-target.js';

/** What the main thread hears from the worker. */
export type FuzzMessage =
  | { kind: 'start'; target: string; input: string }
  | { kind: 'failed'; target: string; report: string }
  | { kind: 'passed'; target: string; runs: number }
  | { kind: 'finished' };

/** What the worker is given. */
export interface FuzzJob {
  module: string;
  runs: number;
  seed?: number;
}

function describeInput(input: unknown): string {
  try {
    const text = fc.stringify(input);
    return text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text;
  } catch {
    return String(input);
  }
}

/** Runs every target of a module; reports each input before calling, and the outcome. */
export async function runTargets(job: FuzzJob): Promise<void> {
  const post = (message: FuzzMessage) => parentPort!.postMessage(message);
  const { targets } = (await import(job.module)) as { targets: FuzzTarget[] };
  for (const target of targets) {
    const result = await fc.check(
      fc.asyncProperty(target.arbitrary, async (input) => {
        post({ kind: 'start', target: target.name, input: describeInput(input) });
        try {
          await target.run(input);
        } catch (err) {
          if (isHpckitError(err)) return;
          throw err;
        }
      }),
      { numRuns: job.runs, ...(job.seed !== undefined && { seed: job.seed }) },
    );
    if (result.failed) {
      const report = fc.defaultReportMessage(result) ?? 'failed';
      post({ kind: 'failed', target: target.name, report });
    } else post({ kind: 'passed', target: target.name, runs: result.numRuns });
  }
  post({ kind: 'finished' });
}
