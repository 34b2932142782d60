/**
 * Expresses a memory limit and a request in binary GB, with as few decimals as keep them apart
 * (two at least when needed, exact at most): 393216 → 384, and 4 GB against 4097 MiB reads
 * 4 and 4.001, never "4 GB exceeds 4 GB".
 */
export function gigabytePair(limitMiB: number, requestedMiB: number): { limit: number; requested: number } {
  // MiB ÷ 1024 has at most 10 decimals, so 10 is always exact.
  for (let places = 2; places < 10; places++) {
    const limit = roundTo(limitMiB / 1024, places);
    const requested = roundTo(requestedMiB / 1024, places);
    if (requested > limit) return { limit, requested };
  }
  return { limit: limitMiB / 1024, requested: requestedMiB / 1024 };
}

/** Formats MiB as binary GB with at most two decimals: 393216 → 384, 1536 → 1.5. */
export function gigabytes(mib: number): number {
  return roundTo(mib / 1024, 2);
}

function roundTo(value: number, places: number): number {
  const scale = 10 ** places;
  return Math.round(value * scale) / scale;
}
