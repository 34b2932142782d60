/**
 * Small value parsers for Slurm's text output: durations, memory sizes, epoch times, exit codes
 * and the placeholders Slurm prints for "no value".
 */

const NONE = new Set(['', 'N/A', '(null)', 'None', 'Unknown', 'NONE', 'n/a']);

/** Whether Slurm printed a placeholder meaning "no value". */
function isUnset(text: string): boolean {
  return NONE.has(text.trim());
}

/** The text, or undefined for Slurm's "no value" placeholders. */
export function optionalText(text: string): string | undefined {
  return isUnset(text) ? undefined : text;
}

/**
 * Parses a Slurm duration (`[D-]HH:MM:SS`, `HH:MM:SS`, `MM:SS`, `D-HH`, `D-HH:MM`, or a bare
 * number of minutes) into seconds. `UNLIMITED`, `INFINITE`, `Partition_Limit`, `NOT_SET` and the
 * empty placeholders yield undefined.
 */
export function parseSlurmDuration(text: string): number | undefined {
  const s = text.trim();
  if (isUnset(s) || /^(UNLIMITED|INFINITE|Partition_Limit|NOT_SET|INVALID)$/i.test(s)) return undefined;
  if (/^\d+$/.test(s)) return Number(s) * 60;
  const m = /^(?:(\d+)-)?(\d+)(?::(\d+))?(?::(\d+))?$/.exec(s);
  if (!m) return undefined;
  const [, days, a, b, c] = m;
  const parts = [a, b, c].filter((p): p is string => p !== undefined).map(Number);
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  if (days !== undefined) [hours = 0, minutes = 0, seconds = 0] = parts;
  else if (parts.length === 3) [hours = 0, minutes = 0, seconds = 0] = parts;
  else if (parts.length === 2) [minutes = 0, seconds = 0] = parts;
  else return undefined;
  return Number(days ?? 0) * 86_400 + hours * 3_600 + minutes * 60 + seconds;
}

const MIB_PER_UNIT: Record<string, number> = { K: 1 / 1024, M: 1, G: 1024, T: 1024 ** 2, P: 1024 ** 3 };

/**
 * Parses a Slurm memory size (`1G`, `100M`, `4000Mc`, `2Gn`, `512000`) into MiB; a bare number is
 * MiB, as Slurm means it. Returns undefined for placeholders and unsettled values such as `16?`.
 */
export function parseSlurmMemory(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([KMGTP])?[nc]?$/.exec(text.trim());
  if (!m) return undefined;
  return Math.round(Number(m[1]) * MIB_PER_UNIT[m[2] ?? 'M']!);
}

/** Parses epoch seconds (`SLURM_TIME_FORMAT=%s`) into a Date; placeholders and 0 yield undefined. */
export function parseEpoch(text: string): Date | undefined {
  const s = text.trim();
  if (!/^\d+$/.test(s) || s === '0') return undefined;
  return new Date(Number(s) * 1000);
}

/** Parses sacct's `exit:signal` (or a bare exit status) into its parts; `0` signal is no signal. */
export function parseExitCode(text: string): { exitCode?: number; signal?: number } {
  const m = /^(\d+)(?::(\d+))?$/.exec(text.trim());
  if (!m) return {};
  const signal = m[2] === undefined ? undefined : Number(m[2]);
  return { exitCode: Number(m[1]), signal: signal ? signal : undefined };
}
