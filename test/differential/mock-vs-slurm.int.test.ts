/**
 * The mock proven against Slurm: the same cases (hand-picked edge cases, then generated ones with a
 * fixed seed) go to the mock and to the real test cluster at the same moment, and what each reports
 * must agree: accepted or refused (same code and reason), effective resources, the phases seen and
 * how every job ended. The mock mirrors the live cluster (read through the Slurm adapter) and its
 * clock follows real time. Differences the mock cannot remove are documented in
 * packages/adapter-mock/README.md and forgiven, exactly, in support/compare.ts.
 *
 * `HPCKIT_DIFF_CASES` (default 200) and `HPCKIT_DIFF_SEED` change the run.
 */
import { appendFileSync } from 'node:fs';
import { mockAdapter } from '@hpckit/adapter-mock';
import { slurmAdapter } from '@hpckit/adapter-slurm';
import { createClient } from '@hpckit/core';
import { localTransport } from '@hpckit/transport';
import { afterAll, expect, it } from 'vitest';
import { assertClusterUp } from '../support/test-cluster.js';
import { DIFF_SEED, type DiffCase, diffCases } from './support/cases.js';
import { compareObservations, type Difference } from './support/compare.js';
import { mirrorOptions } from './support/mirror-cluster.js';
import { latencyMeters, observeBatch } from './support/observe.js';
import { packBatches } from './support/batches.js';

assertClusterUp();

const COUNT = Number(process.env.HPCKIT_DIFF_CASES ?? 200);
const SEED = Number(process.env.HPCKIT_DIFF_SEED ?? DIFF_SEED);
const transport = localTransport({ actAs: { mode: 'sudo' } });
const slurm = slurmAdapter({ transport });

afterAll(async () => {
  await transport.close();
});

it(`the mock reports what Slurm reports for ${COUNT} cases (seed ${SEED})`, async () => {
  const { cluster, minJobAge } = await mirrorOptions(slurm, transport);
  // The mock's clock follows real time, so both schedulers are looked at in the same instant.
  const mock = mockAdapter({ cluster, minJobAge, clock: { mode: 'scaled', scale: 1, start: new Date() } });
  const client = createClient({ clusters: { slurm: { adapter: slurm }, mock: { adapter: mock } } });
  const cases = diffCases(COUNT, SEED);
  const run = Date.now().toString(36);
  const rows: { c: DiffCase; diffs: Difference[] }[] = [];
  // Each side's scheduler latency, measured from the first batch on: later batches wait for it.
  const meters = latencyMeters();
  try {
    for (const batch of packBatches(cases, cluster)) {
      const names = batch.map((c) => `df${run}${cases.indexOf(c)}`);
      const began = Date.now();
      const seen = await observeBatch(client, batch, names, meters);
      if (process.env.HPCKIT_DIFF_LOG) {
        appendFileSync(
          process.env.HPCKIT_DIFF_LOG,
          `batch of ${batch.length}: ${Date.now() - began} ms, latency slurm ${meters.slurm.current()} ms mock ${meters.mock.current()} ms\n`,
        );
      }
      for (const [i, c] of batch.entries()) {
        rows.push({ c, diffs: compareObservations(seen.mock[i]!, seen.slurm[i]!) });
      }
    }
  } finally {
    await client.close();
  }
  process.stdout.write(summary(rows));
  process.stdout.write(
    `scheduler latency allowed per step (measured): slurm ${meters.slurm.current()} ms (${meters.slurm.samples()} samples), mock ${meters.mock.current()} ms\n`,
  );
  const differing = rows.filter((r) => r.diffs.length > 0);
  expect(
    differing.map(
      (r) =>
        `${r.c.title} ${JSON.stringify(r.c.spec)}: ${r.diffs.map((d) => `${d.aspect}: mock ${d.mock} | slurm ${d.slurm}`).join('; ')}`,
    ),
  ).toEqual([]);
  // A backstop only: each batch ends when its jobs have had the time they need (time-bounds.ts).
}, 1_200_000);

function summary(rows: { c: DiffCase; diffs: Difference[] }[]): string {
  const aspects = ['acceptance', 'effective', 'phases', 'outcome'] as const;
  const lines = [
    `\nmock vs Slurm, ${rows.length} cases (seed ${SEED})`,
    `| aspect | agree | differ |`,
    '|---|---|---|',
  ];
  for (const a of aspects) {
    const differ = rows.filter((r) => r.diffs.some((d) => d.aspect === a)).length;
    lines.push(`| ${a} | ${rows.length - differ} | ${differ} |`);
  }
  const refused = rows.filter((r) => r.diffs.length === 0).length;
  lines.push(`cases in full agreement: ${refused}/${rows.length}`);
  for (const r of rows.filter((x) => x.diffs.length > 0)) {
    lines.push(
      `  ${r.c.title}: ${JSON.stringify(r.c.spec)}${r.c.parent ? ` parent ${JSON.stringify(r.c.parent)}` : ''}`,
    );
    for (const d of r.diffs) lines.push(`    ${d.aspect}\n      mock:  ${d.mock}\n      slurm: ${d.slurm}`);
  }
  return `${lines.join('\n')}\n`;
}
