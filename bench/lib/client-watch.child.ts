/**
 * The client side of bench/slurm-watch.bench.ts, run in a process of its own so that its CPU and
 * memory are its own. Two modes, each printing one JSON line:
 *
 * - `watch short <n>`: as alice (root acting through sudo), submits `n` short jobs (`sleep 2` to
 *   `sleep 9`) and waits on every handle (`handle.wait()`, one shared poller), recording when each
 *   end was noticed. `watch timeout 1`: the same with one `sleep 90` job with a 1-minute limit.
 *   See {@link WatchMeasurement}.
 * - `lookup <ids-file> <runs>`: as the service account (root, no acting user), looks the ids up
 *   with `client.jobs.list({ jobIds })` `runs` times after one warm-up. See
 *   {@link LookupMeasurement}.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { slurmAdapter } from '@hpckit/adapter-slurm';
import { createClient } from '@hpckit/core';
import { localTransport } from '@hpckit/transport';
import { peakRssMiB, processTreeCpuMs } from './measure.js';

/** What `watch` prints. */
export interface WatchMeasurement {
  jobs: string[];
  /** When the client noticed each job's end (epoch ms). */
  noticedAt: Record<string, number>;
  /** CPU of the process and of the commands it ran, from the first submission to the last end. */
  cpuMs: number;
  peakMiB: number;
  /** From the first submission to the last end noticed, for the scheduler calls per second. */
  wallMs: number;
  /** Polls of the shared poller, and the scheduler commands of the whole run by program. */
  ticks: number;
  listCalls: number;
  commands: Record<string, number>;
}

/** What `lookup` prints. */
export interface LookupMeasurement {
  found: number;
  /** Wall time of each measured call. */
  wallMs: number[];
  cpuMsPerCall: number;
  peakMiB: number;
  /** Scheduler commands per call, by program. */
  commandsPerCall: Record<string, number>;
}

const delta = (after: Record<string, number>, before: Record<string, number>, per = 1) =>
  Object.fromEntries(
    Object.entries(after)
      .map(([program, n]) => [program, (n - (before[program] ?? 0)) / per] as const)
      .filter(([, n]) => n > 0),
  );

async function watch(kind: string, n: number): Promise<WatchMeasurement> {
  const transport = localTransport({ actAs: { mode: 'sudo' } });
  // HPCKIT_BENCH_POLLING='{"youngJobWindowMs":0}' measures other pacing (the default is measured).
  const polling = process.env.HPCKIT_BENCH_POLLING ? JSON.parse(process.env.HPCKIT_BENCH_POLLING) : {};
  const client = createClient({ clusters: { local: { adapter: slurmAdapter({ transport }), polling } } });
  const alice = client.as('alice');
  // HPCKIT_BENCH_TRACE=1 prints every poll's latency and the interval chosen after it.
  if (process.env.HPCKIT_BENCH_TRACE) {
    alice.on('poll:tick', (e) =>
      console.error(
        `${kind} ${Date.now()} watched=${e.watched} latency=${e.latencyMs}ms next=${e.nextInMs}ms`,
      ),
    );
  }
  const noticedAt: Record<string, number> = {};
  const waits: Promise<unknown>[] = [];
  const jobs: string[] = [];
  const before = transport.stats().byProgram;
  const cpu0 = processTreeCpuMs();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const handle = await alice.jobs.submit({
      name: 'bench-watch',
      stdout: '/dev/null',
      ...(kind === 'timeout'
        ? { command: 'sleep 90', timeLimit: '1m' }
        : { command: `sleep ${2 + (i % 8)}`, timeLimit: '5m' }),
    });
    jobs.push(handle.id);
    waits.push(handle.wait().then(() => (noticedAt[handle.id] = Date.now())));
  }
  await Promise.all(waits);
  const stats = alice.pollerStats();
  const result: WatchMeasurement = {
    jobs,
    noticedAt,
    cpuMs: processTreeCpuMs() - cpu0,
    peakMiB: peakRssMiB(),
    wallMs: performance.now() - t0,
    ticks: stats.ticks,
    listCalls: stats.listCalls,
    commands: delta(transport.stats().byProgram, before),
  };
  await client.close();
  return result;
}

async function lookup(ids: string[], runs: number): Promise<LookupMeasurement> {
  const transport = localTransport();
  const client = createClient({ clusters: { local: { adapter: slurmAdapter({ transport }) } } });
  // The warm-up pays the adapter's one-time lookups (the cluster's name).
  await client.jobs.list({ jobIds: ids });
  const before = transport.stats().byProgram;
  const cpu0 = processTreeCpuMs();
  const wallMs: number[] = [];
  let found = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    found = (await client.jobs.list({ jobIds: ids })).total;
    wallMs.push(performance.now() - t0);
  }
  const result: LookupMeasurement = {
    found,
    wallMs,
    cpuMsPerCall: (processTreeCpuMs() - cpu0) / runs,
    peakMiB: peakRssMiB(),
    commandsPerCall: delta(transport.stats().byProgram, before, runs),
  };
  await client.close();
  return result;
}

const [mode, ...args] = process.argv.slice(2);
const result =
  mode === 'watch'
    ? await watch(args[0]!, Number(args[1]))
    : await lookup(readFileSync(args[0]!, 'utf8').split(/\s+/).filter(Boolean), Number(args[1]));
console.log(JSON.stringify(result));
process.exit(0);
