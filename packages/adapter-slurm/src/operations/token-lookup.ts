/**
 * What narrows a lookup of submissions by their idempotency token, so a retry does not read a day
 * of the user's accounting: the jobs' names (squeue and sacct filter by `--name` themselves) and,
 * for keys this adapter already sent to sbatch, a window from the first attempt on.
 */

/** A key looked up, with the name its job was submitted under (if the spec named one). */
export interface WantedToken {
  key: string;
  name?: string;
}

/**
 * How far back a key nobody here has sent may have been submitted: keys guard against lost
 * answers and quick retries, so a day of accounting is enough.
 */
const UNKNOWN_KEY_WINDOW_MS = 86_400_000;

/**
 * Slack before a known first attempt: accounting's clock is the cluster's, and a controller that
 * timed out may queue the job late; minutes cover both, and cost nothing next to a day.
 */
const CLOCK_MARGIN_MS = 15 * 60_000;

/** Keys remembered at most; the oldest are forgotten first (they fall back to the day). */
const REMEMBERED_KEYS = 10_000;

/**
 * Names `--name` matches exactly as given: printable ASCII without a comma (both commands split
 * the filter on commas) and without spaces at either end. Anything else is looked up unfiltered
 * rather than risk a name Slurm stores differently and a retry that misses its job.
 */
const FILTERABLE_NAME = /^[!-+\--~](?:[ !-+\--~]*[!-+\--~])?$/;

/**
 * The `--name` filter for a lookup: every wanted job's name, or undefined (no filter) when one
 * has none (Slurm then names it after the script) or one is not {@link FILTERABLE_NAME}.
 */
export function namesOf(wanted: readonly WantedToken[]): string[] | undefined {
  const names = new Set<string>();
  for (const { name } of wanted) {
    if (name === undefined || !FILTERABLE_NAME.test(name)) return undefined;
    names.add(name);
  }
  return names.size > 0 ? [...names] : undefined;
}

/** When this adapter first sent each key to sbatch (in this process). */
export interface KeyAttempts {
  /** Records that `key` is about to go to sbatch (the first time counts). */
  sent(key: string, at?: number): void;
  /** The earliest time the accounting lookup of these keys must cover. */
  since(keys: readonly string[], now?: number): Date;
}

/** A bounded record of first attempts (see {@link KeyAttempts}). */
export function keyAttempts(limit = REMEMBERED_KEYS): KeyAttempts {
  const first = new Map<string, number>();
  return {
    sent(key, at = Date.now()) {
      if (first.has(key)) return;
      first.set(key, at);
      // Maps iterate in insertion order: the first key is the oldest.
      if (first.size > limit) first.delete(first.keys().next().value!);
    },
    since(keys, now = Date.now()) {
      let earliest = now;
      for (const key of keys) {
        const at = first.get(key);
        if (at === undefined) return new Date(now - UNKNOWN_KEY_WINDOW_MS);
        earliest = Math.min(earliest, at);
      }
      return new Date(earliest - CLOCK_MARGIN_MS);
    },
  };
}
