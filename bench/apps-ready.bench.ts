/**
 * Time from `create` to `ready` of a Jupyter Notebook session on the test cluster (gpu partition,
 * as alice over SSH), split into scheduler wait and server start, beside a baseline measured in the
 * same run: a bare `sbatch` until squeue says RUNNING, plus `jupyter-notebook` started directly
 * until its API answers. Needs scripts/apps/up.sh.
 */
import { execFileSync, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { commandSessionFiles, createAppSessions } from '@hpckit/apps';
import { slurmAdapter } from '@hpckit/adapter-slurm';
import { createClient } from '@hpckit/core';
import { report, section } from './lib/measure.js';
import { clusterUp, sshPerUser } from './lib/slurm-cluster.js';

const RUNS = 3;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const asAlice = (cmd: string) => execFileSync('su', ['-', 'alice', '-c', cmd], { encoding: 'utf8' }).trim();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function answers(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(1000) }).then(
    (r) => r.status < 500,
    () => false,
  );
}

async function bareSbatchMs(): Promise<number> {
  const t0 = performance.now();
  const id = asAlice(
    "sbatch --parsable -p gpu --gres=gpu:1 -t 5 -o /dev/null -J bench-apps --wrap 'sleep 60'",
  );
  while (asAlice(`squeue -h -j ${id} -o %T`) !== 'RUNNING') await sleep(100);
  const ms = performance.now() - t0;
  asAlice(`scancel ${id}`);
  return ms;
}

async function directJupyterMs(port: number): Promise<number> {
  const t0 = performance.now();
  const child = spawn(
    'su',
    ['-', 'alice', '-c', `exec jupyter-notebook --no-browser --ip=127.0.0.1 --port=${port} --port-retries=0`],
    {
      stdio: 'ignore',
      env: { ...process.env, JUPYTER_TOKEN: 'x'.repeat(64) },
      detached: true,
    },
  );
  while (!(await answers(`http://127.0.0.1:${port}/api`))) await sleep(100);
  const ms = performance.now() - t0;
  process.kill(-child.pid!, 'SIGTERM');
  return ms;
}

/** Runs the benchmark. */
export async function run(): Promise<void> {
  if (!clusterUp()) {
    console.log('  skipped: cluster not up (run scripts/apps/up.sh)');
    return;
  }
  section(`Jupyter Notebook session, create → ready (median of ${RUNS})`);
  const sched: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    sched.push(await bareSbatchMs());
    direct.push(await directJupyterMs(38_800 + i));
  }

  const transport = sshPerUser();
  const root = createClient({
    clusters: { local: { adapter: slurmAdapter({ transport }) } },
    polling: { minIntervalMs: 250, maxIntervalMs: 1000 },
  });
  const client = root.as('alice');
  const sessions = createAppSessions({
    client,
    files: commandSessionFiles(transport, 'alice'),
    readyIntervalMs: 100,
  });
  const create: number[] = [];
  const wait: number[] = [];
  const start: number[] = [];
  const total: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const session = await sessions.create('jupyter-notebook', { partition: 'gpu', hours: 1, cores: 2 });
      const created = performance.now() - t0;
      const ready = await sessions.waitReady(session, { timeout: 120_000 });
      create.push(created);
      wait.push(ready.timings.schedulerWaitMs);
      start.push(ready.timings.serverStartMs);
      total.push(performance.now() - t0);
      await sessions.cancel(session);
    }
  } finally {
    await root.close();
    await transport.close();
  }
  const baseline = median(sched) + median(direct);
  report('baseline: sbatch → RUNNING (squeue, 100 ms)', { ms: median(sched) });
  report('baseline: jupyter-notebook direct → /api', { ms: median(direct) });
  report('baseline: sum', { ms: baseline });
  report('sdk: of which create() (mkdir, submit, files)', { ms: median(create) });
  report('sdk: scheduler wait (create → seen running)', { ms: median(wait) });
  report('sdk: server start (connection file + probe)', { ms: median(start) });
  report('sdk: create → ready', { ms: median(total), ratio: median(total) / baseline });
}
