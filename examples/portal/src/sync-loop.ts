import type { JobSync, Reconciler } from '@hpckit/billing/ledger';

/**
 * Charges ended jobs every `everyMs` and lets the reconciler carry the blocks that follow to the
 * scheduler; rounds never overlap, and a failed round is reported and the next one tries again.
 * Returns how to stop it (after the round under way).
 */
export function startSyncLoop(
  sync: Pick<JobSync, 'run'>,
  reconciler: Pick<Reconciler, 'idle'>,
  everyMs: number,
  onError: (error: unknown) => void = () => undefined,
): () => Promise<void> {
  let stopped = false;
  let round: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    if (stopped) return;
    round = round
      .then(() => sync.run())
      .then(() => reconciler.idle())
      .catch(onError);
  }, everyMs);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await round;
  };
}
