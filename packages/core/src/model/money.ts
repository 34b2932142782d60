import { z } from 'zod';

/**
 * A decimal amount as a string (`"12.50"`, `"-3"`, `"0.000001"`): exact, never a JS number, so no
 * binary rounding can creep in between the ledger and the screen.
 */
export const DecimalStringSchema = z
  .string()
  .regex(
    /^-?\d+(\.\d+)?$/,
    'must be a decimal number written as a string, such as "12.50" (never a JS number)',
  );

/** An amount of money: a decimal string and an ISO 4217 currency code. */
export const MoneySchema = z.object({
  amount: DecimalStringSchema,
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "CNY"'),
});

/** An amount of money. */
export type Money = z.output<typeof MoneySchema>;
