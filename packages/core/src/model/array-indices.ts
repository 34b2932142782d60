/** An arithmetic run of task indices: `start`, `start + step`, … up to and including `end`. */
export interface IndexRun {
  start: number;
  /** The last index of the run (a multiple of `step` away from `start`). */
  end: number;
  step: number;
}

/** How many indices a run names: floor((end - start) / step) + 1. */
function runLength(run: IndexRun): number {
  return Math.floor((run.end - run.start) / run.step) + 1;
}

/**
 * The distinct indices of `runs`, ascending, or `undefined` when there are more than `limit`.
 *
 * Runs are counted arithmetically first, so a spec naming billions of indices is refused without
 * listing them: runs of one step that meet or overlap are merged, and runs of one step but
 * different residues cannot share an index, so per step the merged lengths add up exactly. Only
 * runs of different steps can overlap in ways that arithmetic does not settle cheaply; the bitmap
 * that lists the indices stops as soon as it passes the limit, and since each step adds at most
 * `limit` marks, the work stays a small multiple of `limit` for any spec of bounded length.
 */
export function distinctIndices(runs: readonly IndexRun[], limit: number): number[] | undefined {
  const merged = mergeRuns(runs);
  const perStep = new Map<number, number>();
  for (const run of merged) perStep.set(run.step, (perStep.get(run.step) ?? 0) + runLength(run));
  for (const n of perStep.values()) if (n > limit) return undefined;
  return marked(merged, limit);
}

/** Same-step runs that share a residue and meet or overlap, merged; single indices count as step 1. */
function mergeRuns(runs: readonly IndexRun[]): IndexRun[] {
  const byClass = new Map<string, IndexRun[]>();
  for (const run of runs) {
    const r = run.start === run.end ? { ...run, step: 1 } : run;
    const key = `${r.step}:${r.start % r.step}`;
    const list = byClass.get(key);
    if (list) list.push(r);
    else byClass.set(key, [r]);
  }
  const out: IndexRun[] = [];
  for (const list of byClass.values()) {
    list.sort((a, b) => a.start - b.start);
    let current = { ...list[0]! };
    for (const run of list.slice(1)) {
      if (run.start <= current.end + current.step) current.end = Math.max(current.end, run.end);
      else {
        out.push(current);
        current = { ...run };
      }
    }
    out.push(current);
  }
  return out;
}

// Indices are at most a few million, so a bitmap over their span is small and lists them in order.
function marked(runs: readonly IndexRun[], limit: number): number[] | undefined {
  let low = Number.POSITIVE_INFINITY;
  let high = 0;
  for (const run of runs) {
    low = Math.min(low, run.start);
    high = Math.max(high, run.end);
  }
  const seen = new Uint8Array(high - low + 1);
  let distinct = 0;
  for (const run of runs) {
    for (let i = run.start - low; i <= run.end - low; i += run.step) {
      if (seen[i]) continue;
      seen[i] = 1;
      if (++distinct > limit) return undefined;
    }
  }
  const out = new Array<number>(distinct);
  let at = 0;
  for (let i = 0; i < seen.length; i++) if (seen[i]) out[at++] = i + low;
  return out;
}
