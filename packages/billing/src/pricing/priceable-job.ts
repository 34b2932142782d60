import { JOB_OUTCOMES, JOB_PHASES, JobSchema, parseInput, validationSubject } from '@hpckit/core';
import type { z } from 'zod';

/** The fields of a core `Job` that pricing reads: the schema every priced job must satisfy. */
export const PriceableJobSchema = JobSchema.pick({
  cluster: true,
  id: true,
  account: true,
  partition: true,
  qos: true,
  state: true,
  requested: true,
  allocated: true,
  submitTime: true,
  startTime: true,
  endTime: true,
  elapsedSeconds: true,
});

/** The fields of a job that pricing reads. */
export type PriceableJob = z.output<typeof PriceableJobSchema>;

const PHASES: ReadonlySet<unknown> = new Set(JOB_PHASES);
const OUTCOMES: ReadonlySet<unknown> = new Set(JOB_OUTCOMES);

/**
 * Validates a job for pricing against {@link PriceableJobSchema}.
 *
 * Pricing a million jobs cannot afford zod's allocating parse for each, so a hand-written check
 * runs first. It accepts only values the schema accepts (a property test holds it to that), and
 * returns the job itself; anything it does not accept goes through zod, which either accepts it
 * too or throws the `ValidationError` listing every issue. The schema stays the one definition of
 * what is valid.
 */
export function parsePriceableJob(input: unknown): PriceableJob {
  return isPriceableJob(input) ? input : parseInput(PriceableJobSchema, input, validationSubject('job'));
}

/** Whether `value` certainly satisfies {@link PriceableJobSchema} (false means "ask zod"). */
export function isPriceableJob(value: unknown): value is PriceableJob {
  if (!isRecord(value)) return false;
  const j = value as Record<string, unknown>;
  return (
    typeof j.cluster === 'string' &&
    typeof j.id === 'string' &&
    j.id.length > 0 &&
    optionalString(j.account) &&
    optionalString(j.partition) &&
    optionalString(j.qos) &&
    isState(j.state) &&
    isCounts(j.requested) &&
    (j.allocated === undefined || isCounts(j.allocated)) &&
    isDate(j.submitTime) &&
    (j.startTime === undefined || isDate(j.startTime)) &&
    (j.endTime === undefined || isDate(j.endTime)) &&
    isCount(j.elapsedSeconds)
  );
}

function optionalString(v: unknown): boolean {
  return v === undefined || typeof v === 'string';
}

function isCount(v: unknown): boolean {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function isInt(v: unknown): boolean {
  return typeof v === 'number' && Number.isSafeInteger(v);
}

function isDate(v: unknown): boolean {
  return v instanceof Date && !Number.isNaN(v.getTime());
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCounts(v: unknown): boolean {
  if (!isRecord(v)) return false;
  const c = v as Record<string, unknown>;
  return (
    isCount(c.nodes) &&
    isCount(c.cores) &&
    isCount(c.gpus) &&
    (c.memoryMiB === undefined || isCount(c.memoryMiB))
  );
}

function isState(v: unknown): boolean {
  if (!isRecord(v)) return false;
  const s = v as Record<string, unknown>;
  return (
    PHASES.has(s.phase) &&
    (s.outcome === undefined || OUTCOMES.has(s.outcome)) &&
    (s.phase === 'ended') === (s.outcome !== undefined) &&
    typeof s.raw === 'string' &&
    optionalString(s.reason) &&
    (s.exitCode === undefined || isInt(s.exitCode)) &&
    (s.signal === undefined || isInt(s.signal))
  );
}
