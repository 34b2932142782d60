/**
 * Watching 10,000 jobs: adapter calls per poll (must be 1) and CPU time per poll, beside two
 * baselines measured in the same run: the bare adapter list call the poll is built on (the floor),
 * and naive per-job polling (one `get` per job, what dashboards built on stateless peers do).
 */
import { createClient } from '@hpckit/core';
import { mockAdapter } from '@hpckit/adapter-mock';
import { measure, report, section } from './lib/measure.js';

const JOBS = Number(process.env.HPCKIT_BENCH_WATCH_JOBS ?? 10_000);
const TICKS = 20;

export async function run(): Promise<void> {
  const mock = mockAdapter();
  // A long minimum interval keeps the timer out of the measurement: polls are triggered by hand.
  const client = createClient({ clusters: { hpc: { adapter: mock, polling: { minIntervalMs: 600_000 } } } });
  const alice = client.as('alice');
  const handles = [];
  for (let i = 0; i < JOBS; i++) {
    handles.push(
      await alice.jobs.submit({
        command: 'sleep 1h',
        hold: true,
        account: 'electroplating',
        partition: 'cpu',
      }),
    );
  }
  const unsubscribe = handles.map((h) => h.on('state', () => {}));
  const ids = handles.map((h) => h.id);

  section(`watching ${JOBS.toLocaleString('en-US')} held jobs, ${TICKS} polls`);
  mock.resetCalls();
  const shared = await measure(async () => {
    for (let i = 0; i < TICKS; i++) await alice.pollNow();
  });
  const listCalls = mock.calls['jobs.list'] ?? 0;
  const callsPerTick = listCalls / TICKS;

  const query = { jobIds: ids, offset: 0 };
  const bare = await measure(async () => {
    for (let i = 0; i < TICKS; i++) await mock.jobs.list(query, { user: 'alice' });
  });

  mock.resetCalls();
  const naiveTicks = 2;
  const runtime = alice.adapter();
  const naive = await measure(async () => {
    for (let i = 0; i < naiveTicks; i++) {
      for (const id of ids) await runtime.jobs.get(id, { user: 'alice' });
    }
  });
  const naiveCallsPerTick = (mock.calls['jobs.get'] ?? 0) / naiveTicks;

  const sharedCpu = shared.cpuMs / TICKS;
  const bareCpu = bare.cpuMs / TICKS;
  const naiveCpu = naive.cpuMs / naiveTicks;
  report('shared poller', {
    'calls/poll': callsPerTick,
    'cpu ms/poll': sharedCpu,
    'wall ms/poll': shared.wallMs / TICKS,
    'peak MiB': shared.peakMiB,
  });
  report('baseline: bare adapter list call', { 'calls/poll': 1, 'cpu ms/poll': bareCpu });
  report('baseline: naive per-job get', { 'calls/poll': naiveCallsPerTick, 'cpu ms/poll': naiveCpu });
  report('ratios', {
    'poller overhead (shared / bare)': `${(sharedCpu / bareCpu).toFixed(2)}x`,
    'naive / shared cpu': `${(naiveCpu / sharedCpu).toFixed(1)}x`,
    'naive / shared calls': `${(naiveCallsPerTick / callsPerTick).toLocaleString('en-US')}x`,
  });
  for (const off of unsubscribe) off();
  await client.close();
  if (callsPerTick !== 1) {
    console.log(`FAIL: ${callsPerTick} adapter calls per poll, expected exactly 1`);
    process.exitCode = 1;
  }
}
