import type { Job } from '../model/job.js';
import type { JobStateEvent } from '../watch/events.js';
import type { Poller, WatchLease } from '../watch/poller.js';

/**
 * Streams state changes of some jobs as an async iterator: first each job's current state, then
 * every change, ending once all have ended. Leaving the loop (or aborting) stops watching.
 * `onClose` registers for the client's closing (`ClusterRuntime.onClose`), which ends the stream
 * with the closing error.
 */
export function streamJobStates(
  poller: Poller,
  jobs: readonly Job[],
  signal?: AbortSignal,
  onClose?: (listener: (reason: Error) => void) => () => void,
): AsyncIterableIterator<JobStateEvent> {
  const buffer: JobStateEvent[] = [];
  const leases: WatchLease[] = [];
  const open = new Set<string>();
  let wakeUp: (() => void) | undefined;
  let finished = false;

  const push = (event: JobStateEvent) => {
    buffer.push(event);
    if (event.job.state.phase === 'ended') open.delete(event.job.id);
    wakeUp?.();
  };

  for (const job of jobs) {
    const lease = poller.watch(job);
    leases.push(lease);
    const current = lease.current();
    buffer.push({ job: current });
    if (current.state.phase !== 'ended') {
      open.add(current.id);
      lease.events.on('state', push);
    }
  }

  const onAbort = () => wakeUp?.();
  signal?.addEventListener('abort', onAbort, { once: true });
  let closed: Error | undefined;
  const offClose = onClose?.((reason) => {
    closed = reason;
    wakeUp?.();
  });

  function stop(): void {
    if (finished) return;
    finished = true;
    signal?.removeEventListener('abort', onAbort);
    offClose?.();
    for (const lease of leases) {
      lease.events.off('state', push);
      lease.release();
    }
  }

  const iterator: AsyncIterableIterator<JobStateEvent> = {
    async next() {
      while (true) {
        if (signal?.aborted) {
          stop();
          throw signal.reason;
        }
        if (closed) {
          stop();
          throw closed;
        }
        const event = buffer.shift();
        if (event) return { value: event, done: false };
        if (finished || open.size === 0) {
          stop();
          return { value: undefined, done: true };
        }
        await new Promise<void>((resolve) => {
          wakeUp = resolve;
        });
        wakeUp = undefined;
      }
    },
    async return() {
      stop();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
