import { DurationSchema, MemorySizeSchema, NameSchema } from '@hpckit/core';
import { z } from 'zod';
import { mockRules } from '../errors/mock-rules.js';
import { checkClusterReferences } from './cluster-references.js';

const PositiveDuration = DurationSchema.refine((s) => s > 0, { error: mockRules.error('longer_than_zero') });

/** Hardware of every node of a mock partition. */
export const MockNodeSchema = z.strictObject({
  /** CPU cores per node. */
  cores: z.number().int().positive(),
  /** Memory jobs may use on one node, with a unit (`"251G"`). */
  memory: MemorySizeSchema,
  /** GPUs per node. @default 0 */
  gpus: z.number().int().nonnegative().default(0),
});

/** A mock partition: identical nodes, limits and defaults. */
export const MockPartitionSchema = z.strictObject({
  name: NameSchema,
  /** Jobs that name no partition go here (the first partition if none is marked). @default false */
  default: z.boolean().default(false),
  /** Number of nodes. */
  nodes: z.number().int().positive(),
  node: MockNodeSchema,
  /** Memory per core for jobs that ask for none (`"1G"`); without it a job gets whole nodes' memory, as in Slurm. */
  defaultMemoryPerCore: MemorySizeSchema.optional(),
  /** Longest time limit a job may ask for (`"7d"`); absent means unlimited. */
  maxTime: PositiveDuration.optional(),
  /** Time limit of jobs that ask for none (`"1h"`); the partition's maximum if absent. */
  defaultTime: PositiveDuration.optional(),
  /** QoS allowed in this partition; absent means any. */
  qos: z.array(NameSchema).optional(),
});

/** A mock QoS: priority and maximum wall time. */
export const MockQosSchema = z.strictObject({
  name: NameSchema,
  /** Higher runs first. @default 0 */
  priority: z.number().int().default(0),
  /** Longest time limit a job in this QoS may ask for (`"48h"`); absent means unlimited. */
  maxWall: PositiveDuration.optional(),
});

/** A member of a mock account: a user name, or `{ user, blocked, coordinator }`. */
export const MockMemberSchema = z.union([
  NameSchema.transform((user) => ({ user, blocked: false, coordinator: false })),
  z.strictObject({
    user: NameSchema,
    blocked: z.boolean().default(false),
    /** Administers the account in the scheduler (a Slurm coordinator). @default false */
    coordinator: z.boolean().default(false),
  }),
]);

/** A mock account with its members. */
export const MockAccountSchema = z.strictObject({
  name: NameSchema,
  /** Blocked accounts refuse new submissions. @default false */
  blocked: z.boolean().default(false),
  /** Users who may charge jobs to the account. @default [] */
  members: z.array(MockMemberSchema).default([]),
});

/** A mock user; members not listed here are created with a generated uid. */
export const MockUserSchema = z.strictObject({
  name: NameSchema,
  /** Numeric id, shown in `CANCELLED by <uid>`; generated from 2001 up if absent. */
  uid: z.number().int().nonnegative().optional(),
  /** Account of jobs that name none; the user's first account if absent. */
  defaultAccount: NameSchema.optional(),
});

/**
 * The simulated cluster: partitions of identical nodes, QoS, accounts with members, and users.
 *
 * @example
 * ```ts
 * const cluster: MockClusterInput = {
 *   name: 'tiny',
 *   partitions: [{ name: 'cpu', nodes: 2, node: { cores: 8, memory: '32G' }, defaultMemoryPerCore: '1G', maxTime: '1d' }],
 *   qos: [{ name: 'normal', priority: 10, maxWall: '12h' }],
 *   defaultQos: 'normal',
 *   accounts: [{ name: 'lab', members: ['alice'] }],
 * };
 * ```
 */
export const MockClusterSchema = z
  .strictObject({
    /** Cluster name, reported in every job's `cluster`. */
    name: NameSchema,
    partitions: z.array(MockPartitionSchema).min(1, { error: mockRules.error('at_least_one_partition') }),
    /** @default [] */
    qos: z.array(MockQosSchema).default([]),
    /** QoS of jobs that name none. */
    defaultQos: NameSchema.optional(),
    /** @default [] */
    accounts: z.array(MockAccountSchema).default([]),
    /** @default [] */
    users: z.array(MockUserSchema).default([]),
    /**
     * The IP address every node reports in `config.nodes()`. The loopback by default, where
     * `@hpckit/apps`' mock harness starts its simulated servers. @default '127.0.0.1'
     */
    nodeAddress: z.union([z.ipv4(), z.ipv6()], { error: mockRules.error('ip_address') }).default('127.0.0.1'),
  })
  .superRefine(checkClusterReferences);

/** A mock cluster as given. */
export type MockClusterInput = z.input<typeof MockClusterSchema>;
/** A validated mock cluster (durations in seconds, memory in MiB). */
export type MockCluster = z.output<typeof MockClusterSchema>;
/** A validated mock partition. */
export type MockPartition = MockCluster['partitions'][number];
/** A validated mock QoS. */
export type MockQos = MockCluster['qos'][number];
