import {
  DIAGNOSTICS_CHANNELS,
  diagnosticsChannel,
  isHpckitError,
  type LedgerBatchMessage,
} from '@hpckit/core';
import type { BatchStats } from './charge-batch.js';

const batches = diagnosticsChannel(DIAGNOSTICS_CHANNELS.ledgerBatch);

/**
 * Runs one charge batch and publishes what it did on `hpckit:ledger:batch` once its transaction
 * committed (or failed); without subscribers it only runs the batch.
 */
export async function publishedBatch(
  about: { cluster: string; currency: string; seen: number },
  run: () => Promise<BatchStats>,
): Promise<BatchStats> {
  if (!batches.hasSubscribers) return run();
  const t0 = performance.now();
  let stats: BatchStats | undefined;
  let failure: unknown;
  try {
    stats = await run();
    return stats;
  } catch (err) {
    failure = err;
    throw err;
  } finally {
    const message: LedgerBatchMessage = {
      cluster: about.cluster,
      seen: stats?.seen ?? about.seen,
      charged: stats?.charged ?? 0,
      free: stats?.free ?? 0,
      parked: stats?.waiting ?? 0,
      skipped: stats?.skipped ?? 0,
      totals: stats ? { [about.currency]: stats.amount } : {},
      durationMs: performance.now() - t0,
      outcome: stats ? 'ok' : 'error',
      ...(!stats && { errorCode: isHpckitError(failure) ? failure.code : 'UNKNOWN' }),
    };
    if (batches.hasSubscribers) batches.publish(message);
  }
}
