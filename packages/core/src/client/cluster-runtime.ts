import type { EventEmitter } from 'eventemitter3';
import PQueue from 'p-queue';
import {
  createRuntimeAdapter,
  type RetryPolicy,
  type RuntimeAdapter,
  type SubmitGuard,
} from '../adapter/runtime-adapter.js';
import type { SchedulerAdapter } from '../adapter/scheduler-adapter.js';
import { UnsupportedError } from '../errors/hpckit-error.js';
import type { PollingOptions } from '../watch/backoff.js';
import type { ClientEvents } from '../watch/events.js';
import { createPoller, type Poller } from '../watch/poller.js';
import type { Timers } from '../watch/timers.js';
import type { JobOutputSource } from '../output/job-output-source.js';

/** One cluster as the client runs it: its adapter, its call queue and its pollers. */
export interface ClusterRuntime {
  readonly name: string;
  readonly adapter: RuntimeAdapter;
  /** Runs an adapter call through the cluster's concurrency cap. */
  call<T>(run: (adapter: RuntimeAdapter) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** The shared poller for calls acting as `user` (one per cluster and user). */
  poller(user: string | undefined): Poller;
  /** Where handles read jobs' output files (the cluster's `jobOutput` option), if anywhere. */
  readonly jobOutput: JobOutputSource | undefined;
  /** @throws `UNSUPPORTED` (reason `client_closed`) once {@link ClusterRuntime.close} was called. */
  assertOpen(): void;
  /**
   * @throws `UNSUPPORTED` (reason `no_acting_user`) for a submission acting for no user on an
   * adapter that acts for users, unless the cluster's `actAsLogin` option allows it.
   */
  assertActingUser(user: string | undefined, operation: string): void;
  /** Aborted, with the `client_closed` error as its reason, when the runtime closes (ends waits). */
  readonly closing: AbortSignal;
  /**
   * Calls `listener` with the `client_closed` error when the runtime closes; returns its removal.
   * Waits and streams register here rather than on {@link ClusterRuntime.closing}: a hundred
   * concurrent waits would put a hundred listeners on one signal (Node warns past ten).
   */
  onClose(listener: (reason: Error) => void): () => void;
  close(): Promise<void>;
}

/** What {@link createClusterRuntime} needs. */
export interface ClusterRuntimeInit {
  name: string;
  adapter: SchedulerAdapter;
  maxConcurrentCalls: number;
  polling: PollingOptions;
  /** Where the poller acting as `user` emits its events (see `UserEvents`). */
  eventsOf(user: string | undefined): EventEmitter<ClientEvents>;
  timers?: Timers;
  retry?: Partial<RetryPolicy>;
  beforeSubmit?: SubmitGuard;
  /** The cluster's `actAsLogin` option. */
  actAsLogin?: boolean;
  /** The cluster's `jobOutput` option. */
  jobOutput?: JobOutputSource;
}

/** Builds the runtime of one cluster. */
export function createClusterRuntime(init: ClusterRuntimeInit): ClusterRuntime {
  const queue = new PQueue({ concurrency: init.maxConcurrentCalls });
  const adapter = createRuntimeAdapter(init.adapter, {
    retry: init.retry,
    beforeSubmit: init.beforeSubmit,
    cluster: init.name,
  });
  // A failed poll is retried by the next poll, so the poller's reads are not retried in place.
  const pollAdapter = createRuntimeAdapter(init.adapter, { retry: { retries: 0 }, cluster: init.name });
  const queuedPollAdapter: RuntimeAdapter = {
    ...pollAdapter,
    jobs: {
      ...pollAdapter.jobs,
      list: (query, ctx) => queue.add(() => pollAdapter.jobs.list(query, ctx), { signal: ctx?.signal }),
    },
  };
  const pollers = new Map<string, Poller>();
  const closing = new AbortController();
  const closedError = () =>
    new UnsupportedError({
      details: { capability: 'calls', adapter: adapter.name, reason: 'client_closed', cluster: init.name },
    });
  const assertOpen = () => {
    if (closing.signal.aborted) throw closedError();
  };
  const closeListeners = new Set<(reason: Error) => void>();

  // Whom a user-less submission acts for is the one thing a multi-user adapter cannot guess.
  const assertActingUser = (user: string | undefined, operation: string) => {
    if (user !== undefined || init.actAsLogin || !adapter.capabilities.actAsUser) return;
    throw new UnsupportedError({
      details: {
        capability: 'actAsUser',
        adapter: adapter.name,
        reason: 'no_acting_user',
        cluster: init.name,
        operation,
      },
    });
  };

  return {
    name: init.name,
    adapter,
    jobOutput: init.jobOutput,
    assertOpen,
    assertActingUser,
    closing: closing.signal,
    onClose(listener) {
      // A closed runtime calls a late listener at once, as an aborted signal would not.
      if (closing.signal.aborted) {
        listener(closing.signal.reason as Error);
        return () => undefined;
      }
      // Wrapped, so that one callback registered twice is two registrations, each removed alone.
      const entry = (reason: Error) => listener(reason);
      closeListeners.add(entry);
      return () => {
        closeListeners.delete(entry);
      };
    },
    call: async (run, signal) => {
      assertOpen();
      return queue.add(() => run(adapter), { signal });
    },
    poller(user) {
      assertOpen();
      const key = user ?? '';
      let poller = pollers.get(key);
      if (!poller) {
        poller = createPoller({
          cluster: init.name,
          adapter: queuedPollAdapter,
          user,
          options: init.polling,
          emitter: init.eventsOf(user),
          timers: init.timers,
        });
        pollers.set(key, poller);
      }
      return poller;
    },
    async close() {
      if (closing.signal.aborted) return;
      closing.abort(closedError());
      const reason = closing.signal.reason as Error;
      for (const listener of [...closeListeners]) listener(reason);
      closeListeners.clear();
      for (const poller of pollers.values()) poller.close();
      pollers.clear();
      queue.clear();
      await adapter.close();
    },
  };
}
