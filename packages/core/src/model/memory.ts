import { z } from 'zod';
import { ruleIssue } from '../errors/validation.js';

const SIZE = /^(\d+(?:\.\d+)?)\s*([KMGT])(?:i?B)?$/i;
const MIB_PER_UNIT = { K: 1 / 1024, M: 1, G: 1024, T: 1024 * 1024 } as const;

/**
 * The largest memory size accepted, in MiB: 2^40 MiB (1 EiB, `1048576T`). Thousands of times any
 * node's memory, yet small enough that sizes multiplied by node or core counts stay finite; a
 * larger size is a mistake or an attack, and would otherwise reach scripts and quotes as `Infinity`.
 */
export const MAX_MEMORY_MIB = 2 ** 40;

/**
 * Parses a memory size with an explicit unit into whole mebibytes (rounded up), or returns
 * `undefined` if the text is not a size or is larger than {@link MAX_MEMORY_MIB}.
 *
 * Units are binary whatever their spelling, as in Slurm: `4G`, `4GB` and `4GiB` are all 4096 MiB.
 * A bare number is refused, because its unit would be a guess.
 *
 * @example
 * ```ts
 * parseMemorySize('4G'); // 4096
 * parseMemorySize('99999999999999999999T'); // undefined: larger than MAX_MEMORY_MIB
 * ```
 */
export function parseMemorySize(text: string): number | undefined {
  const mib = mebibytesOf(text);
  return mib !== undefined && mib <= MAX_MEMORY_MIB ? mib : undefined;
}

// Whole MiB of a size text, however large (possibly Infinity), or undefined if not a size.
function mebibytesOf(text: string): number | undefined {
  const m = SIZE.exec(text.trim());
  if (!m) return undefined;
  const unit = m[2]!.toUpperCase() as keyof typeof MIB_PER_UNIT;
  return Math.ceil(Number(m[1]) * MIB_PER_UNIT[unit]);
}

/** Formats mebibytes the way Slurm writes them: `4G` when whole gibibytes, else `512M`. */
export function formatMemorySize(mib: number): string {
  if (mib >= 1024 * 1024 && mib % (1024 * 1024) === 0) return `${mib / (1024 * 1024)}T`;
  if (mib >= 1024 && mib % 1024 === 0) return `${mib / 1024}G`;
  return `${mib}M`;
}

/**
 * A memory size with an explicit unit (`"4G"`, `"512M"`, `"1.5T"`); parses to whole MiB, at most
 * {@link MAX_MEMORY_MIB}.
 */
export const MemorySizeSchema = z.string().transform((text, ctx) => {
  const mib = mebibytesOf(text);
  if (mib === undefined || mib <= 0) {
    ctx.addIssue(ruleIssue('not_a_memory_size', { value: quote(text) }));
    return z.NEVER;
  }
  if (mib > MAX_MEMORY_MIB) {
    ctx.addIssue(
      ruleIssue('memory_size_too_large', { value: quote(text), maximum: formatMemorySize(MAX_MEMORY_MIB) }),
    );
    return z.NEVER;
  }
  return mib;
});

// Echoes the caller's text in a message, cut short: it may be megabytes of hostile input.
function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
