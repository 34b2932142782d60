/** The earliest start sent to Slurm: 2000-01-01 UTC, before the first Slurm release (2002). */
const EARLIEST_SLURM_TIME = Date.UTC(2000, 0, 1);

/**
 * A start time in the grammar sacct and slurmdbd read. Times go as an offset from "now", which
 * needs no time zone (absolute times are read in the cluster's zone, which hpckit does not know).
 * Slurm refuses an offset that reaches the epoch (`now-<now>seconds` is time 0: "Invalid time
 * specification"), so any earlier start, the epoch included, is sent as 2000-01-01 UTC: no
 * accounting record is older than Slurm itself, and the margin absorbs any clock difference
 * between the portal and the cluster.
 */
export function slurmStartTime(date: Date, now = Date.now()): string {
  const from = Math.max(date.getTime(), EARLIEST_SLURM_TIME);
  return `now-${Math.max(0, Math.ceil((now - from) / 1000))}seconds`;
}
