import { validationSubject } from '../errors/validation.js';
import type { RuntimeAdapter } from '../adapter/runtime-adapter.js';
import type { CallContext, CancelResult } from '../adapter/scheduler-adapter.js';
import type { TimeLimitChangeInput } from '../adapter/time-limit-change.js';
import { TimeoutError } from '../errors/hpckit-error.js';
import type { Job } from '../model/job.js';
import { type JobPhase, type JobState, phaseProgress } from '../model/job-state.js';
import type { JobStateEvent } from '../watch/events.js';
import type { Poller } from '../watch/poller.js';
import { type TimeoutOptions, timeoutMsOf } from '../time/timeout-option.js';
import type { JobOutput } from '../output/job-output-source.js';
import type { FollowOutputOptions, OutputOptions } from '../output/output-options.js';
import { type FollowTarget, followJobOutput, readJobOutput } from '../output/read-output.js';
import { inspectCustom, summarizeHandle } from './readable-handle.js';
import type { ClusterRuntime } from './cluster-runtime.js';
import type { JobAccess } from './job-access.js';

/** When {@link JobHandle.wait} returns. */
export type WaitUntil = 'running' | 'ended' | readonly JobPhase[];

/** Options of {@link JobHandle.wait}. */
export interface WaitOptions extends TimeoutOptions {
  /**
   * `'ended'` (default): until the job ends. `'running'`: until it runs or has gone past running
   * (a job cancelled while queued also satisfies it: check the state). A list of phases: until the
   * job is in one of them, or has ended.
   */
  until?: WaitUntil;
  signal?: AbortSignal;
}

/** Events of a job handle. */
export interface JobHandleEvents {
  /** The job changed state. A new listener is first called with the current state. */
  state: (event: JobStateEvent) => void;
  /** The job ended. A new listener of an ended job is called at once. */
  ended: (event: JobStateEvent) => void;
}

/**
 * A live reference to one job: its latest state, waiting, events and control. Handles are cheap;
 * every handle of a cluster shares the cluster's one poller.
 */
export interface JobHandle {
  readonly id: string;
  readonly cluster: string;
  /** The user the handle acts for (its client's `as(user)`), if any. */
  readonly user: string | undefined;
  /** The latest known snapshot. */
  readonly job: Job;
  /** Shorthand for `job.state`. */
  readonly state: JobState;
  /** The exact script submitted, when this handle came from a submit. */
  readonly script: string | undefined;
  /**
   * Waits until the job reaches a phase (by default, until it ends) and returns its snapshot.
   *
   * @throws `TIMEOUT` after `timeoutMs` ms; the signal's reason if aborted; `VALIDATION` (at
   * `options.timeout`) if both `timeoutMs` and its deprecated spelling `timeout` are given.
   * @example
   * ```ts
   * const job = await handle.wait({ until: 'ended', timeoutMs: 60_000 });
   * console.log(job.state.outcome, job.elapsedSeconds);
   * ```
   */
  wait(options?: WaitOptions): Promise<Job>;
  /** Asks the scheduler for the job now (one call) and returns the fresh snapshot. */
  refresh(options?: { signal?: AbortSignal }): Promise<Job>;
  /** Cancels the job; `already_ended` if it had ended. */
  cancel(options?: { signal?: AbortSignal }): Promise<CancelResult>;
  /** Holds the job if it is still pending. */
  hold(options?: { signal?: AbortSignal }): Promise<void>;
  /** Releases a held job. */
  release(options?: { signal?: AbortSignal }): Promise<void>;
  /** Changes the time limit (`{ set: '4h' }` or `{ delta: '+30m' }`); returns the new limit. */
  updateTimeLimit(
    change: TimeLimitChangeInput,
    options?: { signal?: AbortSignal },
  ): Promise<{ timeLimitSeconds: number }>;
  /** Subscribes to an event; returns the unsubscribe function. The job is watched while subscribed. */
  on<E extends keyof JobHandleEvents>(event: E, listener: JobHandleEvents[E]): () => void;
  /**
   * Reads the job's stdout (or `stream: 'stderr'`) as it is now, at most `maxBytes` (1 MiB by
   * default; `truncated` says whether there is more), through the cluster's `jobOutput` source
   * (or `source`): over SFTP as the acting user, or from the local disk.
   *
   * Like every action of a handle, it first asks whether the view may still see the job (one
   * scheduler call).
   *
   * @throws `UNSUPPORTED` (reason `no_job_output`) without a source; `VALIDATION` for bad
   * options; `NOT_FOUND` for a job the view may no longer see; the source's typed errors
   * (`PERMISSION_DENIED` for a file the user may not read).
   * @example
   * ```ts
   * const { text, truncated } = await handle.output({ stream: 'stderr', maxBytes: 64 * 1024 });
   * ```
   */
  output(options?: OutputOptions): Promise<JobOutput>;
  /**
   * Follows the job's output while it runs (`tail -f`): yields text as it is written, and ends
   * once the job has ended and its file is read to the end, or after `maxBytes` (1 MiB by
   * default). The job's end comes from the cluster's shared poller (one scheduler call at the
   * start checks that the view may still see the job); the file is looked at every `intervalMs`.
   * Leaving the loop stops following.
   *
   * @throws as {@link JobHandle.output}; the signal's reason when aborted; `UNSUPPORTED` (reason
   * `client_closed`) when the client closes meanwhile.
   * @example
   * ```ts
   * for await (const text of handle.followOutput()) process.stdout.write(text);
   * ```
   */
  followOutput(options?: FollowOutputOptions): AsyncIterableIterator<string>;
  /** A plain summary for `JSON.stringify`: id, cluster, user, name, state and the latest job. */
  toJSON(): { id: string; cluster: string; user: string | undefined; job: Job };
}

/** What {@link createJobHandle} needs. */
export interface JobHandleInit {
  runtime: ClusterRuntime;
  poller: Poller;
  user: string | undefined;
  job: Job;
  script?: string;
  /** The job rule of the view that made the handle; checked again by every read and action. */
  access: JobAccess;
}

/** Builds a handle around a known snapshot. */
export function createJobHandle(init: JobHandleInit): JobHandle {
  const { runtime, poller, user, access } = init;
  const id = init.job.id;
  let own = init.job;
  const latest = () => poller.snapshot(id) ?? own;
  // Roles may have changed since the handle was made: every action asks again.
  const act = <T>(signal: AbortSignal | undefined, run: (a: RuntimeAdapter, c: CallContext) => Promise<T>) =>
    access.act(runtime, id, latest(), signal, run);

  function satisfied(job: Job, until: WaitUntil): boolean {
    if (job.state.phase === 'ended') return true;
    if (until === 'ended') return false;
    if (until === 'running') return phaseProgress(job.state.phase) >= phaseProgress('running');
    return until.includes(job.state.phase);
  }

  const outputTarget = {
    cluster: runtime.name,
    user,
    source: runtime.jobOutput,
    latest,
    async check(signal: AbortSignal | undefined) {
      const job = await access.get(runtime, id, signal);
      own = job;
      poller.observe(job);
      return job;
    },
    watch() {
      runtime.assertOpen();
      const lease = poller.watch(latest());
      let offClose: (() => void) | undefined;
      let onEnded: (() => void) | undefined;
      const ended = new Promise<void>((resolve, reject) => {
        onEnded = () => resolve();
        lease.events.on('ended', onEnded);
        offClose = runtime.onClose(reject);
        if (lease.current().state.phase === 'ended') resolve();
      });
      ended.catch(() => undefined); // a rejection nobody awaits yet is not unhandled
      return {
        current: () => lease.current(),
        ended,
        release() {
          offClose?.();
          if (onEnded) lease.events.off('ended', onEnded);
          own = lease.current();
          lease.release();
        },
      };
    },
  } satisfies FollowTarget;

  const handle: JobHandle = {
    id,
    cluster: runtime.name,
    user,
    get job() {
      return latest();
    },
    get state() {
      return latest().state;
    },
    script: init.script,
    async wait(options = {}) {
      const until = options.until ?? 'ended';
      const timeoutMs = timeoutMsOf(options, validationSubject('wait_options'));
      options.signal?.throwIfAborted();
      runtime.assertOpen();
      const lease = poller.watch(latest());
      try {
        if (satisfied(lease.current(), until)) return lease.current();
        return await new Promise<Job>((resolve, reject) => {
          let timer: ReturnType<typeof setTimeout> | undefined;
          let offClose: (() => void) | undefined;
          const cleanup = () => {
            lease.events.off('state', onState);
            options.signal?.removeEventListener('abort', onAbort);
            offClose?.();
            if (timer) clearTimeout(timer);
          };
          const onState = (event: JobStateEvent) => {
            if (!satisfied(event.job, until)) return;
            cleanup();
            resolve(event.job);
          };
          const onAbort = () => {
            cleanup();
            reject(options.signal?.reason);
          };
          // Closing the client stops the poller: a wait would never hear of the job again.
          const onClose = (reason: Error) => {
            cleanup();
            reject(reason);
          };
          lease.events.on('state', onState);
          options.signal?.addEventListener('abort', onAbort, { once: true });
          offClose = runtime.onClose(onClose);
          if (timeoutMs !== undefined) {
            timer = setTimeout(() => {
              cleanup();
              reject(new TimeoutError({ details: { operation: `waiting for job ${id}`, timeoutMs } }));
            }, timeoutMs);
          }
        });
      } finally {
        own = lease.current();
        lease.release();
      }
    },
    async refresh(options = {}) {
      const job = await access.get(runtime, id, options.signal);
      own = job;
      poller.observe(job);
      return latest();
    },
    cancel: (options = {}) => act(options.signal, (a, c) => a.jobs.cancel(id, c)),
    hold: (options = {}) => act(options.signal, (a, c) => a.jobs.hold(id, c)),
    release: (options = {}) => act(options.signal, (a, c) => a.jobs.release(id, c)),
    updateTimeLimit: (change, options = {}) =>
      act(options.signal, (a, c) => a.jobs.updateTimeLimit(id, change, c)),
    on(event, listener) {
      const lease = poller.watch(latest());
      const handler = listener as (e: JobStateEvent) => void;
      lease.events.on(event, handler);
      const current = lease.current();
      let active = true;
      // Late subscribers get the current state, asynchronously like every other event.
      if (event === 'state' || current.state.phase === 'ended') {
        queueMicrotask(() => {
          if (active) handler({ job: current });
        });
      }
      return () => {
        if (!active) return;
        active = false;
        lease.events.off(event, handler);
        own = lease.current();
        lease.release();
      };
    },
    output: (options) => readJobOutput(outputTarget, options),
    followOutput: (options) => followJobOutput(outputTarget, options),
    toJSON: () => ({ id, cluster: runtime.name, user, job: latest() }),
  };
  // Non-enumerable: a REPL shows the summary, a spread or Object.keys does not see it.
  Object.defineProperty(handle, inspectCustom, { value: () => summarizeHandle(handle) });
  return handle;
}
