import { JOB_OUTCOMES, JOB_PHASES } from '@hpckit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPriceableJob, PriceableJobSchema } from './priceable-job.js';

const countsArb = fc.record(
  { nodes: fc.nat(100), cores: fc.nat(10_000), gpus: fc.nat(64), memoryMiB: fc.nat(10_000_000) },
  { requiredKeys: ['nodes', 'cores', 'gpus'] },
);
const dateArb = fc.integer({ min: 0, max: 4_000_000_000_000 }).map((ms) => new Date(ms));
const stateArb = fc.oneof(
  fc.record({ phase: fc.constantFrom(...JOB_PHASES.filter((p) => p !== 'ended')), raw: fc.string() }),
  fc.record({
    phase: fc.constant('ended' as const),
    outcome: fc.constantFrom(...JOB_OUTCOMES),
    raw: fc.string(),
    exitCode: fc.integer(),
  }),
);
const jobArb = fc.record(
  {
    cluster: fc.string(),
    id: fc.string({ minLength: 1 }),
    name: fc.string(),
    account: fc.string(),
    partition: fc.string(),
    qos: fc.string(),
    state: stateArb,
    requested: countsArb,
    allocated: countsArb,
    submitTime: dateArb,
    startTime: dateArb,
    endTime: dateArb,
    elapsedSeconds: fc.nat(),
  },
  { requiredKeys: ['cluster', 'id', 'state', 'requested', 'submitTime', 'elapsedSeconds'] },
);

/** Values that break one schema rule or another. */
const oddArb = fc.constantFrom<unknown>(
  undefined,
  null,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2 ** 60,
  '',
  'x',
  'ended',
  true,
  [],
  {},
  new Date(Number.NaN),
  new Date(0),
);
const pathArb = fc.constantFrom(
  ['cluster'],
  ['id'],
  ['account'],
  ['partition'],
  ['qos'],
  ['state'],
  ['state', 'phase'],
  ['state', 'outcome'],
  ['state', 'raw'],
  ['state', 'exitCode'],
  ['state', 'signal'],
  ['state', 'reason'],
  ['requested'],
  ['requested', 'cores'],
  ['requested', 'memoryMiB'],
  ['allocated'],
  ['allocated', 'gpus'],
  ['submitTime'],
  ['startTime'],
  ['endTime'],
  ['elapsedSeconds'],
);

function mutate(
  job: Record<string, unknown>,
  path: readonly string[],
  value: unknown,
): Record<string, unknown> {
  const copy = structuredClone(job);
  let target: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof target[key] !== 'object' || target[key] === null) return copy;
    target = target[key] as Record<string, unknown>;
  }
  target[path[path.length - 1]!] = value;
  return copy;
}

describe('the fast job check', () => {
  it('accepts well-formed jobs, so pricing takes the fast path', () => {
    fc.assert(
      fc.property(jobArb, (job) => {
        expect(isPriceableJob(job)).toBe(true);
        expect(PriceableJobSchema.safeParse(job).success).toBe(true);
      }),
    );
  });

  it('never accepts what the zod schema refuses', () => {
    fc.assert(
      fc.property(
        jobArb,
        fc.array(fc.tuple(pathArb, oddArb), { minLength: 1, maxLength: 3 }),
        (job, edits) => {
          const mutated = edits.reduce(
            (j, [path, value]) => mutate(j, path, value),
            job as Record<string, unknown>,
          );
          if (isPriceableJob(mutated)) expect(PriceableJobSchema.safeParse(mutated).success).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
