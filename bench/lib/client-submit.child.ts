/**
 * The client side of bench/slurm-submit.bench.ts, run in a process of its own so that its CPU
 * and memory are its own: `client-submit.child.ts <local|ssh> <n> [sweep]` submits `n` held jobs
 * through `client.jobs.submit`, one after another (or, with `sweep`, all at once through
 * `client.jobs.submitMany`), after one warm-up submission (the connection, and the adapter's
 * one-time lookups of the user's home and the cluster's name), and prints the measurement of the
 * `n` as one JSON line. `local` runs sbatch directly: start it as the user, like the shell loop
 * it is compared with. `local <n> spawn` submits through a local transport that spawns every
 * command (`helperShell: 'off'`), the way it ran before helper shells.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { slurmAdapter } from '@hpckit/adapter-slurm';
import { createClient } from '@hpckit/core';
import { localTransport, type Transport } from '@hpckit/transport';
import { sshAs } from '../../test/support/test-cluster.js';
import { processTreeCpuMs as cpuMs } from './measure.js';

/** What the child prints; bench/slurm-submit.bench.ts reads it. */
export interface ChildMeasurement {
  wallMs: number;
  /** CPU of the process and of the children it ran (sbatch, locally), user + system. */
  cpuMs: number;
  /** Resident memory before the submissions, and its peak while they ran. */
  rssBeforeMiB: number;
  rssPeakMiB: number;
  /** Commands the transport ran for the `n` submissions, by program. */
  commands: Record<string, number>;
  /**
   * Locally: the same sbatch command and script spawned `n` times by this process without the
   * SDK, the floor of any Node client.
   */
  bareSpawn?: { wallMs: number; cpuMs: number };
}

/** Spec of every benchmark job: held, so the cluster stays idle until they are cancelled. */
const BENCH_SPEC = {
  name: 'bench-submit',
  command: 'true',
  hold: true,
  timeLimit: '1m',
  stdout: '/dev/null',
} as const;

/** Runs a command with `stdin` and drains its output, as the local transport does. */
function spawnOnce(program: string, args: string[], stdin: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout.resume();
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${program} exited ${code}`))));
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin);
  });
}

async function main(): Promise<void> {
  const [mode, count, how] = process.argv.slice(2);
  const n = Number(count);
  const transport: Transport =
    mode === 'ssh' ? sshAs('alice') : localTransport({ helperShell: how === 'spawn' ? 'off' : 'own' });
  // Submits as the transport's login, like the raw sbatch baseline.
  const client = createClient({
    clusters: { hpc: { adapter: slurmAdapter({ transport }), actAsLogin: true } },
  });
  const warmUp = await client.jobs.submit(BENCH_SPEC);
  const before = transport.stats().byProgram;
  const rssBefore = process.memoryUsage.rss();
  let rssPeak = rssBefore;
  const cpu0 = cpuMs();
  const t0 = performance.now();
  if (how === 'sweep') {
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
    }, 5);
    const items = await client.jobs.submitMany(Array.from({ length: n }, () => BENCH_SPEC));
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
    const failed = items.filter((item) => item.status !== 'submitted');
    if (failed.length > 0)
      throw new Error(`${failed.length} of ${n} jobs not submitted: ${JSON.stringify(failed[0])}`);
  } else {
    for (let i = 0; i < n; i++) {
      await client.jobs.submit(BENCH_SPEC);
      rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
    }
  }
  const wallMs = performance.now() - t0;
  // Local helper shells are reaped on close, and only then does their CPU (and that of the
  // sbatch they ran) count among this process's children.
  if (mode !== 'ssh') await transport.close();
  const cpu = cpuMs() - cpu0;
  const after = transport.stats().byProgram;
  const commands = Object.fromEntries(
    Object.entries(after)
      .map(([program, calls]) => [program, calls - (before[program] ?? 0)] as const)
      .filter(([, calls]) => calls > 0),
  );
  const result: ChildMeasurement = {
    wallMs,
    cpuMs: cpu,
    rssBeforeMiB: rssBefore / 2 ** 20,
    rssPeakMiB: rssPeak / 2 ** 20,
    commands,
  };
  if (mode === 'local' && how === undefined) {
    const [program, ...args] = (await client.jobs.render(BENCH_SPEC)).command as [string, ...string[]];
    const cpu1 = cpuMs();
    const t1 = performance.now();
    for (let i = 0; i < n; i++) await spawnOnce(program, args, warmUp.script!);
    result.bareSpawn = { wallMs: performance.now() - t1, cpuMs: cpuMs() - cpu1 };
  }
  // Closed last: a closed client refuses every call, `render` included.
  await client.close();
  console.log(JSON.stringify(result));
}

await main();
process.exit(0);
