/**
 * Hostile strings in every user-supplied field never execute anything, neither where sbatch is
 * invoked (the SSH login shell, sudo, su) nor inside the job (the generated script): each payload
 * would create a canary file, and the file must never appear.
 */
import { existsSync, rmSync } from 'node:fs';
import { createRuntimeAdapter, type RuntimeAdapter } from '@hpckit/core';
import { localTransport } from '@hpckit/transport';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { slurmAdapter } from '../../src/index.js';
import { assertClusterUp, sleep, sshServiceAccount } from './cluster.js';

assertClusterUp();

const CANARY = `/tmp/hpckit-canary-${process.pid}`;
const payloads = [
  `$(touch ${CANARY})`,
  `\`touch ${CANARY}\``,
  `'; touch ${CANARY}; '`,
  `"; touch ${CANARY}; "`,
  `\ntouch ${CANARY}\n`,
  `' $(touch ${CANARY}) '`,
  `&& touch ${CANARY} #`,
  `| touch ${CANARY}`,
  `\\'; touch ${CANARY} #`,
];
const hostile = fc
  .array(
    fc.oneof(
      fc.constantFrom(...payloads),
      fc.string({ maxLength: 12 }),
      fc.constantFrom('名前', 'ü', '%', '"', "'", '\\'),
    ),
    {
      minLength: 1,
      maxLength: 4,
    },
  )
  .map((parts) => parts.join('').replace(/\0/g, ''));
// The command is code by design; it carries the payload as data in a quoted here-document, which
// proves the script reaches the job byte for byte and is never evaluated on the way.
const heredoc = (text: string) =>
  `cat > /dev/null <<'HPCKIT_EOF'\n${text.replace(/^HPCKIT_EOF$/gm, '')}\nHPCKIT_EOF`;

const targets: [string, () => RuntimeAdapter][] = [
  [
    'local, su (one shell command line)',
    () => createRuntimeAdapter(slurmAdapter({ transport: localTransport({ actAs: { mode: 'su' } }) })),
  ],
  [
    'ssh, service account + sudo',
    () => createRuntimeAdapter(slurmAdapter({ transport: sshServiceAccount() })),
  ],
];

describe.each(targets)('injection over %s', (_title, make) => {
  const rt = make();
  afterAll(() => rt.close());

  it('never runs a payload from the name, working directory, command, output paths or environment', async () => {
    rmSync(CANARY, { force: true });
    const submitted: string[] = [];
    await fc.assert(
      fc.asyncProperty(hostile, hostile, hostile, hostile, async (name, dir, text, env) => {
        const result = await rt.jobs
          .submit(
            {
              name: name.slice(0, 200),
              account: 'electroplating',
              command: heredoc(text),
              workingDirectory: `hpckit-injection/${dir}`,
              stdout: `/dev/null`,
              stderr: `err-${dir}`,
              environment: { HPCKIT_VALUE: env },
              comment: env.replace(/[\r\n]/g, ' '),
              timeLimit: '1m',
              memory: { perNode: '64M' },
            },
            { user: 'alice' },
          )
          .catch((err) => err);
        // sbatch may refuse a value (an error with Slurm's stderr); it must never run it.
        if (result?.job) {
          submitted.push(result.job.id);
          expect(result.job.name).toBe(name.slice(0, 200));
        } else {
          expect(result.code).toMatch(/POLICY_VIOLATION|VALIDATION/);
        }
        expect(existsSync(CANARY)).toBe(false);
      }),
      { numRuns: 12 },
    );
    expect(submitted.length).toBeGreaterThan(0);
    // Let the jobs run their scripts, then look again.
    for (let i = 0; i < 30; i++) {
      const { jobs } = await rt.jobs.list(
        { jobIds: submitted, states: ['queued', 'held', 'running', 'completing'] },
        { user: 'alice' },
      );
      if (jobs.length === 0) break;
      await sleep(1000);
    }
    expect(existsSync(CANARY)).toBe(false);
  }, 90_000);
});
