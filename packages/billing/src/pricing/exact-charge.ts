import type { Decimal } from 'decimal.js';
import type { RoundingMode } from '../money/rounding-mode.js';

/**
 * The exact charge `rate × usage ÷ 3600` as the decimal string `BillingDecimal` would give
 * (40 significant digits, half-up, plain notation, no trailing zeros), computed with one BigInt
 * multiplication and one division instead of decimal.js's base-10⁷ long division: pricing a job
 * is mostly this step. Only for a non-negative rate and a non-negative safe-integer usage; the
 * property tests compare it with decimal.js digit for digit.
 */
export function exactChargeString(rate: Decimal, usage: number): string {
  const { units, scale } = scaledRate(rate);
  if (units === 0n || usage === 0) return '0';
  // Enough places that the quotient has at least 42 digits whatever the rate's scale: the 41st
  // digit decides half-up rounding, the rest only carries the exponent.
  const places = 45 + scale;
  const quotient = (units * BigInt(usage) * powerOfTen(places)) / (3600n * powerOfTen(scale));
  const digits = quotient.toString();
  let kept = digits.slice(0, SIGNIFICANT);
  let exponent = digits.length - SIGNIFICANT - places;
  if (digits.charCodeAt(SIGNIFICANT) >= 53 /* '5' */) {
    kept = increment(kept);
    if (kept.length > SIGNIFICANT) {
      kept = kept.slice(0, SIGNIFICANT);
      exponent += 1;
    }
  }
  return plain(kept, exponent);
}

/**
 * A non-negative plain decimal string rounded to `places` places by `mode` and written with
 * exactly that many, as `roundToString` writes a decimal.js value.
 */
export function roundPlainString(text: string, places: number, mode: RoundingMode): string {
  const point = text.indexOf('.');
  const whole = point < 0 ? text : text.slice(0, point);
  const fraction = point < 0 ? '' : text.slice(point + 1);
  if (fraction.length <= places) return withPoint(whole, fraction.padEnd(places, '0'), places);
  const kept = whole + fraction.slice(0, places);
  const rest = fraction.slice(places);
  const up = roundsUp(rest, kept.charCodeAt(kept.length - 1) & 1, mode);
  const rounded = up ? increment(kept) : kept;
  const split = rounded.length - places;
  return withPoint(rounded.slice(0, split), rounded.slice(split), places);
}

const SIGNIFICANT = 40;

/** Whether the dropped digits `rest` (not all empty) of a non-negative value round it up. */
function roundsUp(rest: string, lastOdd: number, mode: RoundingMode): boolean {
  const nonZero = /[1-9]/.test(rest);
  if (!nonZero) return false;
  switch (mode) {
    case 'down':
    case 'floor':
      return false;
    case 'up':
    case 'ceil':
      return true;
    case 'half-up':
    case 'half-ceil':
      return rest.charCodeAt(0) >= 53;
    default: {
      const first = rest.charCodeAt(0);
      if (first !== 53) return first > 53;
      const aboveHalf = /[1-9]/.test(rest.slice(1));
      if (aboveHalf) return true;
      return mode === 'half-even' && lastOdd === 1;
    }
  }
}

function withPoint(whole: string, fraction: string, places: number): string {
  const integer = whole.replace(/^0+(?=\d)/, '') || '0';
  return places === 0 ? integer : `${integer}.${fraction}`;
}

/** A string of decimal digits plus one, carrying (`"199"` → `"200"`, `"99"` → `"100"`). */
function increment(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits.charCodeAt(i) === 57 /* '9' */) i--;
  if (i < 0) return `1${'0'.repeat(digits.length)}`;
  return (
    digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1) + '0'.repeat(digits.length - i - 1)
  );
}

/** `digits × 10^exponent` in plain notation without trailing zeros. */
function plain(digits: string, exponent: number): string {
  let end = digits.length;
  while (end > 1 && digits.charCodeAt(end - 1) === 48 /* '0' */) end--;
  const trimmed = digits.slice(0, end);
  const e = exponent + (digits.length - end);
  if (e >= 0) return trimmed + '0'.repeat(e);
  const at = trimmed.length + e;
  return at > 0 ? `${trimmed.slice(0, at)}.${trimmed.slice(at)}` : `0.${'0'.repeat(-at)}${trimmed}`;
}

const powers: bigint[] = [];
function powerOfTen(n: number): bigint {
  powers[n] ??= 10n ** BigInt(n);
  return powers[n]!;
}

// A price item's rate is one Decimal shared by every job it prices: split it once.
const scaled = new WeakMap<Decimal, { units: bigint; scale: number }>();
function scaledRate(rate: Decimal): { units: bigint; scale: number } {
  let found = scaled.get(rate);
  if (!found) {
    const text = rate.toFixed();
    const point = text.indexOf('.');
    found =
      point < 0
        ? { units: BigInt(text), scale: 0 }
        : { units: BigInt(text.replace('.', '')), scale: text.length - point - 1 };
    scaled.set(rate, found);
  }
  return found;
}
