import type { ClusterConfig, JobSpec, JobSpecInput, Money, Partition } from '@hpckit/core';
import { JobSpecSchema, parseInput, requestedShape, validationSubject } from '@hpckit/core';
import { unmodelledResources } from '@hpckit/core/sbatch';
import { BillingDecimal } from '../money/decimal.js';
import { buildBreakdown, type ChargeBreakdown } from './charge-breakdown.js';
import { computeCharge } from './compute-charge.js';
import { priceNotFound } from './coverage-error.js';
import { type EngineState, invalid, parseQuoteContext } from './engine-state.js';
import type { QuoteContextInput } from './pricing-context.js';
import type { UsageFacts } from './usage-facts.js';

/** Where the time limit of a quote came from. */
export type TimeLimitSource = 'spec' | 'partition-default' | 'partition-maximum' | 'qos-maximum';

/**
 * The most a job spec can cost: its time limit × the rate for what it requests, for every task of
 * an array. A portal shows it before submission and can refuse what a balance cannot cover.
 */
export interface Quote {
  /** Upper bound of the whole submission (all array tasks). */
  maximum: Money;
  /** Upper bound of one task (equal to `maximum` for a single job). */
  perTask: Money;
  /** Number of jobs the spec creates (array tasks, or 1). */
  tasks: number;
  /** Partition priced (the spec's, or the cluster's default). */
  partition: string;
  /** QoS priced (the spec's, or the cluster's default), if any. */
  qos?: string;
  /** Run time priced, in seconds. */
  timeLimitSeconds: number;
  timeLimitFrom: TimeLimitSource;
  /** How one task's maximum was computed. */
  breakdown: ChargeBreakdown;
}

/**
 * Quotes a job spec: prices its requested resources for its whole time limit, as `price()` would
 * price a job that ran that long. The spec is the effective job: what its script's `#SBATCH`
 * lines and directives ask for is in its fields.
 *
 * @throws `ValidationError` when the spec is invalid or its partition or time limit cannot be known.
 * @throws `NotFoundError` (kind `price item`) when no item covers the spec.
 */
export function quoteSpec(state: EngineState, input: JobSpecInput, contextInput: QuoteContextInput): Quote {
  const spec = parseInput(JobSpecSchema, input, validationSubject('job_spec'));
  // A quote prices the fields; an option that adds resources beyond them would be understated.
  const unpriced = unmodelledResources(spec).find((u) => !state.allowedDirectives.has(u.option));
  if (unpriced) {
    throw invalid(validationSubject('job_spec'), ['directives', unpriced.option], 'directive_not_quotable', {
      value: unpriced.option,
      text: unpriced.reason,
    });
  }
  const context = parseQuoteContext(state, contextInput);
  const cluster = state.clusters.get(context.cluster);
  const partitionName = spec.partition ?? cluster?.partitions.find((p) => p.isDefault)?.name;
  if (partitionName === undefined) {
    const rule = cluster ? 'partition_missing_no_default' : 'partition_missing_no_cluster';
    throw invalid(validationSubject('job_spec'), ['partition'], rule, { value: context.cluster });
  }
  const partition = cluster?.partitions.find((p) => p.name === partitionName);
  const qos = spec.qos ?? cluster?.defaultQos;
  const { seconds, from } = timeLimitOf(spec, partition, qos, cluster);
  const shape = requestedShape(spec);
  const memoryMiB =
    shape.memoryMiB ??
    (partition?.defaultMemoryPerCoreMiB !== undefined
      ? partition.defaultMemoryPerCoreMiB * shape.cores
      : undefined);

  const pricedAt = context.at ?? state.now();
  const query = {
    cluster: context.cluster,
    partition: partitionName,
    qos,
    accountType: context.accountType,
    tenant: context.tenant,
    account: context.account ?? spec.account,
    atMs: pricedAt.getTime(),
  };
  const indexed = state.index.lookup(query);
  if (!indexed) throw priceNotFound(state.index, query);

  const facts: UsageFacts = {
    cluster: context.cluster,
    partition: partitionName,
    qos,
    nodes: shape.nodes,
    cores: shape.cores,
    gpus: shape.gpus,
    memoryMiB,
    seconds,
    resourcesFrom: 'requested',
    context,
    spec,
  };
  const computation = computeCharge(
    indexed.rate,
    indexed.strategy.quantity(facts),
    seconds,
    state.rules,
    state.minimum,
  );
  const resources = { nodes: shape.nodes, cores: shape.cores, gpus: shape.gpus, from: 'requested' as const };
  const breakdown = buildBreakdown(indexed, computation, state.rules, {
    currency: state.currency,
    pricedAt,
    seconds,
    resources: memoryMiB === undefined ? resources : { ...resources, memoryMiB },
    minimum: state.minimumString,
  });
  const tasks = spec.array?.indices.length ?? 1;
  const total = new BillingDecimal(breakdown.charge.amount).times(tasks);
  const quote: Quote = {
    maximum: { amount: total.toFixed(state.rules.precision), currency: state.currency },
    perTask: breakdown.charge,
    tasks,
    partition: partitionName,
    timeLimitSeconds: seconds,
    timeLimitFrom: from,
    breakdown,
  };
  if (qos !== undefined) quote.qos = qos;
  return quote;
}

function timeLimitOf(
  spec: JobSpec,
  partition: Partition | undefined,
  qos: string | undefined,
  cluster: ClusterConfig | undefined,
): { seconds: number; from: TimeLimitSource } {
  // Slurm reads a zero time limit as "no limit", so it cannot bound a quote.
  if (spec.timeLimit) return { seconds: spec.timeLimit, from: 'spec' };
  if (partition?.defaultTimeSeconds)
    return { seconds: partition.defaultTimeSeconds, from: 'partition-default' };
  if (partition?.maxTimeSeconds) return { seconds: partition.maxTimeSeconds, from: 'partition-maximum' };
  const qosMax = cluster?.qos.find((q) => q.name === qos)?.maxWallSeconds;
  if (qosMax) return { seconds: qosMax, from: 'qos-maximum' };
  throw invalid(validationSubject('job_spec'), ['timeLimit'], 'time_limit_unbounded');
}
