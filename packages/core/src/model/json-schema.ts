import { z } from 'zod';
import { JobSpecSchema } from './job-spec.js';

/**
 * The JSON Schema (draft 2020-12) of what callers may pass as a job spec, for portals that render
 * a form from it. Cross-field rules (command XOR script, cores vs tasks) are not expressible in the
 * schema; the server-side validation still enforces them.
 *
 * @example
 * ```ts
 * const schema = jobSpecJsonSchema();
 * schema.properties.timeLimit; // { anyOf: [{ type: 'integer', … }, { type: 'string' }], description: … }
 * ```
 */
export function jobSpecJsonSchema(): Record<string, unknown> & { properties: Record<string, unknown> } {
  return z.toJSONSchema(JobSpecSchema, { io: 'input', unrepresentable: 'any' }) as never;
}
