import type { NodeDemand, NodePool } from './node-pool.js';

/** A running allocation as backfill planning sees it: where it sits and when it must end. */
export interface PlannedRelease {
  /** When the allocation ends at the latest (start + time limit), in ms; `Infinity` if unlimited. */
  readonly expectedEnd: number;
  readonly nodes: readonly number[] | undefined;
  readonly demand: NodeDemand;
}

/**
 * The earliest time `demand` fits in `pool` if running allocations end at their time limits (the
 * reservation of EASY backfill). Uses time limits, not actual run times, as a real scheduler must.
 * `running` must be sorted by `expectedEnd`; `scratch` is overwritten (a pool of the same shape,
 * reused so that planning allocates nothing). `Infinity` when it never fits (only with unlimited jobs).
 */
export function earliestStart(
  pool: NodePool,
  scratch: NodePool,
  running: readonly PlannedRelease[],
  demand: NodeDemand,
  now: number,
): number {
  if (pool.fits(demand)) return now;
  scratch.copyFrom(pool);
  for (const release of running) {
    if (release.expectedEnd === Number.POSITIVE_INFINITY) break;
    if (release.nodes) scratch.release(release.nodes, release.demand);
    if (scratch.fits(demand)) return Math.max(now, release.expectedEnd);
  }
  return Number.POSITIVE_INFINITY;
}
