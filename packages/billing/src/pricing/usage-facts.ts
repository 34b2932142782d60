import type { Job, JobSpec } from '@hpckit/core';
import type { PricingContext } from './pricing-context.js';

/** Where the resource counts of a charge came from. */
export type ResourceSource = 'allocated' | 'requested';

/**
 * The facts an amount strategy sees: the job's resources and billed duration, where it ran, and
 * who pays. Built-in strategies read the counts; custom ones may read anything here.
 */
export interface UsageFacts {
  readonly cluster: string;
  readonly partition: string;
  /** The job's own QoS (never the partition's default list). */
  readonly qos: string | undefined;
  readonly nodes: number;
  readonly cores: number;
  readonly gpus: number;
  /** Total memory in MiB, if known. */
  readonly memoryMiB: number | undefined;
  /** Elapsed seconds for a price; the time limit for a quote. */
  readonly seconds: number;
  /** Whether the counts are what the job was given (`allocated`) or what it asked for. */
  readonly resourcesFrom: ResourceSource;
  readonly context: PricingContext;
  /** The ended job, when pricing one. */
  readonly job?: Job;
  /** The job spec, when quoting one. */
  readonly spec?: JobSpec;
}
