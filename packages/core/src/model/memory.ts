import { z } from 'zod';

const SIZE = /^(\d+(?:\.\d+)?)\s*([KMGT])(?:i?B)?$/i;
const MIB_PER_UNIT = { K: 1 / 1024, M: 1, G: 1024, T: 1024 * 1024 } as const;

/**
 * Parses a memory size with an explicit unit into whole mebibytes (rounded up), or returns
 * `undefined` if the text is not a size.
 *
 * Units are binary whatever their spelling, as in Slurm: `4G`, `4GB` and `4GiB` are all 4096 MiB.
 * A bare number is refused, because its unit would be a guess.
 */
export function parseMemorySize(text: string): number | undefined {
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

/** A memory size with an explicit unit (`"4G"`, `"512M"`, `"1.5T"`); parses to whole MiB. */
export const MemorySizeSchema = z.string().transform((text, ctx) => {
  const mib = parseMemorySize(text);
  if (mib === undefined || mib <= 0) {
    ctx.addIssue({
      code: 'custom',
      message: `"${text}" is not a memory size: give a positive number with a unit, such as "4G" or "512M" (units are binary: 1G = 1024M)`,
    });
    return z.NEVER;
  }
  return mib;
});
