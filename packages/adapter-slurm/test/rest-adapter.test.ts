import { createClient, formatError, isHpckitError, type SchedulerAdapter } from '@hpckit/core';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { jwtAuth, slurmRestAdapter } from '../src/index.js';
import { json, RESTD_URL, type Routes, recorded, served, slurmrestd } from './rest-handlers.js';

const SLURM_22 = ['v0.0.36', 'v0.0.37', 'v0.0.38'];
const msw = setupServer();
beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
afterEach(() => msw.resetHandlers());
afterAll(() => msw.close());

/** A token per user that names the user and how many were minted, so tests can tell them apart. */
function countingAuth(lifespanMs?: number) {
  const minted: string[] = [];
  const auth = jwtAuth({
    serviceUser: 'portal',
    mint: async (user) => {
      minted.push(user);
      const token = `secret-${user}-${minted.length}`;
      return lifespanMs === undefined ? token : { token, expiresAt: new Date(Date.now() + lifespanMs) };
    },
  });
  return { auth, minted };
}

function setup(routes: Routes, extra: Partial<Parameters<typeof slurmRestAdapter>[0]> = {}) {
  const server = slurmrestd(routes);
  msw.use(server.handler);
  const { auth, minted } = countingAuth();
  const adapter: SchedulerAdapter = slurmRestAdapter({ url: RESTD_URL, auth, cluster: 'local', ...extra });
  return { server, adapter, minted };
}

describe('version negotiation', () => {
  it('uses the newest version both sides speak, and reports the release that answered', async () => {
    const { server, adapter } = setup({
      ...served(SLURM_22, '22.05.8'),
      'GET /slurm/v0.0.38/job/676': json('22.05/v0.0.38-job-completed.json'),
    });
    expect((await adapter.version({})).version).toBe('22.05.8');
    await adapter.jobs.get('676', { user: 'alice' });
    expect(server.seen.map((r) => r.path)).toContain('/slurm/v0.0.38/job/676');
    expect(server.seen.some((r) => /v0\.0\.3[67]/.test(r.path) && r.path !== '/openapi')).toBe(false);
  });

  it('keeps to the versions it is allowed', async () => {
    const { server, adapter } = setup(
      {
        ...served(SLURM_22, '22.05.8'),
        'GET /slurm/v0.0.37/job/676': json('22.05/v0.0.37-job-completed.json'),
      },
      { versions: ['v0.0.37'] },
    );
    const job = await adapter.jobs.get('676', { user: 'alice' });
    expect(job.user).toBe('alice');
    expect(server.seen.some((r) => r.path.includes('v0.0.38'))).toBe(false);
  });

  it('refuses with both lists of versions when none is common, in English and Chinese', async () => {
    const { adapter } = setup(served(['v0.0.42', 'v0.0.43'], '25.05.0'), {
      versions: ['v0.0.38', 'v0.0.41'],
    });
    const err = await adapter.version({}).catch((e: unknown) => e);
    expect(isHpckitError(err, 'UNSUPPORTED')).toBe(true);
    if (!isHpckitError(err, 'UNSUPPORTED')) return;
    expect(err.details.reason).toBe('no_common_version');
    expect(err.details.offered).toEqual(['v0.0.43', 'v0.0.42']);
    expect(err.message).toContain('v0.0.43, v0.0.42');
    expect(err.message).toContain('v0.0.41, v0.0.38');
    expect(formatError(err, { locale: 'zh-CN' })).toContain('双方没有共同的版本');
  });
});

describe('codecs read the same job alike in every version', () => {
  const legacy = ['v0.0.36', 'v0.0.37', 'v0.0.38'] as const;
  it.each(legacy)('%s: a completed job (22.05, recorded)', async (v) => {
    const routes: Routes = {
      ...served([v], '22.05.8'),
      [`GET /slurm/${v}/job/676`]: json(`22.05/${v}-job-completed.json`),
      // v0.0.36 leaves user_name empty: accounting names the user.
      [`GET /slurmdb/${v}/jobs`]: json('22.05/v0.0.38-dbjob-completed.json'),
    };
    const { adapter } = setup(routes);
    const job = await adapter.jobs.get('676', { user: 'alice' });
    expect(job).toMatchObject({
      id: '676',
      name: 'ok',
      user: 'alice',
      account: 'electroplating',
      partition: 'cpu',
      qos: 'normal',
      state: { phase: 'ended', outcome: 'completed', exitCode: 0 },
      requested: { nodes: 1, cores: 1, gpus: 0, memoryMiB: 1024, billing: 1 },
      allocated: { nodes: 1, cores: 1, gpus: 0, memoryMiB: 1024 },
      timeLimitSeconds: 300,
      workingDirectory: '/home/alice',
      nodeList: ['localhost'],
      comment: 'fixture',
    });
    expect(job.endTime!.getTime()).toBeGreaterThanOrEqual(job.startTime!.getTime());
    expect(job.elapsedSeconds).toBe((job.endTime!.getTime() - job.startTime!.getTime()) / 1000);
  });

  it('v0.0.37: exit 3 is a wait status of 768, read as exit code 3', async () => {
    const { adapter } = setup({
      ...served(['v0.0.37'], '22.05.8'),
      'GET /slurm/v0.0.37/job/677': json('22.05/v0.0.37-job-failed.json'),
    });
    const job = await adapter.jobs.get('677', { user: 'alice' });
    expect(job.state).toMatchObject({
      phase: 'ended',
      outcome: 'failed',
      exitCode: 3,
      reason: 'NonZeroExitCode',
    });
  });

  it.each(['v0.0.39', 'v0.0.40', 'v0.0.41'])(
    '%s: wrapped numbers, state arrays and verbose exit codes',
    async (v) => {
      const { adapter } = setup({
        ...served([v], '24.05.4'),
        [`GET /slurm/${v}/job/701`]: json(`24.05/${v}-job-failed.json`),
        [`GET /slurm/${v}/job/702`]: json(`24.05/${v}-job-running.json`),
        [`GET /slurm/${v}/job/703`]: json(`24.05/${v}-job-array-held.json`),
        // An array's ended tasks are in accounting only: it is asked too, as sacct is.
        [`GET /slurmdb/${v}/jobs`]: { body: { jobs: [], errors: [] } },
      });
      const failed = await adapter.jobs.get('701', { user: 'alice' });
      expect(failed).toMatchObject({
        state: { phase: 'ended', outcome: 'failed', exitCode: 3 },
        timeLimitSeconds: 300,
        elapsedSeconds: 2,
        stdoutPath: '/home/alice/slurm-701.out',
      });
      const running = await adapter.jobs.get('702', { user: 'alice' });
      // An infinite time limit is no limit, never a number.
      expect(running.timeLimitSeconds).toBeUndefined();
      expect(running).toMatchObject({
        state: { phase: 'running' },
        allocated: { gpus: 1, cores: 2, memoryMiB: 2048 },
      });
      expect(running.endTime).toBeUndefined();
      const held = await adapter.jobs.get('703', { user: 'alice' });
      expect(held.state.phase).toBe('held');
      expect(held.arrayJobId).toBe('703');
    },
  );

  it('a held array of 22.05 reads as its four pending tasks', async () => {
    const { adapter } = setup({
      ...served(['v0.0.38'], '22.05.8'),
      'GET /slurm/v0.0.38/job/678': json('22.05/v0.0.38-job-array-held.json'),
    });
    const job = await adapter.jobs.get('678_2', { user: 'alice' });
    expect(job).toMatchObject({ id: '678_2', arrayJobId: '678', arrayTaskId: 2, state: { phase: 'held' } });
  });
});

describe('errors', () => {
  it('an unknown job is NOT_FOUND after slurmctld (HTTP 500) and accounting both say so', async () => {
    const { adapter, server } = setup({
      ...served(['v0.0.38'], '22.05.8'),
      'GET /slurm/v0.0.38/job/999999': json('22.05/v0.0.38-job-unknown.json', 500),
      'GET /slurmdb/v0.0.38/jobs': json('22.05/v0.0.38-dbjob-unknown.json', 500),
    });
    const err = await adapter.jobs.get('999999', { user: 'alice' }).catch((e: unknown) => e);
    expect(isHpckitError(err, 'NOT_FOUND')).toBe(true);
    expect(server.seen.map((r) => r.path)).toContain('/slurmdb/v0.0.38/jobs?step=999999');
  });

  it('a refused submission carries Slurm’s words and the valid partitions, never the token', async () => {
    const { adapter } = setup({
      ...served(['v0.0.38'], '22.05.8'),
      'POST /slurm/v0.0.38/job/submit': json('22.05/v0.0.38-submit-invalid-partition.json', 500),
      'GET /slurm/v0.0.38/partitions': {
        body: { partitions: [{ name: 'cpu' }, { name: 'gpu' }], errors: [] },
      },
    });
    const err = await adapter.jobs
      .submit({ command: 'true', partition: 'nosuch' } as never, { user: 'alice', freshKey: true })
      .catch((e: unknown) => e);
    expect(isHpckitError(err, 'POLICY_VIOLATION')).toBe(true);
    if (!isHpckitError(err, 'POLICY_VIOLATION')) return;
    expect(err.details.reason).toBe('invalid_partition');
    expect(err.details.allowed).toEqual(['cpu', 'gpu']);
    expect(err.details.stderr).toContain('Invalid partition name specified');
    expect(JSON.stringify({ ...err.details, message: err.message })).not.toContain('secret-');
  });

  it('a slow answer is a TIMEOUT, a dropped one a retryable TRANSPORT error; neither shows the token', async () => {
    const { adapter } = setup(
      {
        ...served(['v0.0.38'], '22.05.8'),
        'GET /slurm/v0.0.38/job/1': { body: recorded('22.05/v0.0.38-job-completed.json'), delayMs: 2_000 },
        'GET /slurm/v0.0.38/job/2': 'drop',
      },
      { timeoutMs: 300 },
    );
    const slow = await adapter.jobs.get('1', { user: 'alice' }).catch((e: unknown) => e);
    expect(isHpckitError(slow, 'TIMEOUT')).toBe(true);
    const dropped = await adapter.jobs.get('2', { user: 'alice' }).catch((e: unknown) => e);
    expect(isHpckitError(dropped, 'TRANSPORT')).toBe(true);
    expect(isHpckitError(dropped) && dropped.retryable).toBe(true);
    for (const e of [slow, dropped]) expect(JSON.stringify(e) + String(e)).not.toContain('secret-');
  });
});

describe('JWT per user', () => {
  it('sends each user’s own token, mints once per user, and mints again when slurmrestd refuses one', async () => {
    let refuseNext = false;
    const { adapter, server, minted } = setup({
      ...served(['v0.0.38'], '22.05.8'),
      'GET /slurm/v0.0.38/job/676': () => {
        if (refuseNext) {
          refuseNext = false;
          return { status: 401, body: 'Authentication failure' };
        }
        return json('22.05/v0.0.38-job-completed.json');
      },
    });
    await adapter.jobs.get('676', { user: 'alice' });
    await adapter.jobs.get('676', { user: 'alice' });
    await adapter.jobs.get('676', { user: 'bob' });
    refuseNext = true;
    await adapter.jobs.get('676', { user: 'alice' });
    // The service account negotiates; alice is minted again after the refusal.
    expect(minted).toEqual(['portal', 'alice', 'bob', 'alice']);
    const jobCalls = server.seen.filter((r) => r.path === '/slurm/v0.0.38/job/676');
    expect(jobCalls.map((r) => r.headers.get('x-slurm-user-name'))).toEqual([
      'alice',
      'alice',
      'bob',
      'alice',
      'alice',
    ]);
    expect(jobCalls.at(-1)!.headers.get('x-slurm-user-token')).toBe('secret-alice-4');
  });

  it('mints a new token before the old one expires', async () => {
    msw.use(slurmrestd(served(['v0.0.38'], '22.05.8')).handler);
    const { auth, minted } = countingAuth(30_000);
    // refreshBeforeSeconds defaults to 60: a 30 s token is renewed on every use.
    const adapter = slurmRestAdapter({ url: RESTD_URL, auth });
    await adapter.version({});
    await adapter.version({});
    expect(minted.length).toBeGreaterThanOrEqual(2);
  });
});

describe('a daemon that restarts mid-poll', () => {
  it('fails the watcher’s polls while it is down, and the watcher sees the job end once it is back', async () => {
    const completed = recorded('22.05/v0.0.38-job-completed.json');
    const running = structuredClone(completed) as { jobs: Record<string, unknown>[] };
    Object.assign(running.jobs[0]!, { job_state: 'RUNNING', end_time: 0 });
    let ended = false;
    const listing = () => ({ body: ended ? completed : running });
    const server = slurmrestd({
      ...served(['v0.0.38'], '22.05.8'),
      'GET /slurm/v0.0.38/job/676': listing,
      'GET /slurm/v0.0.38/jobs': listing,
      'GET /slurmdb/v0.0.38/jobs': { body: { jobs: [], errors: [] } },
    });
    msw.use(server.handler);
    const { auth } = countingAuth();
    const client = createClient({
      clusters: { hpc: { adapter: slurmRestAdapter({ url: RESTD_URL, auth, cluster: 'local' }) } },
      polling: { minIntervalMs: 20, maxIntervalMs: 50, jitter: 0 },
    });
    const failures: number[] = [];
    client.on('poll:error', (e) => failures.push(e.consecutiveFailures));
    const phases: string[] = [];
    for await (const { job } of client.as('alice').jobs.watch(['676'])) {
      phases.push(job.state.phase);
      if (phases.length === 1) {
        // The job ends while slurmrestd is down: the watcher must learn it from the daemon back up.
        server.restart(300);
        ended = true;
      }
    }
    await client.close();
    expect(phases).toEqual(['running', 'ended']);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures).toEqual(failures.map((_, i) => i + 1));
  });
});

describe('hold, release and time limit: a job update', () => {
  const wrappedVersions = ['v0.0.39', 'v0.0.40', 'v0.0.41'];
  it.each([...SLURM_22, ...wrappedVersions])(
    '%s: hold and release send `hold`, a limit `time_limit` in minutes, at the top level',
    async (v) => {
      const wrapped = wrappedVersions.includes(v);
      const release = wrapped ? '24.05.4' : '22.05.8';
      const job = wrapped ? `24.05/${v}-job-running.json` : `22.05/${v}-job-completed.json`;
      const id = wrapped ? '702' : '676';
      const { adapter, server } = setup({
        ...served([v], release),
        [`POST /slurm/${v}/job/${id}`]: { body: { errors: [] } },
        [`GET /slurm/${v}/job/${id}`]: json(job),
        [`GET /slurmdb/${v}/jobs`]: json('22.05/v0.0.38-dbjob-completed.json'),
      });
      expect(adapter.capabilities).toMatchObject({ 'jobs.hold': true, 'jobs.updateTimeLimit': true });
      await adapter.jobs.hold!(id, { user: 'alice' });
      await adapter.jobs.release!(id, { user: 'alice' });
      await adapter.jobs.updateTimeLimit!(id, { set: 150 }, { user: 'alice' });
      const updates = server.seen.filter((r) => r.method === 'POST').map((r) => JSON.parse(r.body));
      const minutes = 3; // 150 s is 2.5 minutes: Slurm counts whole minutes, rounded up.
      expect(updates).toEqual([
        { hold: true },
        { hold: false },
        { time_limit: wrapped ? { set: true, infinite: false, number: minutes } : minutes },
      ]);
      const users = server.seen
        .filter((r) => r.method === 'POST')
        .map((r) => r.headers.get('x-slurm-user-name'));
      expect(users).toEqual(['alice', 'alice', 'alice']);
    },
  );

  it('a shift is applied to the limit read just before it, and the new limit is read back', async () => {
    const before = recorded('22.05/v0.0.38-job-completed.json') as { jobs: Record<string, unknown>[] };
    let limit = Number(before.jobs[0]!.time_limit);
    const { adapter, server } = setup({
      ...served(['v0.0.38'], '22.05.8'),
      'GET /slurm/v0.0.38/job/676': () => {
        const answer = structuredClone(before);
        answer.jobs[0]!.time_limit = limit;
        return { body: answer };
      },
      'POST /slurm/v0.0.38/job/676': (req) => {
        limit = JSON.parse(req.body).time_limit;
        return json('22.05/v0.0.38-update-ok.json');
      },
    });
    const start = limit;
    const after = await adapter.jobs.updateTimeLimit!('676', { delta: -61 }, { user: 'alice' });
    // -61 s is two whole minutes off, away from zero, as scontrol's `-2` would be.
    expect(limit).toBe(start - 2);
    expect(after.timeLimitSeconds).toBe((start - 2) * 60);
    expect(server.seen.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('maps Slurm’s refusals of 22.05 as scontrol’s: an unknown job, a raise denied to its user', async () => {
    const { adapter } = setup({
      ...served(['v0.0.38'], '22.05.8'),
      'POST /slurm/v0.0.38/job/99999999': json('22.05/v0.0.38-update-unknown.json', 500),
      'POST /slurm/v0.0.38/job/676': json('22.05/v0.0.38-update-denied.json', 500),
    });
    const unknown = await adapter.jobs.hold!('99999999', { user: 'alice' }).catch((e: unknown) => e);
    expect(isHpckitError(unknown, 'NOT_FOUND')).toBe(true);
    expect(isHpckitError(unknown, 'NOT_FOUND') && unknown.details.id).toBe('99999999');
    const denied = await adapter.jobs.updateTimeLimit!('676', { set: 100_000 * 60 }, { user: 'alice' }).catch(
      (e: unknown) => e,
    );
    expect(isHpckitError(denied, 'PERMISSION_DENIED')).toBe(true);
    expect(JSON.stringify(denied)).toContain('Access/permission denied');
    expect(JSON.stringify(denied) + String(denied)).not.toContain('secret-');
  });
});

describe('submitting held', () => {
  it('takes 22.05’s “Job is in held state” beside the id as the submission’s success', async () => {
    const { adapter, server } = setup({
      ...served(['v0.0.38'], '22.05.8'),
      'POST /slurm/v0.0.38/job/submit': json('22.05/v0.0.38-submit-held.json'),
    });
    const { job } = await adapter.jobs.submit({ command: 'true', hold: true } as never, {
      user: 'alice',
      freshKey: true,
    });
    expect(job.id).toBe(String(recorded('22.05/v0.0.38-submit-held.json').job_id));
    expect(JSON.parse(server.seen.at(-1)!.body).job.hold).toBe(true);
  });
});

describe('listing', () => {
  it('asks slurmdbd only when ended jobs may be wanted, as the CLI transports ask sacct', async () => {
    const { adapter, server } = setup({
      ...served(['v0.0.38'], '22.05.8'),
      'GET /slurm/v0.0.38/jobs': json('22.05/v0.0.38-job-array-held.json'),
      'GET /slurmdb/v0.0.38/jobs': json('22.05/v0.0.38-dbjob-completed.json'),
    });
    const accounting = () => server.seen.filter((r) => r.path.startsWith('/slurmdb/')).length;
    const live = await adapter.jobs.list({ states: ['queued', 'held', 'running'], offset: 0 } as never, {
      user: 'alice',
    });
    expect(live.jobs.map((j) => j.state.phase)).toEqual(['held', 'held', 'held', 'held']);
    expect(accounting()).toBe(0);
    const all = await adapter.jobs.list({ offset: 0 } as never, { user: 'alice' });
    expect(accounting()).toBe(1);
    expect(all.jobs.map((j) => j.id)).toContain('676');
  });
});

describe('what a listing asks slurmrestd for, in every version', () => {
  const versions = [...SLURM_22, 'v0.0.39', 'v0.0.40', 'v0.0.41'];
  const releaseOf = (v: string) => (SLURM_22.includes(v) ? '22.05.8' : '24.05.4');
  const unknownJob = (v: string) =>
    json(`${SLURM_22.includes(v) ? '22.05' : '24.05'}/${v}-job-unknown.json`, 500);
  const queryOf = (path: string) => new URL(path, RESTD_URL).searchParams;
  const accountingReads = (seen: readonly { path: string }[]) =>
    seen.filter((r) => r.path.startsWith('/slurmdb/')).map((r) => queryOf(r.path));

  it.each(versions)('%s: every filter the version takes, and the query’s own window', async (v) => {
    const { adapter, server } = setup({
      ...served([v], releaseOf(v)),
      [`GET /slurm/${v}/jobs`]: { body: { jobs: [], errors: [] } },
      [`GET /slurmdb/${v}/jobs`]: { body: { jobs: [], errors: [] } },
    });
    const from = new Date(Date.now() - 2 * 3_600_000);
    await adapter.jobs.list(
      {
        users: ['alice'],
        accounts: ['electroplating'],
        partitions: ['cpu', 'gpu'],
        name: 'relax 2',
        submitTime: { from },
        offset: 0,
      },
      { user: 'alice' },
    );
    const [q, ...more] = accountingReads(server.seen);
    expect(more).toHaveLength(0);
    // `now-<seconds>seconds`, the query's two hours (and the second or so the test took).
    const seconds = Number(/^now-(\d+)seconds$/.exec(q!.get('start_time')!)![1]);
    expect(seconds).toBeGreaterThanOrEqual(7_200);
    expect(seconds).toBeLessThan(7_200 + 30);
    expect(q!.get('account')).toBe('electroplating');
    expect(q!.get('partition')).toBe('cpu,gpu');
    expect(q!.get('job_name')).toBe('relax 2');
    // 22.05's slurmdbd plugins refuse `users` ("Unknown Query field"): filtered here instead.
    expect(q!.get('users')).toBe(SLURM_22.includes(v) ? null : 'alice');
    expect(q!.has('step')).toBe(false);
  });

  it.each(versions)(
    '%s: by ids, slurmctld one job at a time, accounting only those ids, no window',
    async (v) => {
      const { adapter, server } = setup({
        ...served([v], releaseOf(v)),
        [`GET /slurm/${v}/job/676`]: unknownJob(v),
        [`GET /slurm/${v}/job/678`]: unknownJob(v),
        [`GET /slurmdb/${v}/jobs`]: { body: { jobs: [], errors: [] } },
      });
      const page = await adapter.jobs.list(
        { jobIds: ['676', '678_2', 'not-a-job'], offset: 0 },
        { user: 'alice' },
      );
      expect(page.jobs).toEqual([]);
      const live = server.seen.filter((r) => r.path.startsWith('/slurm/') && !r.path.endsWith('/ping'));
      expect(live.map((r) => r.path).sort()).toEqual([`/slurm/${v}/job/676`, `/slurm/${v}/job/678`]);
      const [q, ...more] = accountingReads(server.seen);
      expect(more).toHaveLength(0);
      expect(q!.get('step')).toBe('676,678_2');
      expect(q!.has('start_time')).toBe(false);
    },
  );

  it('250 ids: one accounting read first, then slurmctld’s queue once for the ids not ended', async () => {
    const { adapter, server } = setup({
      ...served(['v0.0.38'], '22.05.8'),
      'GET /slurm/v0.0.38/jobs': json('22.05/v0.0.38-job-array-held.json'),
      'GET /slurmdb/v0.0.38/jobs': json('22.05/v0.0.38-dbjob-completed.json'),
    });
    const ids = ['676', '678_2', ...Array.from({ length: 248 }, (_, i) => String(10_000 + i))];
    const page = await adapter.jobs.list({ jobIds: ids, offset: 0 }, { user: 'alice' });
    expect(page.jobs.map((j) => j.id).sort()).toEqual(['676', '678_2']);
    const reads = server.seen.map((r) => r.path).filter((p) => !p.endsWith('/ping') && p !== '/openapi');
    expect(reads).toHaveLength(2);
    expect(queryOf(reads[0]!).get('step')!.split(',')).toEqual(ids);
    expect(reads[1]).toBe('/slurm/v0.0.38/jobs');
  });

  it('1,500 tasks of one array: accounting and slurmctld are each asked for the array once', async () => {
    const { adapter, server } = setup({
      ...served(['v0.0.38'], '22.05.8'),
      'GET /slurm/v0.0.38/job/678': json('22.05/v0.0.38-job-array-held.json'),
      'GET /slurmdb/v0.0.38/jobs': { body: { jobs: [], errors: [] } },
    });
    const ids = Array.from({ length: 1_500 }, (_, i) => `678_${i}`);
    const page = await adapter.jobs.list({ jobIds: ids, offset: 0 }, { user: 'alice' });
    expect(page.jobs.map((j) => j.id)).toEqual(['678_0', '678_1', '678_2', '678_3']);
    const reads = server.seen.map((r) => r.path).filter((p) => !p.endsWith('/ping') && p !== '/openapi');
    expect(reads).toEqual(['/slurmdb/v0.0.38/jobs?step=678', '/slurm/v0.0.38/job/678']);
  });

  it.each(versions)(
    '%s: a retried key reads accounting from its first attempt, by name and user',
    async (v) => {
      const wrapped = !SLURM_22.includes(v);
      const { adapter, server } = setup({
        ...served([v], releaseOf(v)),
        [`POST /slurm/${v}/job/submit`]: json(
          wrapped ? `24.05/${v}-submit.json` : '22.05/v0.0.38-submit-held.json',
        ),
        [`GET /slurm/${v}/jobs`]: { body: { jobs: [], errors: [] } },
        [`GET /slurmdb/${v}/jobs`]: { body: { jobs: [], errors: [] } },
      });
      const spec = { name: 'sweep-1', command: 'true', hold: true } as never;
      const alice = { user: 'alice', idempotencyKey: 'k-1' };
      // A key this adapter never sent: a day back, as the CLI adapter reads.
      await adapter.jobs.submit(spec, alice);
      // The same key again: from its first attempt (minus 15 minutes of clock slack) on.
      await adapter.jobs.submit(spec, alice);
      const windows = accountingReads(server.seen).map((q) => {
        expect(q.get('job_name')).toBe('sweep-1');
        expect(q.get('users')).toBe(wrapped ? 'alice' : null);
        return Number(/^now-(\d+)seconds$/.exec(q.get('start_time')!)![1]);
      });
      expect(windows).toHaveLength(2);
      expect(windows[0]).toBeGreaterThanOrEqual(86_400);
      expect(windows[0]).toBeLessThan(86_400 + 30);
      expect(windows[1]).toBeGreaterThanOrEqual(900);
      expect(windows[1]).toBeLessThan(900 + 30);
    },
  );
});
