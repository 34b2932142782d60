/**
 * hpckit's model of sbatch options against sbatch itself: the raw scripts of the shared table go
 * to sbatch unchanged (no generated command line to mask how sbatch reads them), and the job
 * Slurm records must be the one the table expects; the table's option list must cover every
 * option `sbatch --help` documents.
 */
import { spawnSync } from 'node:child_process';
import { JobSpecSchema, requestedShape } from '@hpckit/core';
import { SBATCH_OPTIONS } from '@hpckit/core/sbatch';
import { caseScript, REFUSED_SCRIPT_CASES, SCRIPT_CASES } from '@hpckit/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { slurmAdapter } from '../../src/index.js';
import { assertClusterUp, FIXTURES, localSudo } from './cluster.js';

assertClusterUp();

const transport = localSudo();
const adapter = slurmAdapter({ transport });
const user = FIXTURES.users.member;
const submitted: string[] = [];

afterAll(async () => {
  if (submitted.length > 0) await transport.exec({ argv: ['scancel', ...submitted] });
  await adapter.close?.();
});

/** Runs sbatch on the raw script as hpckit does (SBATCH_IGNORE_PBS), held, charged to the fixture account. */
function rawSbatch(script: string) {
  return transport.exec({
    argv: ['sbatch', '--parsable', '--hold', `--account=${FIXTURES.accounts.primary}`],
    stdin: script,
    user,
    env: { SBATCH_IGNORE_PBS: '1' },
  });
}

describe('sbatch reads scripts as hpckit models them', () => {
  it('knows every option sbatch --help documents', () => {
    const help = spawnSync('sbatch', ['--help'], { encoding: 'utf8' }).stdout;
    const documented = new Set(help.match(/--[a-z][a-z0-9-]*/g)?.map((o) => o.slice(2)));
    expect(documented.size).toBeGreaterThan(50);
    const known = new Set(SBATCH_OPTIONS.map((o) => o.name));
    expect([...documented].filter((o) => !known.has(o))).toEqual([]);
  });

  for (const c of SCRIPT_CASES.filter((c) => c.fields === undefined)) {
    it(`records what the table and the model say: ${c.title}`, async () => {
      const script = caseScript(c.script, FIXTURES.partitions);
      const result = await rawSbatch(script);
      expect(result.exitCode, result.stderr).toBe(0);
      const id = result.stdout.trim().split(';')[0]!;
      submitted.push(id);
      const job = await adapter.jobs.get(id, { user });
      expect(job.requested.cores).toBe(c.expected.cores);
      expect(job.requested.gpus).toBe(c.expected.gpus ?? 0);
      if (c.expected.memoryMiB !== undefined) expect(job.requested.memoryMiB).toBe(c.expected.memoryMiB);
      if (c.expected.timeLimitSeconds !== undefined)
        expect(job.timeLimitSeconds).toBe(c.expected.timeLimitSeconds);
      if (c.expected.name !== undefined) expect(job.name).toBe(c.expected.name);
      // The model reads the same script to the same job.
      const spec = JobSpecSchema.parse({ script, account: FIXTURES.accounts.primary });
      expect(requestedShape(spec).cores).toBe(job.requested.cores);
      expect(requestedShape(spec).gpus).toBe(job.requested.gpus);
      if (spec.timeLimit !== undefined) expect(spec.timeLimit).toBe(job.timeLimitSeconds);
    });
  }

  for (const c of REFUSED_SCRIPT_CASES.filter((c) => c.fields === undefined)) {
    it(`${c.sbatchRefuses ? 'refuses' : 'would take'}, as the table says: ${c.title}`, async () => {
      const result = await rawSbatch(caseScript(c.script, FIXTURES.partitions));
      if (result.exitCode === 0) submitted.push(result.stdout.trim().split(';')[0]!);
      expect(result.exitCode !== 0, result.stderr).toBe(c.sbatchRefuses);
    });
  }
});
