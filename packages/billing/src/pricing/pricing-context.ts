import { NameSchema, ruleError } from '@hpckit/core';
import { z } from 'zod';
import { NonNegativeDecimalStringSchema } from './charging-rules-schema.js';

/**
 * Who pays for a job, which decides the price items that can apply. The ledger knows these facts;
 * the scheduler does not.
 */
export const PricingContextSchema = z.strictObject({
  accountType: NameSchema.optional().describe('Account type, e.g. "internal" or "external"'),
  tenant: NameSchema.optional().describe('Tenant the account belongs to'),
  account: NameSchema.optional().describe("Account charged; the job's own account if absent"),
  billingTres: z
    .union([
      z
        .number()
        .int({ error: ruleError('whole_number') })
        .nonnegative(),
      NonNegativeDecimalStringSchema,
    ])
    .optional()
    .describe('Slurm\'s "billing" TRES of the job (sacct AllocTRES billing=N), for items billed by it'),
});

/**
 * What a quote needs besides the job spec: the cluster it will run on and, optionally, the moment
 * whose prices apply.
 */
export const QuoteContextSchema = PricingContextSchema.extend({
  cluster: NameSchema.describe('Cluster the job will be submitted to'),
  at: z.date().optional().describe("Moment whose prices apply; the engine's clock if absent"),
});

/** Who pays for a job. */
export type PricingContext = z.output<typeof PricingContextSchema>;
/** Who pays for a job, as callers pass it. */
export type PricingContextInput = z.input<typeof PricingContextSchema>;
/** What a quote needs besides the job spec. */
export type QuoteContext = z.output<typeof QuoteContextSchema>;
/** What a quote needs besides the job spec, as callers pass it. */
export type QuoteContextInput = z.input<typeof QuoteContextSchema>;
