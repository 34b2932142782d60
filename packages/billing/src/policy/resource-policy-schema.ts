import { DurationSchema, MemorySizeSchema, NameSchema, ruleError } from '@hpckit/core';
import { z } from 'zod';
import { billingRules } from '../errors/billing-rules.js';

const Count = z
  .number()
  .int({ error: ruleError('whole_number') })
  .positive({ error: ruleError('at_least_one') });

/**
 * Submission rules of one partition. Memory sizes are written with a unit (`"4G"`; binary, as in
 * Slurm) and checked per node, as the scheduler allocates them.
 */
export const PartitionRulesSchema = z.strictObject({
  name: NameSchema.describe('Partition the rules apply to'),
  defaultMemoryPerCore: MemorySizeSchema.optional().describe(
    'Memory per core given to jobs that request none',
  ),
  maxMemoryPerCore: MemorySizeSchema.optional().describe('At most this much memory per requested core'),
  maxMemoryPerNode: MemorySizeSchema.optional().describe('Usable memory per node'),
  maxCoresPerNode: Count.optional().describe('Cores per node'),
  maxGpusPerNode: z
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe('GPUs per node (0: the partition has none)'),
  /**
   * Jobs must request at least one GPU.
   * @default false
   */
  gpusRequired: z.boolean().default(false).describe('Jobs must request at least one GPU'),
  maxCoresPerGpu: Count.optional().describe('At most this many cores per requested GPU, per node'),
  maxMemoryPerGpu: MemorySizeSchema.optional().describe(
    'At most this much memory per requested GPU, per node',
  ),
  maxWallTime: DurationSchema.optional().describe('Longest time limit in this partition'),
  allowedQos: z.array(NameSchema).min(1).optional().describe('QoS allowed in this partition; any if absent'),
});

/** Limits of one QoS. */
export const QosRulesSchema = z.strictObject({
  name: NameSchema,
  maxWallTime: DurationSchema.optional().describe('Longest time limit in this QoS, e.g. "48h"'),
});

/**
 * A site's submission rules as data: per-partition resource limits and defaults, and QoS limits.
 *
 * @example
 * ```ts
 * const policy: ResourcePolicyInput = {
 *   defaultPartition: 'cpu',
 *   partitions: [{ name: 'cpu', defaultMemoryPerCore: '1G', maxMemoryPerCore: '4G', maxMemoryPerNode: '251G' }],
 *   qos: [{ name: 'normal', maxWallTime: '48h' }],
 *   defaultQos: 'normal',
 * };
 * ```
 */
export const ResourcePolicySchema = z
  .strictObject({
    defaultPartition: NameSchema.optional().describe('Partition of jobs that name none'),
    defaultQos: NameSchema.optional().describe('QoS of jobs that name none'),
    partitions: z.array(PartitionRulesSchema).min(1),
    qos: z.array(QosRulesSchema).default([]),
    allowedDirectives: z
      .array(z.string().regex(/^[a-z][a-z0-9-]+$/, { error: billingRules.error('option_name') }))
      .default([])
      .describe(
        'sbatch options that change resources in ways the rules cannot check (e.g. "exclusive", "constraint") and that jobs may still use; any other such option is refused',
      ),
  })
  .superRefine((policy, ctx) => {
    const names = new Set<string>();
    policy.partitions.forEach((p, i) => {
      if (names.has(p.name))
        ctx.addIssue({
          ...billingRules.issue('repeated_partition', { value: p.name }),
          path: ['partitions', i, 'name'],
        });
      names.add(p.name);
      if (
        p.defaultMemoryPerCore !== undefined &&
        p.maxMemoryPerCore !== undefined &&
        p.defaultMemoryPerCore > p.maxMemoryPerCore
      ) {
        ctx.addIssue({
          ...billingRules.issue('default_memory_above_max'),
          path: ['partitions', i, 'defaultMemoryPerCore'],
        });
      }
      p.allowedQos?.forEach((q, j) => {
        if (!policy.qos.some((r) => r.name === q)) {
          ctx.addIssue({
            ...billingRules.issue('unlisted_qos', { value: q }),
            path: ['partitions', i, 'allowedQos', j],
          });
        }
      });
    });
    const qosNames = new Set<string>();
    policy.qos.forEach((q, i) => {
      if (qosNames.has(q.name))
        ctx.addIssue({ ...billingRules.issue('repeated_qos', { value: q.name }), path: ['qos', i, 'name'] });
      qosNames.add(q.name);
    });
    if (policy.defaultPartition !== undefined && !names.has(policy.defaultPartition)) {
      ctx.addIssue({
        ...billingRules.issue('unlisted_default', { value: policy.defaultPartition, item: 'partitions' }),
        path: ['defaultPartition'],
      });
    }
    if (policy.defaultQos !== undefined && !qosNames.has(policy.defaultQos)) {
      ctx.addIssue({
        ...billingRules.issue('unlisted_default', { value: policy.defaultQos, item: 'qos' }),
        path: ['defaultQos'],
      });
    }
  });

/** Validated rules of one partition (memory in MiB, durations in seconds). */
export type PartitionRules = z.output<typeof PartitionRulesSchema>;
/** Validated limits of one QoS. */
export type QosRules = z.output<typeof QosRulesSchema>;
/** A validated resource policy. */
export type ResourcePolicy = z.output<typeof ResourcePolicySchema>;
/** A resource policy as a site writes it. */
export type ResourcePolicyInput = z.input<typeof ResourcePolicySchema>;
