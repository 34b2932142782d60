/**
 * Values as slurmrestd writes them. From v0.0.40 (and in some v0.0.39 fields) numbers come wrapped
 * as `{ set, infinite, number }`; older plugins write the bare number, with 0 or a huge sentinel
 * for "unset". Times are epoch seconds in every version.
 */

/** A number slurmrestd sent: a value, "no limit", or nothing. */
export type SlurmNumber = number | 'infinite' | undefined;

// From NO_VAL (0xfffffffe) up, bare numbers are Slurm's NO_VAL/INFINITE sentinels of 32- and
// 64-bit fields, never a value (times stay below it until 2106).
const FIRST_SENTINEL = 0xfffffffe;

/** Reads a bare number or a `{ set, infinite, number }` wrapper. */
export function slurmNumber(value: unknown): SlurmNumber {
  if (typeof value === 'number') return Number.isFinite(value) && value < FIRST_SENTINEL ? value : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  const w = value as { set?: unknown; infinite?: unknown; number?: unknown };
  if (w.infinite === true) return 'infinite';
  if (w.set === false) return undefined;
  return typeof w.number === 'number' ? slurmNumber(w.number) : undefined;
}

/** A count: a number, or undefined for unset and infinite. */
export function slurmCount(value: unknown): number | undefined {
  const n = slurmNumber(value);
  return typeof n === 'number' ? n : undefined;
}

/** An epoch-seconds time (bare or wrapped); 0 and unset are no time. */
export function slurmTime(value: unknown): Date | undefined {
  const n = slurmCount(value);
  return n === undefined || n <= 0 ? undefined : new Date(n * 1000);
}

/** A string field; the empty string and Slurm's placeholders are absent. */
export function slurmText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return value === '' || value === '(null)' || value === 'N/A' ? undefined : value;
}
