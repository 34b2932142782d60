import { UnsupportedError } from '../errors/hpckit-error.js';
import type { Job } from '../model/job.js';
import { abortable } from '../time/abort.js';
import type { JobOutput, JobOutputSource, OutputStreamName } from './job-output-source.js';
import type { FollowOutputOptions } from './output-options.js';
import { parseOutputOptions } from './output-options.js';

/** What reading a job's output needs from its handle. */
export interface OutputTarget {
  cluster: string;
  user: string | undefined;
  /** The cluster's `jobOutput` option. */
  source: JobOutputSource | undefined;
  /** The job's latest snapshot. */
  latest(): Job;
  /**
   * Asks the scheduler for the job as the handle's view may see it (one call): roles may have
   * changed since the handle was made, so reading its output asks again, like every action.
   */
  check(signal: AbortSignal | undefined): Promise<Job>;
}

function sourceOf(
  target: OutputTarget,
  given: JobOutputSource | undefined,
  operation: string,
): JobOutputSource {
  const source = given ?? target.source;
  if (source) return source;
  throw new UnsupportedError({
    details: {
      capability: 'job output',
      adapter: 'none',
      reason: 'no_job_output',
      cluster: target.cluster,
      operation,
      job: target.latest().id,
    },
  });
}

/** Reads a job's output once, at most `maxBytes` of it. */
export async function readJobOutput(
  target: OutputTarget,
  options: FollowOutputOptions = {},
): Promise<JobOutput> {
  const o = parseOutputOptions(options, 'output options');
  const source = sourceOf(target, o.source, 'handle.output()');
  o.signal?.throwIfAborted();
  const chunk = await source.read(await target.check(o.signal), o.stream, {
    start: 0,
    maxBytes: o.maxBytes,
    user: target.user,
    signal: o.signal,
  });
  const output: JobOutput = {
    stream: o.stream,
    exists: chunk.exists,
    text: new TextDecoder().decode(chunk.content),
    bytes: chunk.content.length,
    truncated: chunk.more,
  };
  if (chunk.path !== undefined) output.path = chunk.path;
  return output;
}

/** What following output needs beyond reading it: the job's state from the shared poller. */
export interface FollowTarget extends OutputTarget {
  /**
   * Keeps the job watched by the cluster's poller while following: `current()` is its latest
   * state, `ended` resolves when it ends (rejects when the client closes), `release()` stops
   * watching.
   */
  watch(): { current(): Job; ended: Promise<unknown>; release(): void };
}

/** Bytes asked of the source per read while following. */
const FOLLOW_CHUNK_BYTES = 64 * 1024;

/**
 * Follows a job's output: yields text as it is written, until the job has ended and its file is
 * read to the end, or `maxBytes` were yielded.
 */
export async function* followJobOutput(
  target: FollowTarget,
  options: FollowOutputOptions = {},
): AsyncGenerator<string, void, undefined> {
  const o = parseOutputOptions(options, 'follow output options');
  const source = sourceOf(target, o.source, 'handle.followOutput()');
  await target.check(o.signal);
  const watched = target.watch();
  const decoder = new TextDecoder();
  let offset = 0;
  try {
    while (true) {
      o.signal?.throwIfAborted();
      // Whether it had ended before this read: a read after the end sees everything written.
      const job = watched.current();
      const ended = job.state.phase === 'ended';
      const left = o.maxBytes - offset;
      const chunk = await source.read(job, o.stream as OutputStreamName, {
        start: offset,
        maxBytes: Math.min(left, FOLLOW_CHUNK_BYTES),
        user: target.user,
        signal: o.signal,
      });
      offset += chunk.content.length;
      const text = decoder.decode(chunk.content, { stream: true });
      if (text !== '') yield text;
      if (offset >= o.maxBytes) break;
      if (chunk.more) continue;
      if (ended) break;
      // The next look at the file, or at once when the job ends.
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        const tick = new Promise((resolve) => {
          timer = setTimeout(resolve, o.intervalMs);
        });
        await abortable(Promise.race([watched.ended, tick]), o.signal);
      } finally {
        clearTimeout(timer);
      }
    }
    const rest = decoder.decode();
    if (rest !== '') yield rest;
  } finally {
    watched.release();
  }
}
