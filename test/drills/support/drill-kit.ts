/**
 * What every reliability drill needs: the cluster's daemons stopped and restored through the
 * project's scripts (and checked healthy afterwards, since other engineers' tests share the
 * cluster), raw Slurm reads as root that do not go through the SDK under test, process
 * measurements, and the table each drill prints of what it measured.
 */
import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Job, JobOutcome, JobStateEvent } from '@hpckit/core';

const SCRIPTS = join(import.meta.dirname, '../../../scripts');
const UP = join(SCRIPTS, 'slurm-cluster/up.sh');
const DOWN = join(SCRIPTS, 'slurm-cluster/down.sh');
const run = promisify(execFile);

/** The daemons `down.sh --only` stops and `up.sh` brings back. */
export type Daemon = 'sshd' | 'slurmctld' | 'slurmd' | 'slurmdbd' | 'mariadb';

/** Stops one daemon of the test cluster (`down.sh --only`), without blocking the event loop. */
export async function stopDaemon(name: Daemon): Promise<void> {
  await run(DOWN, ['--only', name], { timeout: 60_000 });
}

/** Starts one daemon stopped by {@link stopDaemon} (`up.sh --only`) and waits until it answers. */
export async function startDaemon(name: Daemon): Promise<void> {
  await run(UP, ['--only', name], { timeout: 120_000 });
}

/**
 * Brings every daemon back and checks the cluster is healthy (`sinfo` shows the node usable,
 * `sacctmgr show cluster` answers): drills run in `finally`/`afterAll` so a failed drill never
 * leaves the shared cluster broken. Throws if it is not healthy after that.
 */
export async function restoreCluster(): Promise<void> {
  await run(UP, [], { timeout: 180_000 });
  const node = (await run('sinfo', ['-h', '-N', '-o', '%T'], { timeout: 30_000 })).stdout;
  if (!/^(idle|mixed|allocated)/m.test(node))
    throw new Error(`cluster node not usable after restore: ${node}`);
  const cluster = (
    await run('sacctmgr', ['-n', '-P', 'show', 'cluster', 'format=cluster'], { timeout: 30_000 })
  ).stdout;
  if (cluster.trim() === '') throw new Error('sacctmgr show cluster printed nothing after restore');
}

/**
 * Cancels every job of `user` named `name` (as root) until squeue holds none: a task caught
 * between two runs (requeued) can miss one scancel.
 */
export async function cancelNamed(user: string, name: string): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const left = await queuedByName(user, name);
    if (left.every((j) => j.state === 'COMPLETED' || j.state === 'FAILED' || j.state === 'CANCELLED')) return;
    execFileSync('scancel', ['--quiet', `--user=${user}`, `--name=${name}`], { stdio: 'ignore' });
    await sleep(1000);
  }
}

/**
 * Sends back to work `user`'s jobs named `name` that Slurm requeued after failing to launch them
 * (on a loaded machine the node stops answering in time, and the task is requeued): held ones
 * ("launch failed requeued held") are released, and ones requeued with a start delay
 * (`BeginTime`) may start now. What an operator does; returns how many it touched.
 */
export async function hurryRequeued(user: string, name: string): Promise<number> {
  const queued = await queuedByName(user, name);
  const held = queued.filter((j) => /launch failed requeued held/i.test(j.reason)).map((j) => j.id);
  const delayed = queued.filter((j) => j.state === 'PENDING' && j.reason === 'BeginTime').map((j) => j.id);
  const scontrol = (args: string[]) => run('scontrol', args, { timeout: 30_000 }).catch(() => undefined);
  if (held.length > 0) await scontrol(['release', held.join(',')]);
  for (const id of delayed) await scontrol(['update', `JobId=${id}`, 'StartTime=now']);
  return held.length + delayed.length;
}

/** A job as raw squeue (as root) lists it. */
export interface QueuedJob {
  id: string;
  state: string;
  reason: string;
  comment: string;
}

/** Raw squeue as root: `user`'s jobs named `name`, array tasks expanded, finished ones included. */
export async function queuedByName(user: string, name: string): Promise<QueuedJob[]> {
  const { stdout } = await run(
    'squeue',
    ['-h', '-r', '--states=all', `--user=${user}`, `--name=${name}`, '-o', '%i|%T|%r|%k'],
    { timeout: 30_000, maxBuffer: 64 << 20 },
  );
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id = '', state = '', reason = '', ...comment] = line.split('|');
      return { id, state, reason, comment: comment.join('|') };
    });
}

/** How long `afterAll` may take to cancel a drill's jobs and restore the cluster. */
export const RESTORE_TIMEOUT_MS = 240_000;

/** Resolves after `ms` of real time. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` every `everyMs` until it returns true or `timeoutMs` passes; returns whether it did. */
export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 500) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(everyMs);
  }
  return check();
}

/** What watching some jobs saw: the last state of each ended job, and outcomes that were wrong. */
export interface WatchedOutcomes {
  final: Map<string, Job>;
  falseOutcomes: string[];
  /** Resolves when the watch stream ends (every job ended). */
  done: Promise<void>;
}

/**
 * Consumes a watch stream, checking every ended job's outcome against `expected(id)` as it comes:
 * a job must never be reported with an outcome it did not have.
 */
export function checkOutcomes(
  stream: AsyncIterable<JobStateEvent>,
  expected: (id: string) => JobOutcome,
): WatchedOutcomes {
  const final = new Map<string, Job>();
  const falseOutcomes: string[] = [];
  const done = (async () => {
    for await (const { job } of stream) {
      if (job.state.phase !== 'ended') continue;
      const want = expected(job.id);
      if (job.state.outcome !== want)
        falseOutcomes.push(`${job.id}: ${job.state.outcome} (${job.state.raw}), expected ${want}`);
      final.set(job.id, job);
    }
  })();
  return { final, falseOutcomes, done };
}

/** How many jobs ended with each outcome, e.g. `completed×900 failed×100`. */
export function outcomeCounts(jobs: Iterable<Job>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const job of jobs)
    counts.set(job.state.outcome ?? '?', (counts.get(job.state.outcome ?? '?') ?? 0) + 1);
  return counts;
}

/** A count map as one line: `completed×900 failed×100`, or `none`. */
export const counted = (counts: Map<string, number>) =>
  [...counts].map(([k, n]) => `${k}×${n}`).join(' ') || 'none';

/** CPU time of this process, in ms, since `since` (a `process.cpuUsage()` reading). */
export function cpuMsSince(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** Samples this process's resident memory every 100 ms; `stop()` returns the peak in MiB. */
export function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return Math.round((Math.max(peak, process.memoryUsage.rss()) / 1048576) * 10) / 10;
    },
  };
}

/**
 * Prints what a drill measured as a two-column table. Written to the process's stdout directly:
 * the test setup fails any test that writes through `console`, which the library must never do.
 */
export function printTable(title: string, rows: Record<string, string | number | boolean>): void {
  const width = Math.max(...Object.keys(rows).map((k) => k.length));
  const lines = Object.entries(rows).map(([k, v]) => `  ${k.padEnd(width)}  ${formatValue(v)}`);
  process.stdout.write(`\n[drill] ${title}\n${lines.join('\n')}\n`);
}

function formatValue(v: string | number | boolean): string {
  if (typeof v !== 'number') return String(v);
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return v >= 100 ? v.toFixed(0) : v.toFixed(2);
}
