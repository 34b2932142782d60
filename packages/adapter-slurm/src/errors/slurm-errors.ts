import { errorsFor } from '@hpckit/core';

/**
 * Every error the Slurm adapter raises: tagged `[hpckit] [slurm]`, worded by core's catalogue from
 * the facts each throw passes.
 */
export const fail = errorsFor('slurm');

/** The scheduler's name, in the details of errors that quote Slurm's own words. */
export const SCHEDULER = 'Slurm';
