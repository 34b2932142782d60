import { expect } from 'vitest';
import type { CapabilityKey } from '../../adapter/capabilities.js';
import type { JobSpecInput } from '../../model/job-spec.js';
import type { ConformanceContext } from '../context.js';
import { type ConformanceTest, defineSuite } from '../define-suite.js';

/** A script and what the scheduler must report for it, whatever the adapter. */
export interface ScriptCase {
  title: string;
  /** The script; `{cpu}` and `{gpu}` stand for the fixture partitions. */
  script: string;
  /** Structured fields submitted with it. */
  fields?: Partial<JobSpecInput>;
  /** Capabilities the script needs, e.g. `jobs.hold` for one whose directives hold the job (`-H`). */
  needs?: CapabilityKey[];
  expected: {
    cores: number;
    gpus?: number;
    memoryMiB?: number;
    timeLimitSeconds?: number;
    partition?: 'cpu' | 'gpu';
    name?: string;
  };
}

// Every figure is written out rather than derived from hpckit's own model, so the model, the mock
// and the real scheduler are each held to what sbatch does.
/**
 * Scripts written every way sbatch reads them, with the resources a scheduler must report: the
 * conformance suite submits them through each adapter, and the Slurm adapter's integration tests
 * also give the raw scripts to sbatch (cases without `fields`), so the model, the mock and real
 * Slurm are held to one table.
 */
export const SCRIPT_CASES: readonly ScriptCase[] = [
  {
    title: 'long and short forms, "=" and space forms',
    script:
      '#!/bin/bash\n#SBATCH --partition {cpu}\n#SBATCH -c 2\n#SBATCH --time 90\n#SBATCH --mem-per-cpu=512M\nhostname\n',
    expected: { cores: 2, memoryMiB: 1024, timeLimitSeconds: 5400, partition: 'cpu' },
  },
  {
    title: 'unambiguous prefixes of long options',
    script: '#!/bin/bash\n#SBATCH --cpus-per-t=3 --mem-per-c=256M --partit={cpu} -t10\nhostname\n',
    expected: { cores: 3, memoryMiB: 768, timeLimitSeconds: 600, partition: 'cpu' },
  },
  {
    title: 'clustered flags, and a value on the next line',
    script: '#!/bin/bash\n#SBATCH -Hc2\n#SBATCH --time\n#SBATCH 20\nhostname\n',
    needs: ['jobs.hold'],
    expected: { cores: 2, timeLimitSeconds: 1200 },
  },
  {
    title: 'quotes and comments in a directive line',
    script: '#!/bin/bash\n#SBATCH --job-name="two words" -c 2 # -c 8\nhostname\n',
    expected: { cores: 2, name: 'two words' },
  },
  {
    title: 'only lines before the first command count',
    script: '#!/bin/bash\n#SBATCH -c 2\nhostname\n#SBATCH -c 8\n',
    expected: { cores: 2 },
  },
  {
    title: 'indented directives are comments; a line starting with a non-ASCII space is a command',
    script: '#!/bin/bash\n  #SBATCH -c 8\n#SBATCH -c 2\n\u00a0true\n#SBATCH -c 6\nhostname\n',
    expected: { cores: 2 },
  },
  {
    title: 'the old #SLURM magic word',
    script: '#!/bin/bash\n#SLURM --cpus-per-task=3\nhostname\n',
    expected: { cores: 3 },
  },
  {
    title: '#PBS lines are not translated',
    script: '#!/bin/bash\n#PBS -l nodes=1:ppn=8\n#PBS -l walltime=5:00:00\n#SBATCH -c 1 -t 10\nhostname\n',
    expected: { cores: 1, timeLimitSeconds: 600 },
  },
  {
    title: 'a field and a line that agree',
    script: '#!/bin/bash\n#SBATCH --time=60 -c 2\nhostname\n',
    fields: { timeLimit: '1h', cpusPerTask: 2 },
    expected: { cores: 2, timeLimitSeconds: 3600 },
  },
  {
    title: 'GPUs as generic resources',
    script: '#!/bin/bash\n#SBATCH -p {gpu} --gres=gpu:2 -c 4 --mem=1G\nhostname\n',
    expected: { cores: 4, gpus: 2, memoryMiB: 1024, partition: 'gpu' },
  },
];

/** A script every adapter refuses before the scheduler sees it. */
export interface RefusedScriptCase {
  title: string;
  script: string;
  fields?: Partial<JobSpecInput>;
  /** What the refusal says, naming the line at fault. */
  message: RegExp;
  /** Whether sbatch itself refuses the raw script (otherwise hpckit refuses what sbatch would take). */
  sbatchRefuses: boolean;
}

/** Scripts refused before any scheduler sees them, and whether sbatch would refuse them too. */
export const REFUSED_SCRIPT_CASES: readonly RefusedScriptCase[] = [
  {
    title: 'a reserved option in any abbreviation',
    script: '#!/bin/bash\n#SBATCH --commen=mine\nhostname\n',
    message: /line 2 .*--comment is reserved/,
    sbatchRefuses: false,
  },
  {
    title: 'an ambiguous prefix',
    script: '#!/bin/bash\n#SBATCH --tim=10\nhostname\n',
    message: /line 2 .*ambiguous/,
    sbatchRefuses: true,
  },
  {
    title: 'a line that contradicts a field',
    script: '#!/bin/bash\n#SBATCH --time=30-00:00:00\nhostname\n',
    fields: { timeLimit: '1h' },
    message: /line 2 .*--time=30-00:00:00.*"timeLimit"/,
    sbatchRefuses: false,
  },
  {
    title: 'a heterogeneous job',
    script: '#!/bin/bash\n#SBATCH -c 1\n#SBATCH hetjob\n#SBATCH -c 64\nhostname\n',
    message: /line 3 .*heterogeneous/,
    sbatchRefuses: false,
  },
  {
    title: 'an unmatched quote',
    script: '#!/bin/bash\n#SBATCH --job-name="open\nhostname\n',
    message: /line 2 .*unmatched/,
    sbatchRefuses: true,
  },
];

/** A case's script with the fixture partitions filled in. */
export function caseScript(script: string, partitions: { cpu: string; gpu?: string }): string {
  return script.replaceAll('{cpu}', partitions.cpu).replaceAll('{gpu}', partitions.gpu ?? 'gpu');
}

function scriptSpec(ctx: ConformanceContext, c: { script: string; fields?: Partial<JobSpecInput> }) {
  const script = caseScript(c.script, ctx.fixtures.partitions);
  // The suite's default spec sets cores, memory, time and partition: the script decides them here.
  return ctx.spec({
    command: undefined,
    script,
    partition: undefined,
    coresPerNode: undefined,
    memory: undefined,
    timeLimit: undefined,
    name: undefined,
    // Held where the scheduler can hold, so the job waits, using nothing, until the test cancels it.
    hold: ctx.runtime().capabilities['jobs.hold'],
    ...c.fields,
  });
}

const effective: ConformanceTest[] = SCRIPT_CASES.map((c) => ({
  title: `jobs-effective: ${c.title}`,
  needs: c.needs,
  async run(ctx) {
    if (c.expected.partition === 'gpu' && ctx.fixtures.partitions.gpu === undefined) {
      throw new Error(
        'this case needs fixtures.partitions.gpu; skip it with a reason if the scheduler has no GPUs',
      );
    }
    const job = await ctx.submit(scriptSpec(ctx, c));
    const { expected } = c;
    expect(job.requested.cores).toBe(expected.cores);
    expect(job.requested.gpus).toBe(expected.gpus ?? 0);
    if (expected.memoryMiB !== undefined) expect(job.requested.memoryMiB).toBe(expected.memoryMiB);
    if (expected.timeLimitSeconds !== undefined) expect(job.timeLimitSeconds).toBe(expected.timeLimitSeconds);
    if (expected.partition !== undefined)
      expect(job.partition).toBe(ctx.fixtures.partitions[expected.partition]);
    if (expected.name !== undefined) expect(job.name).toBe(expected.name);
  },
}));

const refused: ConformanceTest[] = REFUSED_SCRIPT_CASES.map((c) => ({
  title: `jobs-effective: refuses ${c.title}, naming the line`,
  async run(ctx) {
    const err = await ctx.rejects(
      ctx.runtime().jobs.submit(scriptSpec(ctx, c), { user: ctx.actor() }),
      'VALIDATION',
    );
    const issue = err.details.issues.find((i) => i.path.join('.') === 'script');
    expect(issue?.message).toMatch(c.message);
  },
}));

/**
 * The job as the scheduler runs it, from scripts written every way sbatch reads them: the same
 * table on every adapter, so a mock harness and a real cluster report the same resources.
 */
export const jobsEffective = defineSuite('jobs-effective', [...effective, ...refused]);
