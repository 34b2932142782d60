import { DurationSchema, MemorySizeSchema, NameSchema } from '@hpckit/core';
import { z } from 'zod';

const Count = z.number().int('must be a whole number').positive('must be at least 1');

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
      .array(
        z
          .string()
          .regex(/^[a-z][a-z0-9-]+$/, 'name options as sbatch long names without dashes, e.g. "exclusive"'),
      )
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
          code: 'custom',
          path: ['partitions', i, 'name'],
          message: `repeats partition "${p.name}"`,
        });
      names.add(p.name);
      if (
        p.defaultMemoryPerCore !== undefined &&
        p.maxMemoryPerCore !== undefined &&
        p.defaultMemoryPerCore > p.maxMemoryPerCore
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['partitions', i, 'defaultMemoryPerCore'],
          message: 'exceeds maxMemoryPerCore, so every job relying on the default would be refused',
        });
      }
      p.allowedQos?.forEach((q, j) => {
        if (!policy.qos.some((r) => r.name === q)) {
          ctx.addIssue({
            code: 'custom',
            path: ['partitions', i, 'allowedQos', j],
            message: `names QoS "${q}", which "qos" does not list`,
          });
        }
      });
    });
    const qosNames = new Set<string>();
    policy.qos.forEach((q, i) => {
      if (qosNames.has(q.name))
        ctx.addIssue({ code: 'custom', path: ['qos', i, 'name'], message: `repeats QoS "${q.name}"` });
      qosNames.add(q.name);
    });
    if (policy.defaultPartition !== undefined && !names.has(policy.defaultPartition)) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultPartition'],
        message: `names "${policy.defaultPartition}", which "partitions" does not list`,
      });
    }
    if (policy.defaultQos !== undefined && !qosNames.has(policy.defaultQos)) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultQos'],
        message: `names "${policy.defaultQos}", which "qos" does not list`,
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
