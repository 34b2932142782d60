import { delay, type SchedulerAccount } from '@hpckit/core';
import type { Ledger } from '../create-ledger.js';
import type { LedgerEventName } from '../ledger-events.js';
import { type DesiredAccount, desiredState, refreshDesired } from './desired-state.js';
import { differences } from './differences.js';
import type { ReconcileDeferral, ReconcileFailure, ReconcileReport } from './report.js';
import { type ReconcileClient, writeDifference } from './write-difference.js';

/** Options of {@link createReconciler}. */
export interface ReconcilerOptions {
  ledger: Ledger;
  /**
   * The client whose clusters get the ledger's block states and memberships (needs
   * `accounts.list`, `accounts.block`, `users.block`, `users.manage`, and `jobs.list` to see whether
   * a member to remove still has jobs).
   */
  client: ReconcileClient;
  /** Clusters to reconcile. @default every cluster of the client */
  clusters?: string[];
  /** Write-and-verify rounds before a difference is reported as a failure. @default 3 */
  attempts?: number;
  /** Pause between rounds, in ms. @default 200 */
  retryDelayMs?: number;
  /** Create accounts and add members the cluster lacks. @default true */
  createMissing?: boolean;
  /**
   * Remove from the ledger's accounts the cluster members the ledger does not have (a member
   * removed from the ledger, or added behind its back), as `removeMember` does: block, and remove
   * only once they have no pending or running job on the account (until then they stay blocked
   * and are reported as a failure). Accounts the ledger does not know are never touched.
   * @default true
   */
  removeExtra?: boolean;
}

/** Pushes the ledger's accounts, memberships and block states to the clusters, verifies them, and retries. */
export interface Reconciler {
  /** Reconciles every cluster once: read, write the differences, read again to verify, retry. */
  run(): Promise<ReconcileReport>;
  /** Runs now and every `intervalMs`; returns a function that stops it. */
  start(
    intervalMs: number,
    onReport?: (report: ReconcileReport) => void,
    onError?: (err: unknown) => void,
  ): () => void;
  /** Runs again whenever a ledger event changes a block state or a membership; returns the unsubscribe function. */
  attach(onReport?: (report: ReconcileReport) => void, onError?: (err: unknown) => void): () => void;
  /** Resolves when no run is under way, queued, or waiting for a change in flight to end. */
  idle(): Promise<void>;
}

const TRIGGERS: LedgerEventName[] = [
  'account:created',
  'account:blocked',
  'account:unblocked',
  'member:added',
  'member:removed',
  'member:blocked',
  'member:unblocked',
];

/**
 * Creates the block-state reconciler. The ledger decides (a pure function of its data); the
 * reconciler makes every cluster agree — create accounts, add and remove members (removal as
 * `removeMember` does it: block, and remove once no job of theirs is pending or running), block or
 * unblock accounts and users in accounts through the adapters — then reads the state back, because
 * a write the scheduler accepted is not proof that it took effect. Blocking never kills running
 * jobs: schedulers only refuse new submissions.
 *
 * A run never undoes a membership change in flight. A member whom `addMember` or `removeMember`
 * of the same ledger object is changing (from before its first write to after its last) is
 * left alone and listed in the report's `deferred`; an attached or started reconciler runs again
 * when the change ends. Every other write is decided on that one account or member read afresh
 * from the ledger just before it, so a desired state that went stale during the run never
 * removes, re-adds, blocks or unblocks anyone, and nobody the ledger has is removed. Another
 * process changing the same ledger (the `hpckit` CLI, a second portal) is not seen in flight: its
 * `addMember` can still lose the association it just created to a run here that reads the ledger
 * before its insert, until the next run adds it back.
 *
 * @example
 * ```ts
 * const reconciler = createReconciler({ ledger, client });
 * await reconciler.run();          // at startup
 * reconciler.attach();             // on every block-state change
 * const stop = reconciler.start(3_600_000); // and hourly, for drift and whitelist expiry
 * ```
 */
export function createReconciler(options: ReconcilerOptions): Reconciler {
  const { ledger, client } = options;
  const attempts = options.attempts ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const createMissing = options.createMissing ?? true;
  const removeExtra = options.removeExtra ?? true;
  const wanted = (d: ReconcileFailure) =>
    (createMissing || d.wanted !== 'present') && (removeExtra || d.wanted !== 'absent');
  const clusters = () => options.clusters ?? [...client.clusters];

  const ctx = ledger.context;
  const keyOf = (d: { account: string; user?: string }) => `${d.account}\u0000${d.user ?? ''}`;

  async function reconcileCluster(cluster: string, desired: DesiredAccount[], report: ReconcileReport) {
    const o = { cluster };
    const deferred = new Map<string, ReconcileDeferral>();
    /**
     * The difference of one record that holds now: the record read afresh from the ledger (into
     * `desired`, for the rounds that follow), against the cluster as listed.
     */
    async function stillDifferent(d: ReconcileFailure, actual: Map<string, SchedulerAccount>) {
      await refreshDesired(ctx, desired, d.account, d.user);
      const account = desired.filter((a) => a.name === d.account);
      return differences(cluster, account, actual).find((x) => x.user === d.user);
    }
    /**
     * Holds a member for a write, or `undefined` when a change of theirs is in flight. An account
     * needs no hold: its changes are one ledger transaction each (createAccount's cluster write
     * comes first, and an account the run did not read is never touched).
     */
    function hold(d: ReconcileFailure): (() => void) | undefined {
      if (d.user === undefined) return () => undefined;
      const release = ctx.inFlight.tryHold(d.account, d.user);
      if (!release) deferred.set(keyOf(d), { cluster, account: d.account, user: d.user });
      return release;
    }

    let pending: ReconcileFailure[] = [];
    try {
      for (let attempt = 1; attempt <= attempts; attempt++) {
        let actual: Map<string, SchedulerAccount>;
        try {
          actual = new Map((await client.accounts.list({}, o)).map((a) => [a.name, a]));
        } catch (err) {
          pending = [{ cluster, account: '*', wanted: 'listed', error: messageOf(err) }];
          if (attempt < attempts) await delay(retryDelayMs);
          continue;
        }
        const errors = new Map<string, string>();
        const diffs = differences(cluster, desired, actual).filter(wanted);
        if (attempt === 1) report.checked += desired.reduce((n, a) => n + 1 + a.members.size, 0);
        deferred.clear();
        for (const d of diffs) {
          // The order closes the window of a change in this process. A member in flight is left
          // alone: its change's own ledger event brings the next run. A member not in flight is
          // now held by us, so no change of theirs can start, and one that ran has committed its
          // last ledger write, after its cluster writes: the fresh read sees it, and the write is
          // decided on the ledger as it is now, never on what the run read at its start.
          const release = hold(d);
          if (!release) continue;
          try {
            const still = await stillDifferent(d, actual);
            // Gone, or now another difference: the next round lists the cluster again.
            if (still?.wanted !== d.wanted) continue;
            report.changes.push(await writeDifference(client, d, desired));
          } catch (err) {
            errors.set(keyOf(d), messageOf(err));
          } finally {
            release();
          }
        }
        pending = diffs
          .filter((d) => !deferred.has(keyOf(d)))
          .map((d) => {
            const error = errors.get(keyOf(d));
            return error === undefined ? d : { ...d, error };
          });
        // Creating an account or a member can reveal block differences: go round again at once.
        if (pending.length === 0) return;
        if (attempt < attempts && errors.size > 0) await delay(retryDelayMs);
      }
      // Verify what the last round wrote: a difference that still holds against the ledger as it
      // is now is a failure.
      try {
        const actual = new Map((await client.accounts.list({}, o)).map((a) => [a.name, a]));
        const errorOf = new Map(pending.map((p) => [keyOf(p), p.error]));
        deferred.clear();
        for (const d of differences(cluster, desired, actual).filter(wanted)) {
          const release = hold(d);
          if (!release) continue;
          try {
            const left = await stillDifferent(d, actual);
            if (!left || !wanted(left)) continue;
            const error = errorOf.get(keyOf(left));
            report.failures.push(error === undefined ? left : { ...left, error });
          } finally {
            release();
          }
        }
      } catch (err) {
        report.failures.push({ cluster, account: '*', wanted: 'listed', error: messageOf(err) });
      }
    } finally {
      report.deferred.push(...deferred.values());
    }
  }

  async function run(): Promise<ReconcileReport> {
    const report: ReconcileReport = { changes: [], failures: [], deferred: [], checked: 0 };
    const desired = await desiredState(ctx);
    for (const cluster of clusters()) await reconcileCluster(cluster, desired, report);
    return report;
  }

  let current: Promise<void> = Promise.resolve();
  let queued = false;
  // Runs waiting for a change in flight to end, whether or not it changes the ledger (and so
  // brings an event): an addMember refused after its cluster write leaves an association to remove.
  const followUps = new Set<Promise<void>>();
  function schedule(onReport?: (r: ReconcileReport) => void, onError?: (e: unknown) => void) {
    if (queued) return;
    queued = true;
    current = current.then(async () => {
      queued = false;
      try {
        const report = await run();
        for (const d of report.deferred) {
          const next: Promise<void> = ctx.inFlight.whenFree(d.account, d.user).then(() => {
            followUps.delete(next);
            schedule(onReport, onError);
          });
          followUps.add(next);
        }
        onReport?.(report);
      } catch (err) {
        onError?.(err);
      }
    });
  }

  return {
    run,
    start(intervalMs, onReport, onError) {
      schedule(onReport, onError);
      const timer = setInterval(() => schedule(onReport, onError), intervalMs);
      timer.unref?.();
      return () => clearInterval(timer);
    },
    attach(onReport, onError) {
      const offs = TRIGGERS.map((event) => ledger.on(event, () => schedule(onReport, onError)));
      return () => {
        for (const off of offs) off();
      };
    },
    async idle() {
      for (;;) {
        const seen = current;
        await Promise.all([seen, ...followUps]);
        if (seen === current && !queued && followUps.size === 0) return;
      }
    },
  };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
