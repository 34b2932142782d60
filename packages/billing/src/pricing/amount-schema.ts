import { MemorySizeSchema, NameSchema, ruleError } from '@hpckit/core';
import { z } from 'zod';

/** Names of the built-in amount strategies, usable as a plain string in a price item. */
export const BUILT_IN_AMOUNTS = ['cores', 'gpus', 'billing-tres'] as const;

const Ratio = z
  .number()
  .int({ error: ruleError('whole_number') })
  .positive({ error: ruleError('at_least_one') })
  .describe('How many of the smaller unit make one billed unit');

const Equivalents = z
  .enum(['exact', 'ceil'])
  .default('exact')
  .describe(
    'Use the exact ratio, or round the equivalents up to whole units (the incumbent portal rounds up)',
  );

/**
 * What quantity a price item bills per hour: its amount strategy.
 *
 * - `"cores"`: allocated CPU cores; `"gpus"`: allocated GPUs; `"billing-tres"`: Slurm's own
 *   `billing` TRES (passed in the pricing context).
 * - `{ kind: "max-cores-memory", memoryPerCore: "4G" }`: max(cores, memory ÷ memoryPerCore).
 * - `{ kind: "max-gpus-cores", coresPerGpu: 8 }`: max(GPUs, cores ÷ coresPerGpu).
 * - `{ kind: "custom", name: "…" }`: a function registered with the pricing engine.
 */
export const AmountSchema = z
  .union([
    z.enum(BUILT_IN_AMOUNTS).transform((kind) => ({ kind })),
    z.strictObject({ kind: z.enum(BUILT_IN_AMOUNTS) }),
    z.strictObject({
      kind: z.literal('max-cores-memory'),
      memoryPerCore: MemorySizeSchema.describe('Memory that counts as one core, e.g. "4G"'),
      equivalents: Equivalents,
    }),
    z.strictObject({ kind: z.literal('max-gpus-cores'), coresPerGpu: Ratio, equivalents: Equivalents }),
    z.strictObject({
      kind: z.literal('custom'),
      name: NameSchema.describe('Name the strategy is registered under'),
    }),
  ])
  .describe('Amount strategy: what quantity is billed per hour');

/** A validated amount strategy. */
export type Amount = z.output<typeof AmountSchema>;
/** An amount strategy as a site writes it. */
export type AmountInput = z.input<typeof AmountSchema>;
