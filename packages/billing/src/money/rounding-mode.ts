import { Decimal } from 'decimal.js';

/**
 * Rounding modes a site may configure, named for what they do:
 * `half-up` (0.005 → 0.01, -0.005 → -0.01), `half-even` (banker's), `half-down`, `half-ceil`
 * (halves towards +∞, the incumbent portal's choice), `up` (away from zero), `down` (towards
 * zero, i.e. truncate), `ceil` (towards +∞), `floor` (towards −∞).
 */
export const ROUNDING_MODES = [
  'half-up',
  'half-even',
  'half-down',
  'half-ceil',
  'up',
  'down',
  'ceil',
  'floor',
] as const;

/** One of {@link ROUNDING_MODES}. */
export type RoundingMode = (typeof ROUNDING_MODES)[number];

const TO_DECIMAL_JS: Record<RoundingMode, Decimal.Rounding> = {
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
  'half-down': Decimal.ROUND_HALF_DOWN,
  'half-ceil': Decimal.ROUND_HALF_CEIL,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
  ceil: Decimal.ROUND_CEIL,
  floor: Decimal.ROUND_FLOOR,
};

/** Rounds `value` to `places` decimal places with a named {@link RoundingMode}. */
export function roundDecimal(value: Decimal, places: number, mode: RoundingMode): Decimal {
  return value.toDecimalPlaces(places, TO_DECIMAL_JS[mode]);
}

/**
 * Rounds `value` to `places` decimal places with a named {@link RoundingMode} and writes it with
 * exactly that many places (`"7.94"`, `"3.00"`), in one step.
 */
export function roundToString(value: Decimal, places: number, mode: RoundingMode): string {
  const text = value.toFixed(places, TO_DECIMAL_JS[mode]);
  // decimal.js keeps the sign of a negative value that rounds to zero ("-0.00").
  return text.startsWith('-') && !/[1-9]/.test(text) ? text.slice(1) : text;
}
