import { z } from 'zod';

/** The hardware of one node type in a partition. */
export const NodeShapeSchema = z.object({
  cores: z.number().int().positive(),
  /** Memory a job may use on one node, in MiB. */
  memoryMiB: z.number().int().positive(),
  gpus: z.number().int().nonnegative(),
});

/** A partition (queue) of a cluster. */
export const PartitionSchema = z.object({
  name: z.string().min(1),
  /** Whether jobs that name no partition go here. */
  isDefault: z.boolean(),
  /** Number of nodes in the partition. */
  nodes: z.number().int().nonnegative(),
  /** Per-node hardware (the smallest node, if the partition mixes node types). */
  node: NodeShapeSchema,
  /** Longest time limit a job may ask for, in seconds; absent means unlimited. */
  maxTimeSeconds: z.number().int().positive().optional(),
  /** Time limit given to jobs that ask for none, in seconds. */
  defaultTimeSeconds: z.number().int().positive().optional(),
  /** Memory per core given to jobs that ask for none, in MiB. */
  defaultMemoryPerCoreMiB: z.number().int().positive().optional(),
  /** QoS names allowed in this partition; absent means any. */
  qos: z.array(z.string()).optional(),
  /** Whether the partition accepts and runs jobs. */
  up: z.boolean(),
});

/** A quality of service: priority and limits. */
export const QosSchema = z.object({
  name: z.string().min(1),
  priority: z.number().int(),
  /** Longest time limit a job in this QoS may ask for, in seconds; absent means unlimited. */
  maxWallSeconds: z.number().int().positive().optional(),
});

/** What a cluster offers: its partitions and QoS. */
export const ClusterConfigSchema = z.object({
  /** The cluster's name as the scheduler knows it. */
  name: z.string().min(1),
  partitions: z.array(PartitionSchema),
  qos: z.array(QosSchema),
  /** QoS given to jobs that name none, when the scheduler has a cluster-wide default. */
  defaultQos: z.string().optional(),
});

/** Per-node hardware. */
export type NodeShape = z.output<typeof NodeShapeSchema>;
/** A partition (queue) of a cluster. */
export type Partition = z.output<typeof PartitionSchema>;
/** A quality of service. */
export type Qos = z.output<typeof QosSchema>;
/** What a cluster offers. */
export type ClusterConfig = z.output<typeof ClusterConfigSchema>;

/** A partition a (user, account) pair may use, with the QoS allowed there. */
export const AvailablePartitionSchema = z.object({
  partition: z.string(),
  qos: z.array(z.string()),
  defaultQos: z.string().optional(),
});

/** What a (user, account) pair may use, or why it may use nothing. */
export const AvailabilitySchema = z.object({
  user: z.string(),
  account: z.string(),
  /** Partitions and QoS the pair may submit to; empty when refused. */
  partitions: z.array(AvailablePartitionSchema),
  /** Partition and QoS combinations the pair may not use, each with the scheduler's reason. */
  refused: z
    .array(z.object({ partition: z.string(), qos: z.string().optional(), reason: z.string() }))
    .optional(),
  /** Why the pair may not submit at all (unknown account, not a member, blocked), if so. */
  refusal: z
    .object({ reason: z.enum(['invalid_account', 'account_blocked', 'user_blocked']), message: z.string() })
    .optional(),
});

/** A partition a (user, account) pair may use. */
export type AvailablePartition = z.output<typeof AvailablePartitionSchema>;
/** What a (user, account) pair may use. */
export type Availability = z.output<typeof AvailabilitySchema>;
