/**
 * Job specs as a hostile user fills a submission form or writes a script: through validation, the
 * mock's and the Slurm adapter's render, the site's resource policy and a quote.
 */
import { mockAdapter } from '@hpckit/adapter-mock';
import { slurmAdapter } from '@hpckit/adapter-slurm';
import { ikkemPreset } from '@hpckit/billing';
import { createPricingEngine, createResourcePolicy } from '@hpckit/billing';
import { createClient, createRuntimeAdapter, JobSpecSchema, parseInput } from '@hpckit/core';
import { SBATCH_OPTIONS } from '@hpckit/core/sbatch';
// The real stats recorder of the transports, not a hand-written empty record.
import { createStats } from '@hpckit/transport';
import fc from 'fast-check';
import { fuzzTarget } from '../support/fuzz-target.js';
import { hostileNumber, hostileText, hostileValue, sometimes } from '../support/hostile.js';

const optionName = fc.constantFrom(...SBATCH_OPTIONS.map((o) => o.name));
const optionSpelling = fc.oneof(
  optionName,
  optionName.chain((name) => fc.integer({ min: 1, max: name.length }).map((n) => name.slice(0, n))),
  hostileText,
);
const directiveLine = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('#SBATCH ', '#SLURM ', '#SBATCH', ' #SBATCH ', '#PBS '),
      optionSpelling,
      fc.constantFrom('=', ' ', ''),
      hostileText,
    )
    .map(([magic, name, sep, value]) => `${magic}--${name}${sep}${value}`),
  hostileText.map((t) => `#SBATCH ${t}`),
  hostileText,
);
const script = fc
  .array(directiveLine, { maxLength: 8 })
  .map((lines) => ['#!/bin/bash', ...lines, 'srun a.out'].join('\n'));
const count = sometimes(fc.integer({ min: 0, max: 200 }));
const size = sometimes(fc.oneof(fc.constantFrom('4G', '512M', '0', '1.5T'), hostileText));
const duration = sometimes(
  fc.oneof(fc.constantFrom('1h', '2-00:00:00', '30', '10:00'), hostileText, hostileNumber),
);

/** A job spec, usually well-formed in shape, often with hostile values. */
export const jobSpec = fc.record(
  {
    name: sometimes(hostileText),
    command: sometimes(hostileText),
    script: sometimes(script),
    account: sometimes(fc.constantFrom('electroplating', 'ai4ec')),
    partition: sometimes(fc.constantFrom('cpu', 'gpu', 'fat')),
    qos: sometimes(fc.constantFrom('normal', 'long')),
    nodes: count,
    coresPerNode: count,
    tasks: count,
    tasksPerNode: count,
    cpusPerTask: count,
    gpusPerNode: count,
    memory: sometimes(
      fc.oneof(
        size.map((perNode) => ({ perNode })),
        size.map((perCore) => ({ perCore })),
        size.map((perGpu) => ({ perGpu })),
      ),
    ),
    timeLimit: duration,
    workingDirectory: sometimes(hostileText),
    stdout: sometimes(hostileText),
    stderr: sometimes(hostileText),
    environment: sometimes(fc.dictionary(hostileText, hostileText, { maxKeys: 3 })),
    inheritEnvironment: sometimes(fc.boolean()),
    dependencies: sometimes(
      fc.array(fc.record({ type: fc.constantFrom('after', 'afterok', 'x'), jobIds: fc.array(hostileText) }), {
        maxLength: 2,
      }),
    ),
    array: sometimes(
      fc.oneof(
        hostileText,
        fc
          .tuple(fc.bigInt({ min: 0n, max: 10n ** 22n }), fc.bigInt({ min: 0n, max: 10n ** 22n }), fc.nat())
          .map(([a, b, step]) => `${a}-${b}:${step + 1}%${step}`),
      ),
    ),
    hold: sometimes(fc.boolean()),
    comment: sometimes(hostileText),
    directives: sometimes(
      fc.dictionary(optionSpelling, fc.oneof(hostileText, fc.constant(true), fc.constant(null)), {
        maxKeys: 3,
      }),
    ),
    extra: hostileValue,
  },
  { requiredKeys: [] },
);

const site = ikkemPreset();
const policy = createResourcePolicy(site.resourcePolicy);
const engine = createPricingEngine({ table: site.priceTable, clusters: [site.cluster] });
const mock = createClient({ clusters: { ikkem: { adapter: mockAdapter() } } }).as('alice');
const slurm = createRuntimeAdapter(
  slurmAdapter({
    transport: {
      kind: 'stub',
      canActAsUser: true,
      exec: async () => ({ stdout: 'alice:x:2001:2001::/home/alice:/bin/bash\n', stderr: '', exitCode: 0 }),
      stats: createStats().snapshot,
      close: async () => undefined,
    },
  }),
);

export const targets = [
  fuzzTarget({
    name: 'JobSpecSchema',
    arbitrary: jobSpec,
    run: (spec) => parseInput(JobSpecSchema, spec, 'job spec'),
  }),
  fuzzTarget({ name: 'mock render', arbitrary: jobSpec, run: (spec) => mock.jobs.render(spec as never) }),
  fuzzTarget({
    name: 'Slurm render',
    arbitrary: jobSpec,
    run: (spec) => slurm.jobs.render(spec as never, { user: 'alice' }),
  }),
  fuzzTarget({
    name: 'resource policy',
    arbitrary: jobSpec,
    run: (spec) => {
      policy.check(spec as never);
      policy.submitGuard(spec as never, {});
    },
  }),
  fuzzTarget({
    name: 'quote',
    arbitrary: jobSpec,
    run: (spec) => engine.quote(spec as never, { cluster: 'ikkem', accountType: 'internal' }),
  }),
];
