/**
 * The adapter's operations on canned Slurm output: how squeue and sacct are combined, how
 * unsettled accounting rows are read again, and how scancel's exit-0 answers are told apart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, createRuntimeAdapter, TransportError } from '@hpckit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { slurmAdapter } from '../src/index.js';
import { type Answer, cmd, FIXTURE_DELIMITER as D, scriptedTransport } from './scripted-transport.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', '22.05', name), 'utf8');
const records = (name: string) =>
  fixture(name)
    .split(`${D}\n`)
    .filter(Boolean)
    .map((r) => `${r}${D}\n`);
const sacctRow = (jobName: string) => records('sacct-ended.txt').find((r) => r.split(D)[2] === jobName)!;

const common: Answer[] = [
  { match: cmd('scontrol', 'config'), result: { stdout: 'ClusterName = local\nSLURM_VERSION = 22.05.8\n' } },
  { match: cmd('getent'), result: { stdout: 'alice:x:2001:2001::/home/alice:/bin/bash\n' } },
];

function adapter(answers: Answer[], options: Parameters<typeof slurmAdapter>[0] = {}) {
  const transport = scriptedTransport([...answers, ...common]);
  const rt = createRuntimeAdapter(slurmAdapter({ transport, settleIntervalMs: 10, ...options }), {
    retry: { retries: 0 },
  });
  return { rt, log: transport.log };
}

describe('jobs.get', () => {
  it('reads a job squeue no longer holds from sacct, asking sacct for that id only', async () => {
    const { rt, log } = adapter([
      {
        match: cmd('squeue'),
        result: { stderr: 'slurm_load_jobs error: Invalid job id specified\n', exitCode: 1 },
      },
      { match: cmd('sacct'), result: { stdout: sacctRow('fx-fail') } },
    ]);
    const job = await rt.jobs.get('84', { user: 'alice' });
    expect(job.state).toMatchObject({ phase: 'ended', outcome: 'failed', exitCode: 3 });
    expect(log.find((a) => a[0] === 'squeue')).toContain('--jobs=84');
    const sacct = log.find((a) => a[0] === 'sacct')!;
    expect(sacct).toContain('--jobs=84');
    expect(sacct.some((a) => a.startsWith('--starttime=now-'))).toBe(true);
    expect(sacct.some((a) => a.startsWith('--state='))).toBe(true);
  });

  it('reads an unsettled accounting row again until it settles', async () => {
    const unsettled = fixture('sacct-unsettled.txt').trimEnd().replace(/^\d+/, '83').concat('\n');
    const { rt, log } = adapter([
      { match: cmd('squeue'), result: { stdout: '' } },
      { match: cmd('sacct'), result: { stdout: unsettled }, times: 2 },
      { match: cmd('sacct'), result: { stdout: sacctRow('fx-ok') } },
    ]);
    const job = await rt.jobs.get('83', {});
    expect(job.name).toBe('fx-ok');
    expect(job.qos).toBe('normal');
    expect(log.filter((a) => a[0] === 'sacct')).toHaveLength(3);
  });

  it('is NOT_FOUND when neither squeue nor sacct knows the id', async () => {
    const { rt } = adapter([
      { match: cmd('squeue'), result: { stdout: '' } },
      { match: cmd('sacct'), result: { stdout: '' } },
    ]);
    const err = await rt.jobs.get('987654321', {}).catch((e) => e);
    expect(err).toMatchObject({ code: 'NOT_FOUND', details: { id: '987654321' } });
    // The hint names the adapter option as it is spelled.
    expect(err.hint).toContain('option idLookupWindow,');
  });

  it('asks squeue for a few ids only and never sends an id squeue cannot parse', async () => {
    const { rt, log } = adapter([
      { match: cmd('squeue'), result: { stdout: fixture('squeue-mixed.txt') } },
      { match: cmd('sacct'), result: { stdout: '' } },
    ]);
    const few = await rt.jobs.list({ jobIds: ['83', '91_1', 'abc'] }, {});
    expect(few.jobs.map((j) => j.id)).toEqual(['83', '91_1']);
    expect(log.filter((a) => a[0] === 'squeue').at(-1)).toContain('--jobs=83,91_1');
    const calls = log.length;
    await expect(rt.jobs.get('abc', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(log.slice(calls).map((a) => a[0])).toEqual(['sacct']);
  });
});

describe('jobs by many ids', () => {
  const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => String(from + i));
  // An ended, settled accounting row and a held queue row, each under another id.
  const sacctAs = (id: string) => {
    const fields = sacctRow('fx-ok').split(D);
    fields[0] = id;
    fields[1] = id;
    return fields.join(D);
  };
  const heldRow = records('squeue-mixed.txt').find((r) => r.split(D)[0] === '90')!;
  const squeueAs = (id: string) => {
    const fields = heldRow.split(D);
    fields[0] = id;
    fields[1] = id;
    fields[3] = id;
    return fields.join(D);
  };
  const jobsArg = (argv: readonly string[]) =>
    argv
      .find((a) => a.startsWith('--jobs='))
      ?.slice('--jobs='.length)
      .split(',');
  const scheduler = (log: string[][]) => log.filter((a) => a[0] === 'squeue' || a[0] === 'sacct');

  it('reads the status of 200 purged jobs with one sacct call and no squeue', async () => {
    const purged = ids(1000, 200);
    const { rt, log } = adapter([{ match: cmd('sacct'), result: { stdout: purged.map(sacctAs).join('') } }]);
    const page = await rt.jobs.list({ jobIds: purged }, {});
    expect(page.total).toBe(200);
    expect(page.jobs.every((j) => j.state.phase === 'ended')).toBe(true);
    expect(scheduler(log).map((a) => a[0])).toEqual(['sacct']);
    expect(jobsArg(scheduler(log)[0]!)).toEqual(purged);
  });

  it('asks squeue, by --jobs, only for the ids accounting does not show finished', async () => {
    const purged = ids(1000, 200);
    const held = ids(1200, 50);
    const { rt, log } = adapter([
      { match: cmd('sacct'), result: { stdout: purged.map(sacctAs).join('') } },
      { match: cmd('squeue'), result: { stdout: held.map(squeueAs).join('') } },
    ]);
    const page = await rt.jobs.list({ jobIds: [...purged, ...held] }, { user: 'alice' });
    expect(page.total).toBe(250);
    expect(page.jobs.filter((j) => j.state.phase === 'held').map((j) => j.id)).toEqual(held);
    const calls = scheduler(log);
    expect(calls.map((a) => a[0])).toEqual(['sacct', 'squeue']);
    expect(jobsArg(calls[1]!)).toEqual(held);
  });

  it('asks squeue for ids whose last accounting row is a state Slurm requeues from (NODE_FAIL), and reports them live', async () => {
    // A task whose launch failed on a loaded node: sacct's last row is NODE_FAIL while Slurm has
    // requeued it and holds it ("launch failed requeued held"). Taken from accounting alone, it
    // was reported ended node_fail, then ran and completed.
    const purged = ids(1000, 150);
    const requeued = ids(1150, 50);
    const nodeFail = (id: string) => sacctAs(id).replace('COMPLETED', 'NODE_FAIL');
    const { rt, log } = adapter([
      {
        match: cmd('sacct'),
        result: { stdout: [...purged.map(sacctAs), ...requeued.map(nodeFail)].join('') },
      },
      { match: cmd('squeue'), result: { stdout: requeued.map(squeueAs).join('') } },
    ]);
    expect(nodeFail('1').includes('NODE_FAIL')).toBe(true);
    const page = await rt.jobs.list({ jobIds: [...purged, ...requeued] }, { user: 'alice' });
    expect(page.total).toBe(200);
    expect(page.jobs.filter((j) => j.state.phase === 'held').map((j) => j.id)).toEqual(requeued);
    expect(page.jobs.filter((j) => j.state.outcome === 'node_fail')).toEqual([]);
    const calls = scheduler(log);
    expect(calls.map((a) => a[0])).toEqual(['sacct', 'squeue']);
    expect(jobsArg(calls[1]!)).toEqual(requeued);
  });

  it('keeps a NODE_FAIL row as the outcome when squeue no longer holds the job', async () => {
    const failed = ids(1000, 150);
    const { rt } = adapter([
      {
        match: cmd('sacct'),
        result: { stdout: failed.map((id) => sacctAs(id).replace('COMPLETED', 'NODE_FAIL')).join('') },
      },
      { match: cmd('squeue'), result: { stdout: '' } },
    ]);
    const page = await rt.jobs.list({ jobIds: failed }, { user: 'alice' });
    expect(page.jobs.map((j) => j.state.outcome)).toEqual(failed.map(() => 'node_fail'));
  });

  it('asks squeue for the tasks of one array by the array id, in one call, and keeps only the tasks asked', async () => {
    // 10,000 watched tasks of one held array were 100 squeue batches per poll (38 s a tick).
    const taskRow = (array: string, task: number) => {
      const fields = heldRow.split(D);
      fields[0] = `${array}_${task}`;
      fields[1] = array;
      fields[2] = String(task);
      fields[3] = String(Number(array) + 1 + task);
      return fields.join(D);
    };
    const tasks = Array.from({ length: 300 }, (_, i) => `5000_${i}`);
    const alone = '7000_3';
    const { rt, log } = adapter([
      { match: cmd('sacct'), result: { stdout: '' } },
      {
        match: cmd('squeue'),
        // The whole array (one task more than asked for) and the lone task.
        result: {
          stdout: [...Array.from({ length: 301 }, (_, i) => taskRow('5000', i)), taskRow('7000', 3)].join(''),
        },
      },
    ]);
    const page = await rt.jobs.list({ jobIds: [...tasks, alone] }, { user: 'alice' });
    const squeues = scheduler(log).filter((a) => a[0] === 'squeue');
    expect(squeues.map((a) => jobsArg(a))).toEqual([['5000', alone]]);
    expect(page.jobs.map((j) => j.id).sort()).toEqual([...tasks, alone].sort());
    expect(page.jobs.every((j) => j.state.phase === 'held')).toBe(true);
  });

  it('sends 250 ids accounting does not know yet to squeue in --jobs batches of at most 100', async () => {
    const fresh = ids(2000, 250);
    const { rt, log } = adapter([
      { match: cmd('sacct'), result: { stdout: '' } },
      { match: cmd('squeue'), result: { stdout: fresh.map(squeueAs).join('') } },
    ]);
    const page = await rt.jobs.list({ jobIds: fresh }, {});
    expect(page.total).toBe(250);
    const squeues = scheduler(log).filter((a) => a[0] === 'squeue');
    expect(squeues.map((a) => jobsArg(a)?.length)).toEqual([100, 100, 50]);
    expect(squeues.flatMap((a) => jobsArg(a)!)).toEqual(fresh);
    // Accounting is asked once: it had no rows, so there is nothing to read again.
    expect(scheduler(log).filter((a) => a[0] === 'sacct')).toHaveLength(1);
  });
});

describe('jobs.list', () => {
  it('merges live jobs and history, live rows winning, then sorts, pages and projects', async () => {
    const { rt, log } = adapter([
      { match: cmd('squeue'), result: { stdout: fixture('squeue-mixed.txt') } },
      { match: cmd('sacct'), result: { stdout: fixture('sacct-ended.txt') } },
    ]);
    const page = await rt.jobs.list({ users: ['alice'], limit: 5, fields: ['name'] }, {});
    expect(page.total).toBeGreaterThan(10);
    expect(page.jobs).toHaveLength(5);
    expect(Object.keys(page.jobs[0]!).sort()).toEqual(['cluster', 'id', 'name', 'state']);
    expect(log.find((a) => a[0] === 'squeue')).toContain('--user=alice');
    const live = await rt.jobs.list({ states: ['running'] }, {});
    expect(live.jobs.map((j) => j.name)).toEqual(['fx-running']);
  });

  it('does not ask accounting when only live phases are wanted', async () => {
    const { rt, log } = adapter([{ match: cmd('squeue'), result: { stdout: fixture('squeue-mixed.txt') } }]);
    await rt.jobs.list({ states: ['queued', 'held'] }, {});
    expect(log.some((a) => a[0] === 'sacct')).toBe(false);
  });
});

describe('a failed squeue', () => {
  const sudo = 'sudo: a password is required\n';
  const down = 'slurm_load_jobs error: Unable to contact slurm controller (connect failure)\n';
  const squeueRuns = (log: string[][]) => log.filter((a) => a[0] === 'squeue').length;

  it('runs once and reports its own stderr and exit code, even if running it again would succeed', async () => {
    const { rt, log } = adapter([
      { match: cmd('squeue'), result: { stderr: sudo, exitCode: 1 }, times: 1 },
      { match: cmd('squeue'), result: { stdout: fixture('squeue-mixed.txt') } },
    ]);
    const err = await rt.jobs.list({ states: ['running'] }, { user: 'alice' }).catch((e) => e);
    expect(err).toMatchObject({ code: 'PERMISSION_DENIED', details: { stderr: sudo, exitCode: 1 } });
    expect(squeueRuns(log)).toBe(1);
  });

  it('is retried when the controller did not answer, and lists what the retry printed', async () => {
    const options = { readRetries: 1, retryDelayMs: 1 };
    const clean = adapter(
      [{ match: cmd('squeue'), result: { stdout: fixture('squeue-mixed.txt') } }],
      options,
    );
    const { rt, log } = adapter(
      [
        { match: cmd('squeue'), result: { stderr: down, exitCode: 1 }, times: 1 },
        { match: cmd('squeue'), result: { stdout: fixture('squeue-mixed.txt') } },
      ],
      options,
    );
    const expected = await clean.rt.jobs.list({ states: ['running'] }, {});
    expect(expected.jobs.map((j) => j.name)).toEqual(['fx-running']);
    expect(await rt.jobs.list({ states: ['running'] }, {})).toEqual(expected);
    expect(squeueRuns(log)).toBe(2);
  });

  it('reports a controller that never answers from its last run, after the retries', async () => {
    const { rt, log } = adapter([{ match: cmd('squeue'), result: { stderr: down, exitCode: 1 } }], {
      readRetries: 1,
      retryDelayMs: 1,
    });
    await expect(rt.jobs.list({ states: ['running'] }, {})).rejects.toMatchObject({
      code: 'SCHEDULER_UNAVAILABLE',
      details: { stderr: down, exitCode: 1 },
    });
    expect(squeueRuns(log)).toBe(2);
  });

  it.each([
    ['an unknown user', { users: ['nosuch'] }, 'squeue: error: Invalid user: nosuch\n'],
    ['an unknown account', { accounts: ['nosuch'] }, 'squeue: error: Invalid account: nosuch\n'],
    ['an unknown partition', { partitions: ['nosuch'] }, 'squeue: error: Invalid partition: nosuch\n'],
    ['a single id it does not hold', { jobIds: ['84'] }, 'slurm_load_jobs error: Invalid job id specified\n'],
  ])('it refuses for %s (exit 1) lists nothing, running once', async (_, filter, stderr) => {
    const { rt, log } = adapter([
      { match: cmd('squeue'), result: { stderr, exitCode: 1 } },
      { match: cmd('sacct'), result: { stdout: '' } },
    ]);
    expect(await rt.jobs.list({ ...filter, states: ['running'] }, {})).toEqual({ jobs: [], total: 0 });
    expect(squeueRuns(log)).toBe(1);
  });
});

describe('jobs.cancel', () => {
  const scancel = (file: string, exitCode = 0): Answer => ({
    match: cmd('scancel'),
    result: { stderr: fixture(file), exitCode },
  });

  it('reports already_ended for a finished job (scancel exits 0 and says so only with -v)', async () => {
    const { rt, log } = adapter([scancel('scancel-ended.txt')]);
    expect(await rt.jobs.cancel('84', {})).toEqual({ status: 'already_ended' });
    expect(log[0]).toEqual(['scancel', '-v', '84']);
  });

  it('is NOT_FOUND for an unknown id, after checking accounting', async () => {
    const { rt } = adapter([
      scancel('scancel-unknown.txt'),
      { match: cmd('squeue'), result: { stdout: '' } },
      { match: cmd('sacct'), result: { stdout: '' } },
    ]);
    await expect(rt.jobs.cancel('987654321', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("is PERMISSION_DENIED for another user's job (exit 210)", async () => {
    const { rt } = adapter([scancel('scancel-other-user.txt', 210)]);
    await expect(rt.jobs.cancel('88', { user: 'bob' })).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
      details: { exitCode: 210 },
    });
  });
});

describe('jobs.submit', () => {
  it('refines an association submit limit into account_blocked when the account is blocked', async () => {
    const { rt } = adapter([
      { match: cmd('sbatch'), result: { stderr: fixture('sbatch-account-blocked.txt'), exitCode: 1 } },
      {
        match: cmd('sacctmgr', 'assoc'),
        result: { stdout: 'ai4ec||||||0\nai4ec|alice||long,normal|normal||\n' },
      },
    ]);
    const err = await rt.jobs
      .submit({ command: 'true', account: 'ai4ec' }, { user: 'alice' })
      .catch((e) => e);
    expect(err.details).toMatchObject({
      reason: 'account_blocked',
      nativeReason: 'AssocGrpSubmitJobsLimit',
      subject: 'ai4ec',
    });
    expect(err.details.stderr).toBe(fixture('sbatch-account-blocked.txt'));
  });

  const live83 = records('squeue-mixed.txt').find((r) => r.includes('hpckit:key-1'))!;
  const socketTimeout = 'slurm_load_jobs error: Socket timed out on send/recv operation\n';

  it('looks the job up by its token when the controller timed out on sbatch, and finds it', async () => {
    const { rt, log } = adapter([
      { match: cmd('squeue'), result: { stdout: '' }, times: 1 },
      { match: cmd('sacct'), result: { stdout: '' }, times: 1 },
      {
        match: cmd('sbatch'),
        result: {
          stderr: 'sbatch: error: Batch job submission failed: Socket timed out on send/recv operation\n',
          exitCode: 1,
        },
      },
      { match: cmd('squeue'), result: { stdout: live83 } },
    ]);
    const result = await rt.jobs.submit({ command: 'true' }, { user: 'alice', idempotencyKey: 'key-1' });
    expect(result.job).toMatchObject({ id: '83', name: 'fx-ok' });
    expect(log.filter((a) => a[0] === 'sbatch')).toHaveLength(1);
  });

  it('looks the job up by its token when sbatch succeeded but printed no id', async () => {
    const { rt } = adapter([
      { match: cmd('squeue'), result: { stdout: '' }, times: 1 },
      { match: cmd('sacct'), result: { stdout: '' }, times: 1 },
      { match: cmd('sbatch'), result: { stdout: 'site banner: submissions are audited\n' } },
      { match: cmd('squeue'), result: { stdout: live83 } },
    ]);
    const result = await rt.jobs.submit({ command: 'true' }, { user: 'alice', idempotencyKey: 'key-1' });
    expect(result.job.id).toBe('83');
  });

  it("narrows a key's lookup to the job's name, and to accounting since the key's first sbatch here", async () => {
    const timedOut = 'sbatch: error: Batch job submission failed: Socket timed out on send/recv operation\n';
    const { rt, log } = adapter([
      { match: cmd('squeue'), result: { stdout: '' }, times: 2 },
      { match: cmd('sacct'), result: { stdout: '' }, times: 2 },
      { match: cmd('sbatch'), result: { stderr: timedOut, exitCode: 1 }, times: 1 },
      { match: cmd('squeue'), result: { stdout: live83 } },
    ]);
    const spec = { command: 'true', name: 'fx-ok' };
    const first = await rt.jobs.submit(spec, { user: 'alice', idempotencyKey: 'key-1' }).catch((e) => e);
    expect(first.code).toBe('SCHEDULER_UNAVAILABLE');
    // The caller retries with the same key: it is found, not submitted again.
    const retry = await rt.jobs.submit(spec, { user: 'alice', idempotencyKey: 'key-1' });
    expect(retry.job.id).toBe('83');
    expect(log.filter((a) => a[0] === 'sbatch')).toHaveLength(1);
    const lookups = log.filter((a) => a[0] === 'squeue' || a[0] === 'sacct');
    expect(lookups.map((a) => a[0])).toEqual(['squeue', 'sacct', 'squeue', 'sacct', 'squeue']);
    for (const args of lookups) expect(args).toContain('--name=fx-ok');
    const window = (args: string[]) =>
      Number(/^--starttime=now-(\d+)seconds$/.exec(args.find((a) => a.startsWith('--starttime='))!)![1]);
    const [beforeSbatch, afterSbatch] = lookups.filter((a) => a[0] === 'sacct').map(window);
    // Before this adapter ever sent the key, it may be a day old; once sent, minutes are enough.
    expect(beforeSbatch).toBeGreaterThanOrEqual(86_400);
    expect(beforeSbatch).toBeLessThanOrEqual(86_401);
    expect(afterSbatch).toBeGreaterThan(0);
    expect(afterSbatch).toBeLessThanOrEqual(15 * 60 + 5);
  });

  describe('with the recovery waits on a fake clock', () => {
    beforeEach(() => {
      // setImmediate stays real: it lets every pending promise settle without moving the clock.
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('gives up the token lookup right after its last attempt (0.5 s + 1 s of waits, no third)', async () => {
      const lost = new TransportError({
        details: { host: 'h' },
        message: 'connection lost',
        adapter: 'slurm',
      });
      const { rt, log } = adapter(
        [
          { match: cmd('sbatch'), result: {}, error: lost },
          { match: cmd('squeue'), result: { stderr: socketTimeout, exitCode: 1 } },
        ],
        { readRetries: 0 },
      );
      let settled: unknown;
      const submit = rt.jobs.submit({ command: 'true' }, { user: 'alice' }).catch((e) => {
        settled = e;
      });
      await vi.advanceTimersByTimeAsync(1_499);
      expect(settled).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      await new Promise((resolve) => setImmediate(resolve));
      expect(settled).toBe(lost);
      await submit;
      // Three lookups, each one squeue that failed (mapped from its own stderr, not run again).
      expect(log.filter((a) => a[0] === 'squeue')).toHaveLength(3);
    });
  });

  it('a missing sudoers rule is PERMISSION_DENIED naming the user and the rule, for reads and sbatch', async () => {
    const sudo = { stderr: 'sudo: a password is required\n', exitCode: 1 };
    const { rt } = adapter([
      { match: cmd('squeue'), result: sudo },
      { match: cmd('sbatch'), result: sudo },
    ]);
    for (const call of [
      rt.jobs.list({ states: ['running'] }, { user: 'alice' }),
      rt.jobs.submit({ command: 'true' }, { user: 'alice' }),
    ]) {
      const err = await call.catch((e) => e);
      expect(err.code).toBe('PERMISSION_DENIED');
      expect(err.details.action).toContain('as "alice" through sudo');
      expect(err.hint).toContain('sudoers');
    }
  });

  it('submits a fresh key through the client with one command, sbatch, describing the job from the spec', async () => {
    const transport = scriptedTransport([{ match: cmd('sbatch'), result: { stdout: '83\n' } }, ...common]);
    const client = createClient({ clusters: { hpc: { adapter: slurmAdapter({ transport }) } } });
    try {
      const alice = client.as('alice');
      // The first submission also learns alice's home (getent) and the cluster's name, once.
      await alice.jobs.submit({ command: 'true' });
      transport.log.length = 0;
      const before = Date.now();
      const handle = await alice.jobs.submit({
        name: 'fresh',
        command: 'true',
        account: 'ai4ec',
        partition: 'cpu',
        qos: 'normal',
        nodes: 2,
        coresPerNode: 4,
        memory: { perNode: '1G' },
        timeLimit: '90s',
        workingDirectory: 'runs',
        stdout: 'out-%x-%j.txt',
        hold: true,
        comment: 'my note',
      });
      expect(transport.log.map((argv) => argv[0])).toEqual(['sbatch']);
      const sbatch = transport.log[0]!;
      expect(sbatch.find((a) => a.startsWith('--comment='))).toMatch(
        // The named output pattern is recorded after the token, percent-encoded; the note follows.
        /^--comment=hpckit:[0-9a-f-]{36};o=out-%25x-%25j\.txt my note$/,
      );
      const { submitTime, ...job } = handle.job;
      expect(job).toEqual({
        // The client's key, not the Slurm cluster's name ("local"): job.cluster goes back into calls.
        cluster: 'hpc',
        id: '83',
        arrayJobId: undefined,
        name: 'fresh',
        user: 'alice',
        account: 'ai4ec',
        partition: 'cpu',
        qos: 'normal',
        state: { phase: 'held', raw: 'PENDING', reason: 'JobHeldUser' },
        requested: { nodes: 2, cores: 8, gpus: 0, memoryMiB: 2048 },
        elapsedSeconds: 0,
        timeLimitSeconds: 120,
        workingDirectory: '/home/alice/runs',
        stdoutPath: '/home/alice/runs/out-%x-%j.txt',
        stderrPath: '/home/alice/runs/out-%x-%j.txt',
        nodeList: [],
        comment: 'my note',
      });
      expect(submitTime.getTime() % 1000).toBe(0);
      expect(submitTime.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
      expect(submitTime.getTime()).toBeLessThanOrEqual(Date.now());
    } finally {
      await client.close();
    }
  });

  it("looks a caller's key up before submitting, through the client", async () => {
    const live = records('squeue-mixed.txt').find((r) => r.includes('hpckit:key-1'))!;
    const transport = scriptedTransport([{ match: cmd('squeue'), result: { stdout: live } }, ...common]);
    const client = createClient({ clusters: { hpc: { adapter: slurmAdapter({ transport }) } } });
    try {
      const handle = await client.as('alice').jobs.submit({ command: 'true' }, { idempotencyKey: 'key-1' });
      expect(handle.id).toBe('83');
      expect(transport.log.some((a) => a[0] === 'sbatch')).toBe(false);
    } finally {
      await client.close();
    }
  });

  it('returns the job found by its idempotency key instead of submitting again', async () => {
    const live = records('squeue-mixed.txt').find((r) => r.includes('hpckit:key-1'))!;
    const { rt, log } = adapter([{ match: cmd('squeue'), result: { stdout: live } }]);
    const result = await rt.jobs.submit({ command: 'true' }, { user: 'alice', idempotencyKey: 'key-1' });
    expect(result.job.name).toBe('fx-ok');
    expect(result.job.comment).toBe('my note');
    expect(log.some((a) => a[0] === 'sbatch')).toBe(false);
  });
});

describe('config.availability', () => {
  it('lists what the pair may use and says why each other partition or QoS is refused', async () => {
    const electroplatingAssociations = fixture('sacctmgr-assoc.txt')
      .split('\n')
      .filter((line) => line.startsWith('electroplating|'))
      .join('\n');
    const partitions = fixture('scontrol-partitions.txt')
      .replace(/(PartitionName=fat .*?)AllowAccounts=ALL/, '$1AllowAccounts=ai4ec')
      .replace(/(PartitionName=gpu .*?)AllowQos=ALL/, '$1AllowQos=normal');
    const { rt } = adapter([
      // sacctmgr answers "where accounts=electroplating" with that account's associations only.
      { match: cmd('sacctmgr', 'assoc'), result: { stdout: electroplatingAssociations } },
      { match: cmd('sacctmgr', 'account'), result: { stdout: 'ai4ec\nelectroplating\nroot\n' } },
      { match: cmd('scontrol', 'partition'), result: { stdout: partitions } },
      { match: cmd('scontrol', 'node'), result: { stdout: fixture('scontrol-nodes.txt') } },
    ]);
    const availability = await rt.config.availability({ user: 'alice', account: 'electroplating' });
    expect(availability.partitions).toEqual([
      { partition: 'cpu', qos: ['long', 'normal'], defaultQos: 'normal' },
      { partition: 'gpu', qos: ['normal'], defaultQos: 'normal' },
    ]);
    expect(availability.refused).toEqual([
      { partition: 'gpu', qos: 'long', reason: 'AllowQos of the partition does not include it' },
      { partition: 'fat', reason: 'AllowAccounts of the partition does not include "electroplating"' },
    ]);
    const outsider = await rt.config.availability({ user: 'bob', account: 'electroplating' });
    expect(outsider.refusal?.reason).toBe('invalid_account');
  });
});

describe('config.nodes', () => {
  it('asks scontrol for the named nodes in one hostlist and leaves out the ones it does not know', async () => {
    const { rt, log } = adapter([
      { match: cmd('scontrol', 'node'), result: { stdout: fixture('scontrol-node-named.txt'), exitCode: 1 } },
    ]);
    expect(await rt.config.nodes({ names: ['localhost', 'cn01', 'cn02', 'cn03'] })).toEqual([
      { name: 'localhost', hostname: 'localhost', address: '127.0.0.1' },
    ]);
    expect(log).toEqual([['scontrol', 'show', 'node', '-o', 'localhost,cn[01-03]']]);
  });

  it('reports a controller that does not answer, after the runner retried it', async () => {
    const down = {
      stderr: 'slurm_load_node error: Unable to contact slurm controller (connect failure)\n',
      exitCode: 1,
    };
    const { rt, log } = adapter([{ match: cmd('scontrol', 'node'), result: down }], {
      readRetries: 1,
      retryDelayMs: 1,
    });
    await expect(rt.config.nodes({ names: ['localhost'] })).rejects.toMatchObject({
      code: 'SCHEDULER_UNAVAILABLE',
      details: { stderr: down.stderr },
    });
    // One run and one retry, each mapped from its own output.
    expect(log.filter((a) => a[0] === 'scontrol')).toHaveLength(2);
  });

  it('runs a refused scontrol once and reports its own stderr, even if running it again would succeed', async () => {
    const denied = 'slurm_load_node error: Access/permission denied\n';
    const { rt, log } = adapter([
      { match: cmd('scontrol', 'node'), result: { stderr: denied, exitCode: 1 }, times: 1 },
      { match: cmd('scontrol', 'node'), result: { stdout: fixture('scontrol-node-named.txt') } },
    ]);
    const err = await rt.config.nodes({ names: ['localhost'] }).catch((e) => e);
    expect(err).toMatchObject({ code: 'PERMISSION_DENIED', details: { stderr: denied, exitCode: 1 } });
    expect(log.filter((a) => a[0] === 'scontrol')).toHaveLength(1);
  });
});

describe('sacctmgr and names that are also its keywords', () => {
  // "withassoc", "withdeleted", "where" and "set" are valid login and account names; sacctmgr
  // reads a bare one as a keyword ("show user withassoc" lists every user).
  const named = (log: string[][]) => log.filter((a) => a[0] === 'sacctmgr' && !a.includes('assoc'));

  it('names users only as name=<user> when adding, reading and removing them', async () => {
    const assoc =
      'ai4ec||||||\nai4ec|withassoc||normal|normal||\nelectroplating|withassoc||normal|normal||\n';
    const { rt, log } = adapter([
      // Before the assoc answer: "name=withassoc" contains "assoc".
      { match: cmd('sacctmgr', 'format=defaultaccount'), result: { stdout: 'ai4ec\n' } },
      { match: cmd('sacctmgr', 'assoc'), result: { stdout: assoc } },
      { match: cmd('sacctmgr', '-i'), result: { stdout: '' } },
    ]);
    await rt.users.remove({ user: 'withassoc', account: 'ai4ec' });
    await rt.users.add({ user: 'where', account: 'ai4ec' });
    expect(named(log)).toEqual([
      ['sacctmgr', '-n', '-P', 'show', 'user', 'where', 'name=withassoc', 'format=defaultaccount'],
      ['sacctmgr', '-i', 'modify', 'user', 'where', 'name=withassoc', 'set', 'DefaultAccount=electroplating'],
      ['sacctmgr', '-i', 'delete', 'user', 'where', 'name=withassoc', 'account=ai4ec'],
      ['sacctmgr', '-i', 'add', 'user', 'name=where', 'account=ai4ec'],
    ]);
  });

  it('creates an account as name=<account>', async () => {
    const { rt, log } = adapter([
      { match: cmd('sacctmgr', 'format=account'), result: { stdout: 'ai4ec\nelectroplating\nroot\n' } },
      { match: cmd('sacctmgr', '-i'), result: { stdout: '' } },
    ]);
    await rt.accounts.create({ name: 'withdeleted' });
    expect(named(log).filter((a) => a.includes('add'))).toEqual([
      ['sacctmgr', '-i', 'add', 'account', 'name=withdeleted'],
    ]);
  });

  it("reads a user's default account with where name=<user> when a submission without an account is refused", async () => {
    const { rt, log } = adapter([
      { match: cmd('sbatch'), result: { stderr: fixture('sbatch-account-blocked.txt'), exitCode: 1 } },
      { match: cmd('sacctmgr', 'format=defaultaccount'), result: { stdout: 'ai4ec\n' } },
      {
        match: cmd('sacctmgr', 'assoc'),
        result: { stdout: 'ai4ec||||||0\nai4ec|withassoc||long,normal|normal||\n' },
      },
      { match: cmd('getent'), result: { stdout: 'withassoc:x:2005:2005::/home/withassoc:/bin/bash\n' } },
    ]);
    const err = await rt.jobs.submit({ command: 'true' }, { user: 'withassoc' }).catch((e) => e);
    expect(err.details).toMatchObject({ reason: 'account_blocked', subject: 'ai4ec' });
    expect(named(log)).toEqual([
      ['sacctmgr', '-n', '-P', 'show', 'user', 'where', 'name=withassoc', 'format=defaultaccount'],
    ]);
  });
});
