import { z } from 'zod';
import { ruleError } from '../errors/validation.js';

/**
 * A decimal amount as a string (`"12.50"`, `"-3"`, `"0.000001"`): exact, never a JS number, so no
 * binary rounding can creep in between the ledger and the screen.
 */
export const DecimalStringSchema = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, { error: ruleError('decimal_string') });

/** An amount of money: a decimal string and an ISO 4217 currency code. */
export const MoneySchema = z.object({
  amount: DecimalStringSchema,
  currency: z.string().regex(/^[A-Z]{3}$/, { error: ruleError('currency_code') }),
});

/** An amount of money. */
export type Money = z.output<typeof MoneySchema>;
