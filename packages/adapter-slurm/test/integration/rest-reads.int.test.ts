/**
 * What the REST adapter reads on the real slurmrestd (22.05), for each plugin version it serves:
 * a listing by ids asks slurmctld for those jobs one at a time and accounting for those ids only
 * (`step`), with no window, so the rows that come back are the caller's jobs and nobody else's;
 * a retried idempotency key reads the acting user's accounting by job name, a day back for a key
 * this process never sent and from its first attempt on once it has. Every request and the jobs in
 * each answer are observed through the adapter's `fetch` option.
 */
import { createRuntimeAdapter } from '@hpckit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jwtAuth, slurmRestAdapter } from '../../src/index.js';
import { assertClusterUp, purgedIds, REST_URL, scontrolToken, sleep } from './cluster.js';

assertClusterUp();

interface Read {
  url: URL;
  /** The ids of the jobs in the answer, as slurmctld (`job_id`) or slurmdbd names them. */
  ids: string[];
}

function observed(version: string) {
  const reads: Read[] = [];
  const watching: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const response = await fetch(input, init);
    const body = (await response
      .clone()
      .json()
      .catch(() => ({}))) as { jobs?: { job_id?: unknown }[] };
    reads.push({ url, ids: (body.jobs ?? []).map((j) => String(j.job_id)) });
    return response;
  };
  const adapter = createRuntimeAdapter(
    slurmRestAdapter({
      url: REST_URL,
      versions: [version],
      auth: jwtAuth({ serviceUser: 'portal', mint: (u) => scontrolToken(u) }),
      fetch: watching,
    }),
    { retry: { retries: 0 } },
  );
  return { adapter, reads };
}

const alice = { user: 'alice' };
// No output path: v0.0.36's job description has none.
const spec = { account: 'electroplating', timeLimit: '5m', memory: { perNode: '256M' } } as const;
const opened: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(opened.map((a) => a.close()));
});

let purged: string;
beforeAll(async () => {
  const [found] = purgedIds(1, 'alice');
  if (found) {
    purged = found;
    return;
  }
  // A fresh cluster: make one, and wait for slurmctld to forget it (MinJobAge 10 s: the REST
  // conformance counts on 25 s too).
  const { adapter } = observed('v0.0.38');
  opened.push(adapter);
  purged = (await adapter.jobs.submit({ ...spec, name: 'reads-done', command: 'true' }, alice)).job.id;
  await sleep(25_000);
}, 60_000);

describe.each(['v0.0.36', 'v0.0.37', 'v0.0.38'])('what the REST adapter reads over %s', (version) => {
  it('a listing by ids reads those jobs only: slurmctld per job, accounting by id, no window', async () => {
    const { adapter, reads } = observed(version);
    opened.push(adapter);
    const held = (
      await adapter.jobs.submit({ ...spec, name: 'reads-held', command: 'true', hold: true }, alice)
    ).job;
    try {
      reads.length = 0;
      const page = await adapter.jobs.list({ jobIds: [purged, held.id], offset: 0 }, alice);
      expect(page.jobs.map((j) => [j.id, j.user, j.state.phase]).sort()).toEqual(
        [
          [purged, 'alice', 'ended'],
          [held.id, 'alice', 'held'],
        ].sort(),
      );
      const paths = reads.map((r) => r.url.pathname);
      // Never slurmctld's whole queue, never a window of accounting.
      expect(paths).not.toContain(`/slurm/${version}/jobs`);
      const accounting = reads.filter((r) => r.url.pathname === `/slurmdb/${version}/jobs`);
      expect(accounting.length).toBeGreaterThan(0);
      for (const r of accounting) {
        expect(r.url.searchParams.has('start_time')).toBe(false);
        expect(
          r.url.searchParams
            .get('step')!
            .split(',')
            .every((id) => [purged, held.id].includes(id)),
        ).toBe(true);
      }
      // What came back is the two jobs, nobody else's.
      const answered = new Set(reads.flatMap((r) => r.ids));
      expect([...answered].every((id) => id === purged || id === held.id)).toBe(true);
    } finally {
      await adapter.jobs.cancel(held.id, alice);
    }
  }, 90_000);

  it('a retried key reads the user’s accounting by name, from its first attempt on', async () => {
    const { adapter, reads } = observed(version);
    opened.push(adapter);
    const name = `reads-key-${version.replaceAll('.', '')}-${Date.now()}`;
    const key = `t17-${name}`;
    const first = (
      await adapter.jobs.submit(
        { ...spec, name, command: 'true', hold: true },
        { ...alice, idempotencyKey: key },
      )
    ).job;
    try {
      const again = (
        await adapter.jobs.submit(
          { ...spec, name, command: 'true', hold: true },
          { ...alice, idempotencyKey: key },
        )
      ).job;
      expect(again.id).toBe(first.id);
      const accounting = reads.filter((r) => r.url.pathname === `/slurmdb/${version}/jobs`);
      // v0.0.36 names a queued job's user from accounting, by its id: not a lookup of the key.
      const byId = accounting.filter((r) => r.url.searchParams.get('step') === first.id);
      expect(byId.length).toBe(version === 'v0.0.36' ? accounting.length - 1 : 0);
      const windows = accounting
        .filter((r) => !byId.includes(r))
        .map((r) => {
          expect(r.url.searchParams.get('job_name')).toBe(name);
          return Number(/^now-(\d+)seconds$/.exec(r.url.searchParams.get('start_time')!)![1]);
        });
      // The first lookup (a key never sent here) reads a day; the retry finds the job in the
      // queue, so accounting is read once.
      expect(windows).toHaveLength(1);
      expect(windows[0]).toBeLessThanOrEqual(86_400 + 60);
    } finally {
      await adapter.jobs.cancel(first.id, alice);
    }
  }, 60_000);
});
