import type { ChargingRules } from './charging-rules-schema.js';

/**
 * Rounds a duration to the site's billing granularity (whole seconds in, whole seconds out), with
 * integer arithmetic only.
 *
 * @example
 * ```ts
 * billedSeconds(61, { granularitySeconds: 60, granularityRounding: 'up' }); // 120
 * ```
 */
export function billedSeconds(
  seconds: number,
  rules: Pick<ChargingRules, 'granularitySeconds' | 'granularityRounding'>,
): number {
  const step = rules.granularitySeconds;
  if (step === 1) return seconds;
  const rest = seconds % step;
  if (rest === 0) return seconds;
  const down = seconds - rest;
  switch (rules.granularityRounding) {
    case 'down':
      return down;
    case 'nearest':
      return rest * 2 >= step ? down + step : down;
    default:
      return down + step;
  }
}
