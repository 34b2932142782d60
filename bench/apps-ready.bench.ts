/**
 * Time from `create` to `ready` of a Jupyter Notebook session on the test cluster (gpu partition,
 * as alice over SSH), split into scheduler wait and server start, beside a baseline measured in the
 * same run: a bare `sbatch` until squeue says RUNNING, plus `jupyter-notebook` started directly
 * until its API answers. Needs scripts/apps/up.sh.
 *
 * CPU and peak memory are the client side's, beside the shell doing the same scheduler work: the
 * SDK's process (user + system, with the commands it waited for) over create → ready, and GNU time's
 * figures for a shell running sbatch and polling squeue every 100 ms. The Jupyter server's own
 * CPU is the job's on the node in the SDK's case, so neither side counts it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { commandSessionFiles, createAppSessions } from '@hpckit/apps';
import { slurmAdapter } from '@hpckit/adapter-slurm';
import { createClient } from '@hpckit/core';
import { measure, report, section } from './lib/measure.js';
import { clusterUp, sshPerUser } from './lib/slurm-cluster.js';

const RUNS = 3;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function answers(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(1000) }).then(
    (r) => r.status < 500,
    () => false,
  );
}

/** Wall ms, CPU ms (user + system of the shell and what it ran) and peak MiB, from GNU time. */
interface ShellFigures {
  ms: number;
  cpuMs: number;
  peakMiB: number;
}

/** sbatch, then squeue every 100 ms until RUNNING, in one shell as alice, under GNU time. */
function bareSbatch(): ShellFigures {
  const loop = [
    "id=$(sbatch --parsable -p gpu --gres=gpu:1 -t 5 -o /dev/null -J bench-apps --wrap 'sleep 60') || exit 1",
    'until [ "$(squeue -h -j "$id" -o %T)" = RUNNING ]; do sleep 0.1; done',
    'scancel "$id"',
  ].join('; ');
  const run = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', 'su', '-', 'alice', '-c', loop], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const line = run.stderr.split('\n').find((l) => l.startsWith('TIME '));
  if (run.status !== 0 || !line) throw new Error(`bare sbatch failed: ${run.stderr}`);
  const [wall, user, system, maxKiB] = line.slice(5).split(' ').map(Number) as [
    number,
    number,
    number,
    number,
  ];
  return { ms: wall * 1000, cpuMs: (user + system) * 1000, peakMiB: maxKiB / 1024 };
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
  const sched: ShellFigures[] = [];
  const direct: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    sched.push(bareSbatch());
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
  const cpu: number[] = [];
  let peakMiB = 0;
  try {
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      let cancel = async () => {};
      const m = await measure(async () => {
        const session = await sessions.create('jupyter-notebook', { partition: 'gpu', hours: 1, cores: 2 });
        cancel = () => sessions.cancel(session);
        const created = performance.now() - t0;
        const ready = await sessions.waitReady(session, { timeout: 120_000 });
        create.push(created);
        wait.push(ready.timings.schedulerWaitMs);
        start.push(ready.timings.serverStartMs);
      });
      total.push(m.wallMs);
      cpu.push(m.cpuMs);
      peakMiB = Math.max(peakMiB, m.peakMiB);
      await cancel();
    }
  } finally {
    await root.close();
    await transport.close();
  }
  const shell = {
    ms: median(sched.map((s) => s.ms)),
    cpuMs: median(sched.map((s) => s.cpuMs)),
    peakMiB: Math.max(...sched.map((s) => s.peakMiB)),
  };
  const baseline = shell.ms + median(direct);
  report('baseline: sbatch → RUNNING (squeue, 100 ms)', {
    ms: shell.ms,
    'cpu ms': shell.cpuMs,
    'peak MiB': shell.peakMiB,
  });
  report('baseline: jupyter-notebook direct → /api', { ms: median(direct) });
  report('baseline: sum', { ms: baseline });
  report('sdk: of which create() (mkdir, submit, files)', { ms: median(create) });
  report('sdk: scheduler wait (create → seen running)', { ms: median(wait) });
  report('sdk: server start (connection file + probe)', { ms: median(start) });
  report('sdk: create → ready', {
    ms: median(total),
    ratio: median(total) / baseline,
    'cpu ms': median(cpu),
    cpuRatio: `${(median(cpu) / shell.cpuMs).toFixed(2)}x the shell's`,
    'peak MiB': peakMiB,
    memRatio: `${(peakMiB / shell.peakMiB).toFixed(2)}x the shell's`,
  });
}
