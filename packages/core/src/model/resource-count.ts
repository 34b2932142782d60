import { z } from 'zod';
import { ruleError } from '../errors/validation.js';

/**
 * The largest count a job spec may ask for: nodes, tasks, cores or GPUs (2^24 = 16777216). Above
 * the rank count of the largest machines, and small enough that counts multiplied together (nodes
 * × cores per node, tasks × CPUs per task) stay exact JS integers.
 */
export const MAX_RESOURCE_COUNT = 16_777_216;

const TOO_MANY = ruleError('at_most', { maximum: MAX_RESOURCE_COUNT });

/** A count of at least 1 (nodes, tasks, cores), at most {@link MAX_RESOURCE_COUNT}. */
export const ResourceCountSchema = z
  .number()
  // Checked first and alone: past 2^53 zod's integer check would add a misleading "whole number".
  .max(MAX_RESOURCE_COUNT, { error: TOO_MANY, abort: true })
  .int({ error: ruleError('whole_number') })
  .positive({ error: ruleError('at_least_one') });

/** A count that may be 0 (GPUs), at most {@link MAX_RESOURCE_COUNT}. */
export const OptionalResourceCountSchema = z
  .number()
  .max(MAX_RESOURCE_COUNT, { error: TOO_MANY, abort: true })
  .int({ error: ruleError('whole_number') })
  .nonnegative({ error: ruleError('not_negative') });
