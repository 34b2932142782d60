import type { Decimal } from 'decimal.js';
import type { RoundingMode } from '../money/rounding-mode.js';

const SIGNIFICANT = 40;

/**
 * The exact charge `rate × usage ÷ 3600` as the decimal string `BillingDecimal` would give
 * (40 significant digits, half-up, plain notation, no trailing zeros), computed with one BigInt
 * multiplication and one division instead of decimal.js's base-10⁷ long division: pricing a job
 * is mostly this step. Only for a non-negative rate and a non-negative safe-integer usage; the
 * property tests compare it with decimal.js digit for digit.
 */
export function exactChargeString(rate: Decimal, usage: number): string {
  const { units, small, scale } = scaledRate(rate);
  if (units === 0n || usage === 0) return '0';
  const product = small * usage;
  if (Number.isSafeInteger(product)) return smallExact(product, scale);
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
 * `n ÷ 3600 × 10^-scale` for a positive safe integer `n`, as {@link exactChargeString} writes it,
 * without BigInt: 3600 = 2⁴·3²·5², so `n ÷ 3600` is a whole part, four decimal places, then one
 * digit `d` (0 to 8) repeated forever. Forty significant digits are those digits padded with `d`,
 * the last rounded half-up by the next `d` (never a carry, as `d + 1` ≤ 9).
 */
function smallExact(n: number, scale: number): string {
  const rest = n % 3600;
  const whole = (n - rest) / 3600;
  const ninths = rest * 25; // rest ÷ 3600 = ninths ÷ 90000
  const d = ninths % 9;
  const places = (ninths - d) / 9;
  let digits = whole > 0 ? `${whole}${String(places).padStart(4, '0')}` : String(places);
  let exponent = -4 - scale;
  if (d !== 0) {
    const fill = SIGNIFICANT - digits.length;
    digits += REPEATED[d]!.slice(0, fill - 1) + String(d >= 5 ? d + 1 : d);
    exponent -= fill;
  }
  return plain(digits, exponent);
}

const REPEATED = Array.from({ length: 9 }, (_, d) => String(d).repeat(SIGNIFICANT));

/**
 * The charge `rate × usage ÷ 3600` rounded to `places` places by `mode`, written with exactly
 * that many: what `roundPlainString(exactChargeString(rate, usage), places, mode)` gives, in one
 * integer division with a remainder. Undefined where the integers would not be exact (beyond
 * 2^53); the caller then rounds the exact string. Only for a non-negative rate and usage.
 */
export function roundedChargeString(
  rate: Decimal,
  usage: number,
  places: number,
  mode: RoundingMode,
): string | undefined {
  const { small, scale } = scaledRate(rate);
  // charge × 10^places = rate units × usage × 10^(places − scale) ÷ 3600
  const numerator = small * usage * (places >= scale ? 10 ** (places - scale) : 1);
  const divisor = places >= scale ? 3600 : 3600 * 10 ** (scale - places);
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(divisor)) return undefined;
  const rest = numerator % divisor;
  let whole = (numerator - rest) / divisor;
  if (rest !== 0 && roundsUpFrom(Math.sign(2 * rest - divisor), whole % 2, mode)) whole += 1;
  const digits = String(whole);
  if (places === 0) return digits;
  const padded = digits.length > places ? digits : digits.padStart(places + 1, '0');
  return `${padded.slice(0, -places)}.${padded.slice(-places)}`;
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

/** Whether the dropped digits `rest` (not all empty) of a non-negative value round it up. */
function roundsUp(rest: string, lastOdd: number, mode: RoundingMode): boolean {
  if (!/[1-9]/.test(rest)) return false;
  const first = rest.charCodeAt(0);
  const half = first !== 53 ? first - 53 : /[1-9]/.test(rest.slice(1)) ? 1 : 0;
  return roundsUpFrom(Math.sign(half), lastOdd, mode);
}

/**
 * Whether a non-zero dropped part of a non-negative value rounds it up, given how that part
 * compares with one half of the last kept place (-1 below, 0 exactly, 1 above).
 */
function roundsUpFrom(half: number, lastOdd: number, mode: RoundingMode): boolean {
  switch (mode) {
    case 'down':
    case 'floor':
      return false;
    case 'up':
    case 'ceil':
      return true;
    case 'half-up':
    case 'half-ceil':
      return half >= 0;
    case 'half-even':
      return half > 0 || (half === 0 && lastOdd === 1);
    default:
      return half > 0;
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
// `small` is the units as a JS number when exact (NaN otherwise, so no product is a safe integer).
interface ScaledRate {
  units: bigint;
  small: number;
  scale: number;
}
const scaled = new WeakMap<Decimal, ScaledRate>();
function scaledRate(rate: Decimal): ScaledRate {
  let found = scaled.get(rate);
  if (!found) {
    const text = rate.toFixed();
    const point = text.indexOf('.');
    const units = BigInt(point < 0 ? text : text.replace('.', ''));
    const small = units <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(units) : Number.NaN;
    found = { units, small, scale: point < 0 ? 0 : text.length - point - 1 };
    scaled.set(rate, found);
  }
  return found;
}
