import { type Job, validationSubject } from '@hpckit/core';
import { buildBreakdown, type ChargedResources, type PricedJob } from './charge-breakdown.js';
import { computeCharge } from './compute-charge.js';
import { priceNotFound } from './coverage-error.js';
import { type EngineState, invalid, parsePricingContext } from './engine-state.js';
import type { IndexedItem } from './price-index.js';
import { type PriceableJob, parsePriceableJob } from './priceable-job.js';
import type { PricingContext, PricingContextInput } from './pricing-context.js';
import type { UsageFacts } from './usage-facts.js';

/** An ended job validated for pricing, who pays, when it is priced, and the item in force. */
export interface LocatedJob {
  job: PriceableJob;
  /** The job's partition (checked present). */
  partition: string;
  context: PricingContext;
  pricedAt: Date;
  indexed: IndexedItem;
}

/**
 * Validates an ended job and its pricing context and finds the price item in force for it.
 *
 * @throws `ValidationError` when the job has not ended or lacks what pricing needs.
 * @throws `NotFoundError` (kind `price item`) when no item covers the job.
 */
export function locateJob(state: EngineState, input: Job, contextInput: PricingContextInput): LocatedJob {
  const job = parsePriceableJob(input);
  const context = parsePricingContext(state, contextInput);
  if (job.state.phase !== 'ended') {
    throw invalid(validationSubject('job'), ['state', 'phase'], 'job_not_ended', { value: job.state.phase });
  }
  const partition = job.partition;
  if (partition === undefined) {
    throw invalid(validationSubject('job'), ['partition'], 'job_partition_missing');
  }
  const pricedAt = state.rules.priceAt === 'start' ? (job.startTime ?? job.endTime) : job.endTime;
  if (pricedAt === undefined) {
    throw invalid(validationSubject('job'), ['endTime'], 'job_end_missing');
  }
  const query = {
    cluster: job.cluster,
    partition,
    qos: job.qos,
    accountType: context.accountType,
    tenant: context.tenant,
    account: context.account ?? job.account,
    atMs: pricedAt.getTime(),
  };
  const indexed = state.index.lookup(query);
  if (!indexed) throw priceNotFound(state.index, query);
  return { job, partition, context, pricedAt, indexed };
}

/**
 * Prices one ended job: finds the price item in force, applies the item's amount strategy to the
 * job's allocated resources (its requested ones if the scheduler reported no allocation) and
 * the charging rules to its elapsed time.
 *
 * @throws `ValidationError` when the job has not ended or lacks what pricing needs.
 * @throws `NotFoundError` (kind `price item`) when no item covers the job.
 */
export function priceJob(state: EngineState, input: Job, contextInput: PricingContextInput): PricedJob {
  const { job, partition, context, pricedAt, indexed } = locateJob(state, input, contextInput);
  const counts = job.allocated ?? job.requested;
  const resources: ChargedResources = {
    nodes: counts.nodes,
    cores: counts.cores,
    gpus: counts.gpus,
    from: job.allocated ? 'allocated' : 'requested',
  };
  const memoryMiB = counts.memoryMiB ?? job.requested.memoryMiB;
  if (memoryMiB !== undefined) resources.memoryMiB = memoryMiB;
  const facts: UsageFacts = {
    cluster: job.cluster,
    partition,
    qos: job.qos,
    nodes: counts.nodes,
    cores: counts.cores,
    gpus: counts.gpus,
    memoryMiB,
    seconds: job.elapsedSeconds,
    resourcesFrom: resources.from,
    context,
    job: input,
  };
  const computation = computeCharge(
    indexed.rate,
    indexed.strategy.quantity(facts),
    job.elapsedSeconds,
    state.rules,
    state.minimum,
  );
  const breakdown = buildBreakdown(indexed, computation, state.rules, {
    currency: state.currency,
    pricedAt,
    seconds: job.elapsedSeconds,
    resources,
    minimum: state.minimumString,
  });
  return {
    job: { cluster: job.cluster, jobId: job.id, submitTime: job.submitTime },
    charge: breakdown.charge,
    breakdown,
  };
}
