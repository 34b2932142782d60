import type { Decimal } from 'decimal.js';
import { BillingDecimal } from '../money/decimal.js';
import { canonicalAmount } from './amount-codec.js';

/**
 * The signed value of an entry in a net sum: reversals count against what they reverse, every
 * other entry counts as itself. Payments and charges both follow this rule.
 */
function signedAmount(entry: { kind: string; amount: string }): Decimal {
  const d = new BillingDecimal(entry.amount);
  return entry.kind === 'reversal' ? d.neg() : d;
}

/** Net sum of entries (reversals subtract), canonical. */
export function netSum(entries: readonly { kind: string; amount: string }[]): string {
  let total = new BillingDecimal(0);
  for (const e of entries) total = total.plus(signedAmount(e));
  return canonicalAmount(total);
}
