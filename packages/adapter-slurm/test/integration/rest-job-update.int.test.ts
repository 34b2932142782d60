/**
 * Hold, release and time-limit changes through each plugin version the real slurmrestd (22.05)
 * serves, each read back through the CLI transport: the conformance suite covers the negotiated
 * version (v0.0.38); this pins v0.0.36 and v0.0.37 too.
 */
import { createRuntimeAdapter } from '@hpckit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { jwtAuth, slurmAdapter, slurmRestAdapter } from '../../src/index.js';
import { assertClusterUp, localSudo, REST_URL, scontrolToken } from './cluster.js';

assertClusterUp();

const alice = { user: 'alice' };
const cli = createRuntimeAdapter(slurmAdapter({ transport: localSudo() }), { retry: { retries: 0 } });
const opened = [cli];
afterAll(async () => {
  await Promise.all(opened.map((a) => a.close()));
});

describe.each(['v0.0.36', 'v0.0.37', 'v0.0.38'])('job updates over slurmrestd %s', (version) => {
  const rest = createRuntimeAdapter(
    slurmRestAdapter({
      url: REST_URL,
      versions: [version],
      auth: jwtAuth({ serviceUser: 'portal', mint: (u) => scontrolToken(u) }),
    }),
    { retry: { retries: 0 } },
  );
  opened.push(rest);

  it('holds, releases and sets the limit of a pending job, as squeue then shows', async () => {
    const spec = {
      command: 'true',
      account: 'electroplating',
      timeLimit: '5m',
      stdout: '/dev/null',
    } as const;
    // The job waits on a held one, so it stays pending once released.
    const { job: gate } = await cli.jobs.submit({ ...spec, hold: true }, alice);
    const { job } = await cli.jobs.submit(
      { ...spec, hold: true, dependencies: [{ type: 'afterok', jobIds: [gate.id] }] },
      alice,
    );
    try {
      await rest.jobs.release(job.id, alice);
      expect((await cli.jobs.get(job.id, alice)).state.phase).toBe('queued');
      await rest.jobs.hold(job.id, alice);
      expect((await cli.jobs.get(job.id, alice)).state.phase).toBe('held');
      expect(await rest.jobs.updateTimeLimit(job.id, { set: '7m' }, alice)).toEqual({
        timeLimitSeconds: 420,
      });
      expect(await rest.jobs.updateTimeLimit(job.id, { delta: '-1m' }, alice)).toEqual({
        timeLimitSeconds: 360,
      });
      expect((await cli.jobs.get(job.id, alice)).timeLimitSeconds).toBe(360);
    } finally {
      await cli.jobs.cancel(job.id, alice).catch(() => undefined);
      await cli.jobs.cancel(gate.id, alice).catch(() => undefined);
    }
  });

  it('an unknown job is NOT_FOUND', async () => {
    const err = await rest.jobs.hold('99999999', alice).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NOT_FOUND' });
  });
});
