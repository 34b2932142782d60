import type { CallOptions } from '../client/call-options.js';
import type { JobHandle } from '../client/job-handle.js';
import type { JobsApi } from '../client/jobs-api.js';
import { parseInput, ruleError, validationSubject } from '../errors/validation.js';
import type { Job } from '../model/job.js';
import { z } from 'zod';
import { defaultProgressOutput, type ProgressOutput } from './progress-outputs.js';
import { progressSnapshot } from './progress-snapshot.js';

/** Options of {@link showProgress}. */
export interface ShowProgressOptions extends CallOptions {
  /** Where the display goes. @defaultValue {@link defaultProgressOutput}() */
  output?: ProgressOutput;
  /** The wall clock, in milliseconds. @defaultValue `Date.now` */
  now?: () => number;
}

const ShowProgressOptionsSchema = z.strictObject({
  output: z
    .custom<ProgressOutput>(
      (o) => {
        const out = o as Partial<ProgressOutput> | null;
        const interval = (ms: unknown) => typeof ms === 'number' && ms >= 0;
        return typeof out?.show === 'function' && interval(out.minIntervalMs) && interval(out.tickMs);
      },
      {
        error: ruleError('not_a_progress_output'),
      },
    )
    .optional(),
  now: z.custom<() => number>((f) => typeof f === 'function').optional(),
  cluster: z.string().optional(),
  signal: z.custom<AbortSignal>((s) => s instanceof AbortSignal).optional(),
});

/**
 * Shows the progress of jobs until they have all ended, and returns their final snapshots in the
 * order given. It rides on the client's shared poller (`jobs.watch`): showing progress makes no
 * scheduler call of its own, whatever the number of jobs or how often the display redraws.
 * Updates come at most every `output.minIntervalMs`, the last one (everything ended) always.
 *
 * Where it goes: `output`, else a notebook's rich output under Deno's Jupyter kernel, a live
 * table in a terminal, or a summary line at most every 30 s when stdout is no terminal.
 *
 * @throws `VALIDATION` for malformed options; what `jobs.watch` throws (`NOT_FOUND` for a job the client may not see), the signal's
 * reason when aborted.
 * @example
 * ```ts
 * const specs = [0.1, 0.2, 0.4].map((lr) => ({ name: `lr-${lr}`, command: `python train.py --lr ${lr}` }));
 * const items = await client.jobs.submitMany(specs);
 * const handles = items.flatMap((i) => (i.status === 'submitted' ? [i.handle] : []));
 * const jobs = await showProgress(client, handles);
 * console.log(jobs.filter((j) => j.state.outcome === 'completed').length, 'completed');
 * ```
 */
export async function showProgress(
  client: { readonly jobs: Pick<JobsApi, 'watch'> },
  jobs: Iterable<string | JobHandle>,
  options: ShowProgressOptions = {},
): Promise<Job[]> {
  parseInput(ShowProgressOptionsSchema, options, validationSubject('progress_options'), ['options']);
  const output = options.output ?? defaultProgressOutput();
  const now = options.now ?? Date.now;
  const started = now();
  const latest = new Map<string, Job>();
  let shownAt = Number.NEGATIVE_INFINITY;
  let pending: ReturnType<typeof setTimeout> | undefined;

  const show = (final: boolean) => {
    if (pending !== undefined) clearTimeout(pending);
    pending = undefined;
    shownAt = now();
    output.show(progressSnapshot([...latest.values()], { elapsedMs: shownAt - started }), final);
  };
  // Always through a timer, even when due: the current states of every job arrive in one burst,
  // and the first display should show them all.
  const changed = () => {
    if (pending !== undefined) return;
    pending = setTimeout(() => show(false), Math.max(0, shownAt + output.minIntervalMs - now()));
  };
  const ticker = output.tickMs > 0 ? setInterval(() => show(false), output.tickMs) : undefined;
  try {
    const watchOptions: CallOptions = {};
    if (options.cluster !== undefined) watchOptions.cluster = options.cluster;
    if (options.signal !== undefined) watchOptions.signal = options.signal;
    for await (const { job } of client.jobs.watch(jobs, watchOptions)) {
      latest.set(job.id, job);
      changed();
    }
    show(true);
  } finally {
    if (pending !== undefined) clearTimeout(pending);
    if (ticker !== undefined) clearInterval(ticker);
  }
  return [...latest.values()];
}
