/**
 * Values in the forms sbatch reads and writes them: time limits, memory sizes and generic
 * resources. Pure functions; the time and memory forms differ from hpckit's own (`"2h"`, `"4G"`),
 * which is why a script's values are read here rather than with the spec's schemas.
 */

/**
 * Seconds of a time limit as sbatch reads `--time` (`time_str2secs`): `MM`, `MM:SS`, `HH:MM:SS`,
 * `D-HH`, `D-HH:MM`, `D-HH:MM:SS`; `UNLIMITED`, `INFINITE` and `-1` give 0 (no limit, as in a
 * spec). Undefined when sbatch would refuse the text. A bare number is minutes here, unlike a
 * spec's `timeLimit`.
 */
export function parseSbatchTime(text: string): number | undefined {
  if (/^(-1|infinite|unlimited)$/i.test(text)) return 0;
  const dashed = /^(\d+)-(\d+)(?::(\d+))?(?::(\d+))?$/.exec(text);
  const parts = dashed
    ? [dashed[1], dashed[2], dashed[3], dashed[4]]
    : /^(\d+)(?::(\d+))?(?::(\d+))?$/.exec(text)?.slice(1);
  if (!parts) return undefined;
  const n = parts.map((p) => (p === undefined ? undefined : Number(p)));
  if (n.some((v) => v !== undefined && !Number.isSafeInteger(v))) return undefined;
  const [a = 0, b, c, d] = n as [number, number | undefined, number | undefined, number | undefined];
  let seconds: number;
  if (dashed) seconds = a * 86_400 + (b ?? 0) * 3_600 + (c ?? 0) * 60 + (d ?? 0);
  else if (c !== undefined) seconds = a * 3_600 + (b ?? 0) * 60 + c;
  else seconds = a * 60 + (b ?? 0);
  return Number.isSafeInteger(seconds) ? seconds : undefined;
}

/**
 * Formats seconds as sbatch's `--time` reads them, rounded up to whole minutes as Slurm rounds
 * every time limit: `HH:MM:00`, or `D-HH:MM:00` from a day on (`0` is `00:00:00`, no limit).
 */
export function formatSbatchTime(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  const days = Math.floor(minutes / 1_440);
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${pad(Math.floor((minutes % 1_440) / 60))}:${pad(minutes % 60)}:00`;
  return days > 0 ? `${days}-${clock}` : clock;
}

/**
 * MiB of a memory size as sbatch reads `--mem` (`str_to_mbytes`): a whole number with an optional
 * `K`, `M`, `G` or `T` (and an optional `B`); no unit means megabytes. Undefined when sbatch would
 * refuse it. `0` is returned as 0: to sbatch it means "all the memory of each node".
 */
export function parseSbatchMemory(text: string): number | undefined {
  const m = /^(\d+)(?:([KkMmGgTt])[Bb]?)?$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'M').toUpperCase();
  const mib = unit === 'K' ? Math.ceil(n / 1024) : unit === 'G' ? n * 1024 : unit === 'T' ? n * 1024 ** 2 : n;
  return Number.isSafeInteger(mib) ? mib : undefined;
}

/** One item of a `--gres` list: `gpu`, `gpu:2`, `gpu:a100:2`, `mps:100`. */
export interface GresItem {
  name: string;
  type?: string;
  count: number;
}

/**
 * The items of a `--gres` value (`gpu:a100:2,mps:100`), or undefined when one is malformed. A
 * count may carry a `K`/`M`/`G` multiplier as in Slurm; a missing count is 1.
 */
export function parseGres(text: string): GresItem[] | undefined {
  const items: GresItem[] = [];
  for (const part of text.split(',')) {
    const m = /^([A-Za-z0-9_.-]+)(?::([A-Za-z0-9_.-]+?))?(?::(\d+)([KMG]?))?$/.exec(part);
    if (!m) return undefined;
    let [, name, type, count, multiplier] = m as unknown as [string, string, string?, string?, string?];
    // "gpu:2" has a count, not a type.
    if (count === undefined && type !== undefined && /^\d+$/.test(type)) {
      count = type;
      type = undefined;
    }
    const scale = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[multiplier ?? ''] ?? 1;
    const n = count === undefined ? 1 : Number(count) * scale;
    if (!Number.isSafeInteger(n)) return undefined;
    items.push(type === undefined ? { name, count: n } : { name, type, count: n });
  }
  return items;
}

/** A GPU count as `--gpus`/`--gpus-per-node` take it: `2` or `a100:2`. */
export function parseGpuCount(text: string): { type?: string; count: number } | undefined {
  const m = /^(?:([A-Za-z0-9_.-]+):)?(\d+)$/.exec(text);
  if (!m) return undefined;
  const count = Number(m[2]);
  if (!Number.isSafeInteger(count)) return undefined;
  return m[1] === undefined ? { count } : { type: m[1], count };
}
