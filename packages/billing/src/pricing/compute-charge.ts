import type { Decimal } from 'decimal.js';
import { BillingDecimal, decimalString } from '../money/decimal.js';
import { roundDecimal, roundToString } from '../money/rounding-mode.js';
import type { Quantity } from './amount-strategies.js';
import { billedSeconds } from './billed-seconds.js';
import { exactChargeString, roundedChargeString, roundPlainString } from './exact-charge.js';
import type { ChargingRules } from './charging-rules-schema.js';

/** Every intermediate of one charge, in the order they are computed. */
export interface ChargeComputation {
  /** Duration after the granularity step. */
  billedSeconds: number;
  /** Units billed per hour. */
  quantity: Quantity;
  /**
   * quantity × billed hours, rounded to `quantityPrecision` places: present only when the rules
   * round resource-hours, because only then is it an intermediate the charge depends on.
   */
  unitHours: Decimal | undefined;
  /** rate × unit-hours, before any rounding of the charge, as a plain decimal string. */
  exact: string;
  /** The charge with exactly `precision` places: the exact charge rounded once, or the minimum charge. */
  charge: string;
  minimumApplied: boolean;
}

const SECONDS_PER_HOUR = new BillingDecimal(3600);

/**
 * Applies the order of operations: granularity, exact usage × rate, one rounding, minimum charge.
 *
 * The exact charge is `rate × quantity × billedSeconds / 3600` with the division last, so the only
 * inexact step happens once, at 40 significant digits, before the single rounding to the
 * currency's places. With `quantityPrecision` set, resource-hours are rounded first instead (the
 * incumbent portal's behaviour, kept for sites that must reproduce old charges).
 */
export function computeCharge(
  rate: Decimal,
  quantity: Quantity,
  seconds: number,
  rules: ChargingRules,
  minimum: Decimal,
): ChargeComputation {
  const billed = billedSeconds(seconds, rules);
  if (typeof quantity === 'number' && rules.quantityPrecision === undefined && !rate.isNegative()) {
    const usage = quantity * billed;
    if (Number.isSafeInteger(usage) && usage >= 0) {
      // The common case, in integers: the same digits as the decimal.js path below.
      const exact = exactChargeString(rate, usage);
      const rounded =
        roundedChargeString(rate, usage, rules.precision, rules.rounding) ??
        roundPlainString(exact, rules.precision, rules.rounding);
      return withMinimum(billed, quantity, undefined, exact, rounded, rules, minimum);
    }
  }
  let usage: Decimal;
  if (typeof quantity === 'number') {
    const product = quantity * billed;
    usage = Number.isSafeInteger(product)
      ? new BillingDecimal(product)
      : new BillingDecimal(quantity).times(billed);
  } else usage = quantity.times(billed);
  let unitHours: Decimal | undefined;
  let exact: Decimal;
  if (rules.quantityPrecision === undefined) {
    exact = rate.times(usage).div(SECONDS_PER_HOUR);
  } else {
    unitHours = roundDecimal(usage.div(SECONDS_PER_HOUR), rules.quantityPrecision, rules.quantityRounding);
    exact = rate.times(unitHours);
  }
  const charge = roundToString(exact, rules.precision, rules.rounding);
  return withMinimum(billed, quantity, unitHours, decimalString(exact), charge, rules, minimum);
}

/** The computation, the charge raised to the minimum charge where it is below it. */
function withMinimum(
  billed: number,
  quantity: Quantity,
  unitHours: Decimal | undefined,
  exact: string,
  rounded: string,
  rules: ChargingRules,
  minimum: Decimal,
): ChargeComputation {
  let charge = rounded;
  // A zero minimum (the usual case) needs no comparison at all.
  const minimumApplied = !minimum.isZero() && exact !== '0' && minimum.gt(charge);
  if (minimumApplied) charge = minimum.toFixed(rules.precision);
  return { billedSeconds: billed, quantity, unitHours, exact, charge, minimumApplied };
}
