/**
 * In `su` and per-user SSH modes sbatch runs in the user's login environment, which the user's own
 * files set up. A `SBATCH_TIMELIMIT` exported there would override the script and, for options the
 * command line leaves out, the validated job; hpckit removes every `SBATCH_*` input variable for
 * sbatch.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRuntimeAdapter } from '@hpckit/core';
import { localTransport } from '@hpckit/transport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slurmAdapter } from '../../src/index.js';
import { assertClusterUp, sshPerUser } from './cluster.js';

assertClusterUp();

const files = ['/home/alice/.profile', '/home/alice/.bashrc'];
const saved = new Map<string, string>();
const LINE = 'export SBATCH_TIMELIMIT=1-12:00:00 # hpckit login-environment test\n';

beforeAll(() => {
  // Prepended: Debian's .bashrc returns early for non-interactive shells (an SSH command).
  for (const file of files) {
    saved.set(file, readFileSync(file, 'utf8'));
    writeFileSync(file, LINE + saved.get(file)!);
  }
});
afterAll(() => {
  for (const [file, text] of saved) writeFileSync(file, text);
});

describe.each([
  ['local, su', () => localTransport({ actAs: { mode: 'su' } })],
  ['ssh, per-user logins', () => sshPerUser()],
])('the user login environment over %s', (_title, make) => {
  const transport = make();
  const rt = createRuntimeAdapter(slurmAdapter({ transport }));
  afterAll(() => rt.close());

  it("cannot change the job's time limit through SBATCH_* variables", async () => {
    const seen = await transport.exec({ argv: ['printenv', 'SBATCH_TIMELIMIT'], user: 'alice' });
    // The user's file is in force for the commands hpckit runs as them...
    expect(seen.stdout.trim()).toBe('1-12:00:00');
    const { job } = await rt.jobs.submit(
      { command: 'true', account: 'electroplating', hold: true, memory: { perNode: '64M' } },
      { user: 'alice' },
    );
    try {
      // ...but not for sbatch: the partition's default (1 h) applies, as the spec says nothing. Read
      // back, since a fresh submission answers from the spec, which leaves the time limit to Slurm.
      const applied = await rt.jobs.get(job.id, { user: 'alice' });
      expect(applied.timeLimitSeconds).toBe(3600);
    } finally {
      await rt.jobs.cancel(job.id, { user: 'alice' });
    }
  });
});
