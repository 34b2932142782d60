/**
 * Drill: 10,000 jobs watched on the real cluster, one held array `--array=0-9999` watched task by
 * task through one client over SSH. Measures what a poll of all of them costs (commands run, CPU,
 * wall time, memory); then the array is cancelled and every task must end `cancelled` (not
 * `completed`, not `unknown`), seen by the same poller.
 */
import type { Job } from '@hpckit/core';
import { expect, it } from 'vitest';
import { assertClusterUp } from '../support/test-cluster.js';
import {
  cleanUpAround,
  counted,
  cpuMsSince,
  drillClient,
  drillName,
  outcomeCounts,
  printTable,
  rssSampler,
  sized,
  waitUntil,
} from './support/drill-kit.js';

assertClusterUp();

const TASKS = 10_000;
// CI size: the same 10,000 jobs, fewer measured polls.
const TICKS = sized(5, 2);
const NAME = drillName('10k');

const drill = drillClient({
  // Polls are triggered by hand, so each one is measured alone: no timer, not even the faster
  // pace of a job's first minute.
  polling: { minIntervalMs: 600_000, youngJobWindowMs: 0 },
});
const { transport, client, alice } = drill;
cleanUpAround('10k', drill);

it('10,000 jobs watched: one adapter call per poll, and every task ends with its true outcome', async () => {
  const rss = rssSampler();
  const heap0 = process.memoryUsage().heapUsed;
  const array = await alice.jobs.submit({
    name: NAME,
    command: 'true',
    array: `0-${TASKS - 1}`,
    hold: true,
    account: 'electroplating',
    timeLimit: '5m',
    memory: { perNode: '32M' },
    stdout: '/dev/null',
  });
  const ids = Array.from({ length: TASKS }, (_, i) => `${array.id}_${i}`);
  let ticks = 0;
  client.on('poll:tick', () => ticks++);

  const w0 = Date.now();
  const ended = new Map<string, Job>();
  let first = 0;
  const watching = (async () => {
    for await (const { job } of alice.jobs.watch(ids)) {
      first++;
      if (job.state.phase === 'ended') ended.set(job.id, job);
    }
  })();
  await waitUntil(() => first >= TASKS, 120_000, 50);
  const watchStartMs = Date.now() - w0;

  const ticks0 = ticks;
  const calls0 = transport.stats();
  const cpu0 = process.cpuUsage();
  const t0 = Date.now();
  for (let i = 0; i < TICKS; i++) await alice.pollNow();
  const wallPerTick = (Date.now() - t0) / TICKS;
  const cpuPerTick = cpuMsSince(cpu0) / TICKS;
  const calls1 = transport.stats();
  const commandsPerTick = (calls1.calls - calls0.calls) / TICKS;
  const byProgram = Object.entries(calls1.byProgram)
    .map(([p, n]) => [p, (n - (calls0.byProgram[p] ?? 0)) / TICKS] as const)
    .filter(([, n]) => n > 0);
  const listCallsPerTick = (ticks - ticks0) / TICKS;
  const heapMiB = (process.memoryUsage().heapUsed - heap0) / 1048576;
  const endedWhileHeld = ended.size;

  // Cancelled after the measurement: the poller must see every task end, and end as cancelled.
  await alice.jobs.cancel(array.id);
  const c0 = Date.now();
  const allEnded = await waitUntil(
    async () => {
      await alice.pollNow();
      return ended.size === TASKS;
    },
    180_000,
    1000,
  );
  const cancelSeenMs = Date.now() - c0;
  await Promise.race([watching, new Promise((r) => setTimeout(r, 2000))]);
  const outcomes = outcomeCounts(ended.values());

  printTable('10,000 jobs watched (held array, then cancelled)', {
    'jobs watched': TASKS,
    'watch start: first states (s)': watchStartMs / 1000,
    'ticks measured': TICKS,
    'adapter calls per tick (jobs.list)': listCallsPerTick,
    'commands per tick': commandsPerTick,
    'commands per tick by program': byProgram.map(([p, n]) => `${p}×${n}`).join(' '),
    'CPU per tick (ms)': cpuPerTick,
    'wall per tick (ms)': wallPerTick,
    'heap growth while watching (MiB)': heapMiB,
    'ended while held (false outcomes)': endedWhileHeld,
    'all ended after cancel (s)': cancelSeenMs / 1000,
    outcomes: counted(outcomes),
    'peak RSS (MiB)': rss.stop(),
  });

  expect(listCallsPerTick).toBe(1);
  expect(commandsPerTick).toBeLessThanOrEqual(2);
  expect(endedWhileHeld).toBe(0);
  expect(allEnded).toBe(true);
  expect(outcomes.get('cancelled')).toBe(TASKS);
}, 420_000);
