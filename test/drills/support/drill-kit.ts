/**
 * What every reliability drill needs: the cluster's daemons stopped and restored through the
 * project's scripts (and checked healthy afterwards, since other engineers' tests share the
 * cluster), raw Slurm reads as root that do not go through the SDK under test, process
 * measurements, and the table each drill prints of what it measured.
 */
import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type SlurmAdapterOptions, slurmAdapter } from '@hpckit/adapter-slurm';
import {
  type ClientOptions,
  createClient,
  type Job,
  type JobOutcome,
  type JobStateEvent,
} from '@hpckit/core';
import type { SshTransportOptions } from '@hpckit/transport';
import { afterAll, beforeAll } from 'vitest';
import { sshServiceAccount } from '../../support/test-cluster.js';

const SCRIPTS = join(import.meta.dirname, '../../../scripts');
const UP = join(SCRIPTS, 'slurm-cluster/up.sh');
const DOWN = join(SCRIPTS, 'slurm-cluster/down.sh');
const run = promisify(execFile);

/**
 * Whether the drills run in their CI size (`HPCKIT_DRILL_SIZE=ci`, what `.ci/run` sets): fewer
 * jobs and shorter waits, with the same properties checked, so every drill fits CI's budget.
 * `npm run test:drills` alone runs the full size the issue describes.
 */
const CI_SIZE = process.env.HPCKIT_DRILL_SIZE === 'ci';

/** `full` for a full-size run of a drill, `ci` for its CI size (see {@link CI_SIZE}). */
export const sized = <T>(full: T, ci: T): T => (CI_SIZE ? ci : full);

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
async function restoreCluster(): Promise<void> {
  await run(UP, [], { timeout: 180_000 });
  const node = (await run('sinfo', ['-h', '-N', '-o', '%T'], { timeout: 30_000 })).stdout;
  if (!/^(idle|mixed|allocated)/m.test(node))
    throw new Error(`cluster node not usable after restore: ${node}`);
  const cluster = (
    await run('sacctmgr', ['-n', '-P', 'show', 'cluster', 'format=cluster'], { timeout: 30_000 })
  ).stdout;
  if (cluster.trim() === '') throw new Error('sacctmgr show cluster printed nothing after restore');
}

/** The user every cluster drill submits as. */
const DRILL_USER = 'alice';

/**
 * A drill's job name, `drill-<kind>-<pid>`: unique to this run, and under a prefix that lets the
 * next run of the same drill cancel what a killed run left behind.
 */
export const drillName = (kind: string) => `drill-${kind}-${process.pid}`;

/** What a cluster drill works with: its SSH transport (for its stats) and one client acting as alice. */
export interface DrillClient {
  transport: ReturnType<typeof sshServiceAccount>;
  client: ReturnType<typeof createClient>;
  alice: ReturnType<ReturnType<typeof createClient>['as']>;
}

/**
 * The client a drill watches through: the Slurm adapter over the pooled SSH transport as the
 * portal service account, with the drill's own transport, adapter and polling settings.
 */
export function drillClient(
  options: {
    transport?: Partial<SshTransportOptions>;
    adapter?: Omit<Partial<SlurmAdapterOptions>, 'transport'>;
    polling?: ClientOptions['polling'];
  } = {},
): DrillClient {
  const transport = sshServiceAccount(options.transport);
  const client = createClient({
    clusters: { hpc: { adapter: slurmAdapter({ transport, ...options.adapter }) } },
    ...(options.polling ? { polling: options.polling } : {}),
  });
  return { transport, client, alice: client.as(DRILL_USER) };
}

/**
 * Keeps the shared cluster clean around a drill whose jobs are named {@link drillName}`(kind)`:
 * before it, cancels what an earlier, killed run of the same drill left behind; after it, whether
 * it passed, failed or timed out, brings every daemon back first (squeue and scancel need
 * slurmctld), then cancels the drill's jobs and closes its client. Every step runs even if an
 * earlier one threw; the first error is rethrown.
 */
export function cleanUpAround(kind: string, drill: Pick<DrillClient, 'client'>): void {
  const prefix = `drill-${kind}-`;
  beforeAll(() => cancelByPrefix(DRILL_USER, prefix), RESTORE_TIMEOUT_MS);
  afterAll(async () => {
    const errors: unknown[] = [];
    for (const step of [
      restoreCluster,
      () => cancelByPrefix(DRILL_USER, prefix),
      () => drill.client.close(),
    ]) {
      try {
        await step();
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length > 0) throw errors[0];
  }, RESTORE_TIMEOUT_MS);
}

const FINISHED = new Set([
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'TIMEOUT',
  'OUT_OF_MEMORY',
  'NODE_FAIL',
  'PREEMPTED',
]);

/**
 * Cancels (as root) every job of `user` whose name starts with `prefix` until squeue lists none
 * unfinished: a task caught between two runs (requeued) can miss one scancel. Throws if some are
 * still there after a minute, so a drill never silently leaves jobs on the shared cluster.
 */
async function cancelByPrefix(user: string, prefix: string): Promise<void> {
  for (let attempt = 0; attempt < 30; attempt++) {
    const left = (await queuedOf(user)).filter((j) => j.name.startsWith(prefix) && !FINISHED.has(j.state));
    if (left.length === 0) return;
    for (const name of new Set(left.map((j) => j.name)))
      execFileSync('scancel', ['--quiet', `--user=${user}`, `--name=${name}`], { stdio: 'ignore' });
    await sleep(2000);
  }
  throw new Error(`jobs of ${user} named ${prefix}* still queued after a minute of scancel`);
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
  name: string;
  state: string;
  reason: string;
  comment: string;
}

/** Raw squeue as root: `user`'s jobs named `name`, array tasks expanded, finished ones included. */
export function queuedByName(user: string, name: string): Promise<QueuedJob[]> {
  return queuedOf(user, [`--name=${name}`]);
}

async function queuedOf(user: string, filter: string[] = []): Promise<QueuedJob[]> {
  const { stdout } = await run(
    'squeue',
    ['-h', '-r', '--states=all', `--user=${user}`, ...filter, '-o', '%i|%T|%r|%j|%k'],
    { timeout: 30_000, maxBuffer: 64 << 20 },
  );
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id = '', state = '', reason = '', name = '', ...comment] = line.split('|');
      return { id, name, state, reason, comment: comment.join('|') };
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
