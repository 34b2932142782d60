import { delay, type HpckitClient, type SchedulerAccount } from '@hpckit/core';
import { activeJobsOn, memberHasJobs, tolerate } from '../membership/cluster-membership.js';
import type { Ledger } from '../create-ledger.js';
import type { LedgerEventName } from '../ledger-events.js';
import { type DesiredAccount, desiredState } from './desired-state.js';

/** Options of {@link createReconciler}. */
export interface ReconcilerOptions {
  ledger: Ledger;
  /**
   * The client whose clusters get the ledger's block states and memberships (needs
   * `accounts.list`, `accounts.block`, `users.block`, `users.manage`, and `jobs.list` to see whether
   * a member to remove still has jobs).
   */
  client: Pick<HpckitClient, 'accounts' | 'users' | 'clusters' | 'jobs'>;
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

/** One write the reconciler made. */
export interface ReconcileChange {
  cluster: string;
  action:
    | 'create-account'
    | 'add-member'
    | 'block-account'
    | 'unblock-account'
    | 'block-member'
    | 'unblock-member'
    | 'remove-member';
  account: string;
  user?: string;
}

/** A difference the reconciler could not remove, with the last error. */
export interface ReconcileFailure {
  cluster: string;
  account: string;
  user?: string;
  /** What was wanted: `blocked`, `unblocked`, `present` or `absent`. */
  wanted: string;
  error?: string;
}

/** What one reconciliation did. */
export interface ReconcileReport {
  changes: ReconcileChange[];
  /** Differences still present after every attempt (empty when all clusters match the ledger). */
  failures: ReconcileFailure[];
  /** Accounts and memberships checked, over all clusters. */
  checked: number;
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
  /** Resolves when no run is under way or queued. */
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
 * unblock accounts and users in accounts through the adapters — then reads the state back, because a write the scheduler accepted is not proof
 * that it took effect. Blocking never kills running jobs: schedulers only refuse new submissions.
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

  async function reconcileCluster(cluster: string, desired: DesiredAccount[], report: ReconcileReport) {
    let pending: ReconcileFailure[] = [];
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let actual: Map<string, SchedulerAccount>;
      try {
        actual = new Map((await client.accounts.list({}, { cluster })).map((a) => [a.name, a]));
      } catch (err) {
        pending = [{ cluster, account: '*', wanted: 'listed', error: messageOf(err) }];
        if (attempt < attempts) await delay(retryDelayMs);
        continue;
      }
      const errors = new Map<string, string>();
      const write = async (change: ReconcileChange, call: () => Promise<void>) => {
        try {
          await call();
          report.changes.push(change);
        } catch (err) {
          errors.set(`${change.account}\u0000${change.user ?? ''}`, messageOf(err));
        }
      };
      const diffs = differences(cluster, desired, actual);
      if (attempt === 1) report.checked += desired.reduce((n, a) => n + 1 + a.members.size, 0);
      if (diffs.length === 0) return;
      for (const d of diffs) {
        const m = d.user === undefined ? undefined : { user: d.user, account: d.account };
        const o = { cluster };
        if (!wanted(d)) continue;
        if (d.wanted === 'absent' && m) {
          await write({ cluster, action: 'remove-member', account: d.account, user: d.user }, async () => {
            await tolerate(client.users.block(m, o), 'NOT_FOUND');
            const jobs = await activeJobsOn(client, cluster, m.account, m.user);
            if (jobs.length > 0) throw memberHasJobs(m.account, m.user, jobs);
            await tolerate(client.users.remove(m, o), 'NOT_FOUND');
          });
        } else if (d.wanted === 'present' && m === undefined) {
          const owner = desired.find((a) => a.name === d.account)!.owner;
          await write({ cluster, action: 'create-account', account: d.account }, () =>
            client.accounts.create({ name: d.account, owner }, o),
          );
        } else if (d.wanted === 'present' && m) {
          await write({ cluster, action: 'add-member', account: d.account, user: d.user }, () =>
            client.users.add(m, o),
          );
        } else if (m === undefined) {
          const block = d.wanted === 'blocked';
          await write(
            { cluster, action: block ? 'block-account' : 'unblock-account', account: d.account },
            () => (block ? client.accounts.block(d.account, o) : client.accounts.unblock(d.account, o)),
          );
        } else {
          const block = d.wanted === 'blocked';
          await write(
            { cluster, action: block ? 'block-member' : 'unblock-member', account: d.account, user: d.user },
            () => (block ? client.users.block(m, o) : client.users.unblock(m, o)),
          );
        }
      }
      pending = diffs.filter(wanted).map((d) => {
        const error = errors.get(`${d.account}\u0000${d.user ?? ''}`);
        return error === undefined ? d : { ...d, error };
      });
      // Creating an account or a member can reveal block differences: go round again at once.
      if (pending.length === 0) return;
      if (attempt < attempts && errors.size > 0) await delay(retryDelayMs);
    }
    // Verify what the last round wrote.
    try {
      const actual = new Map((await client.accounts.list({}, { cluster })).map((a) => [a.name, a]));
      const left = differences(cluster, desired, actual).filter(wanted);
      const errorOf = new Map(pending.map((p) => [`${p.account}\u0000${p.user ?? ''}`, p.error]));
      report.failures.push(
        ...left.map((d) => {
          const error = errorOf.get(`${d.account}\u0000${d.user ?? ''}`);
          return error === undefined ? d : { ...d, error };
        }),
      );
    } catch (err) {
      report.failures.push({ cluster, account: '*', wanted: 'listed', error: messageOf(err) });
    }
  }

  async function run(): Promise<ReconcileReport> {
    const report: ReconcileReport = { changes: [], failures: [], checked: 0 };
    const desired = await desiredState(ledger.context);
    for (const cluster of clusters()) await reconcileCluster(cluster, desired, report);
    return report;
  }

  let current: Promise<void> = Promise.resolve();
  let queued = false;
  function schedule(onReport?: (r: ReconcileReport) => void, onError?: (e: unknown) => void) {
    if (queued) return;
    queued = true;
    current = current.then(async () => {
      queued = false;
      try {
        const report = await run();
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
        await seen;
        if (seen === current && !queued) return;
      }
    },
  };
}

function differences(
  cluster: string,
  desired: DesiredAccount[],
  actual: Map<string, SchedulerAccount>,
): ReconcileFailure[] {
  const out: ReconcileFailure[] = [];
  for (const want of desired) {
    const have = actual.get(want.name);
    if (!have) {
      out.push({ cluster, account: want.name, wanted: 'present' });
      continue;
    }
    if (have.blocked !== want.blocked) {
      out.push({ cluster, account: want.name, wanted: want.blocked ? 'blocked' : 'unblocked' });
    }
    const members = new Map(have.members.map((m) => [m.user, m.blocked]));
    for (const [user, blocked] of want.members) {
      const was = members.get(user);
      if (was === undefined) out.push({ cluster, account: want.name, user, wanted: 'present' });
      else if (was !== blocked)
        out.push({ cluster, account: want.name, user, wanted: blocked ? 'blocked' : 'unblocked' });
    }
    for (const user of members.keys()) {
      if (!want.members.has(user)) out.push({ cluster, account: want.name, user, wanted: 'absent' });
    }
  }
  return out;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
