/**
 * Issue 10, items 3 and 4 on the real cluster: the output file a job named is found after the job
 * has left squeue (Slurm 22.05's sacct has no output paths), and `createWorkingDirectory` makes the
 * directory as the user, quoted, refusing what the user could not create.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { createRuntimeAdapter, isHpckitError } from '@hpckit/core';
import { expandFilenamePattern } from '@hpckit/core/sbatch';
import { afterAll, describe, expect, it } from 'vitest';
import { slurmAdapter } from '../../src/index.js';
import { assertClusterUp, localSudo, sleep } from './cluster.js';

assertClusterUp();

const alice = { user: 'alice' };
const aliceUid = Number(execFileSync('id', ['-u', 'alice'], { encoding: 'utf8' }).trim());
const rt = createRuntimeAdapter(slurmAdapter({ transport: localSudo() }), { retry: { retries: 0 } });
// A name any shell would split or expand, to show it reaches mkdir and sbatch as one word.
const top = `/home/alice/hpckit-output ${Date.now()} $(id)`;
afterAll(async () => {
  rmSync(top, { recursive: true, force: true });
  await rt.close();
});

/** Whether slurmctld still holds the job (squeue shows ended jobs until MinJobAge passes). */
function inQueue(id: string): boolean {
  const r = spawnSync('squeue', ['-h', '-t', 'all', '-j', id, '-o', '%i'], { encoding: 'utf8' });
  // A single id slurmctld no longer holds: exit 1, "Invalid job id specified".
  if (r.status !== 0 && /Invalid job id/.test(r.stderr)) return false;
  if (r.status !== 0) throw new Error(`squeue failed: ${r.stderr}`);
  return r.stdout.trim() !== '';
}

async function waitUntil(check: () => Promise<boolean> | boolean, seconds: number, what: string) {
  for (let i = 0; i < seconds; i++) {
    if (await check()) return;
    await sleep(1000);
  }
  throw new Error(`${what} within ${seconds} s`);
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (err) {
    if (isHpckitError(err)) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('output files and working directories on Slurm 22.05', () => {
  it('creates the working directory as alice, and finds the named output after the job left squeue', async () => {
    const dir = `${top}/run 1`;
    const { job } = await rt.jobs.submit(
      {
        name: 'relax',
        command: 'echo "energy=-42.5"; echo warn >&2',
        account: 'electroplating',
        timeLimit: '5m',
        memory: { perNode: '256M' },
        workingDirectory: dir,
        createWorkingDirectory: true,
        stdout: 'out-%x-%j.log',
        stderr: 'err-%j.log',
      },
      alice,
    );
    expect(statSync(dir).uid).toBe(aliceUid);
    await waitUntil(async () => (await rt.jobs.get(job.id, alice)).state.phase === 'ended', 60, 'job ended');
    await waitUntil(() => !inQueue(job.id), 90, 'job left squeue');
    const ended = await rt.jobs.get(job.id, alice);
    expect(ended.state.outcome).toBe('completed');
    // What `jobFiles` of @hpckit/remote does: the reported patterns expanded for the job.
    const expand = (path: string | undefined) =>
      expandFilenamePattern(path!, { jobId: ended.id, name: ended.name, user: ended.user });
    const where = { stdout: expand(ended.stdoutPath), stderr: expand(ended.stderrPath) };
    expect(ended.workingDirectory).toBe(dir);
    expect(where).toEqual({ stdout: `${dir}/out-relax-${job.id}.log`, stderr: `${dir}/err-${job.id}.log` });
    expect(readFileSync(where.stdout, 'utf8')).toBe('energy=-42.5\n');
    expect(readFileSync(where.stderr, 'utf8')).toBe('warn\n');
    expect(statSync(where.stdout).uid).toBe(aliceUid);
    // The user's comment is untouched by what hpckit recorded.
    expect(ended.comment).toBeUndefined();
  }, 180_000);

  it("refuses a directory alice may not create with mkdir's own words, and submits nothing", async () => {
    const err = await refusal(
      rt.jobs.submit(
        {
          command: 'true',
          account: 'ai4ec',
          timeLimit: '5m',
          workingDirectory: `/home/bob/hpckit-not-alice-${Date.now()}`,
          createWorkingDirectory: true,
        },
        alice,
      ),
    );
    expect(err.code).toBe('PERMISSION_DENIED');
    expect(JSON.stringify(err.details)).toContain('Permission denied');
  });

  it("refuses a relative directory that leaves alice's home before running anything", async () => {
    const err = await refusal(
      rt.jobs.submit({ command: 'true', workingDirectory: '../bob', createWorkingDirectory: true }, alice),
    );
    expect(err.code).toBe('VALIDATION');
  });
});
