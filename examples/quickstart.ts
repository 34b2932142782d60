/**
 * Quickstart: a small parameter sweep on the mock scheduler, watched to the end.
 *
 * Run it with `npm start`. The mock runs on a virtual clock scaled to real time (one real second is
 * ten virtual minutes), so a sweep of half-hour jobs finishes in seconds; swap `mockAdapter` for
 * `slurmAdapter` and the rest of the script is unchanged.
 */
import { createClient, formatDuration, type JobHandle } from '@hpckit/core';
import { mockAdapter } from '@hpckit/adapter-mock';

const scheduler = mockAdapter({ clock: { mode: 'scaled', scale: 600 } });
const client = createClient({
  clusters: { hpc: { adapter: scheduler, polling: { minIntervalMs: 200, maxIntervalMs: 1_000 } } },
});
const alice = client.as('alice');

// One molecular-dynamics run per temperature. The mock reads `sleep` as the run time and `exit`
// as the exit code, so the sweep has a success, a crash and a run that outlives its time limit.
const sweep = [
  { kelvin: 300, minutes: 12 },
  { kelvin: 350, minutes: 18 },
  { kelvin: 400, minutes: 25 },
  { kelvin: 450, minutes: 9, crash: true },
  { kelvin: 500, minutes: 50 },
];

const handles = new Map<JobHandle, number>();
for (const run of sweep) {
  const handle = await alice.jobs.submit({
    name: `md-${run.kelvin}K`,
    account: 'electroplating',
    partition: 'cpu',
    coresPerNode: 32,
    memory: { perCore: '2G' },
    timeLimit: '40m',
    workingDirectory: `runs/${run.kelvin}K`,
    command: [`echo "T=${run.kelvin} K"`, `sleep ${run.minutes}m`, run.crash ? 'exit 2' : ''].join('\n'),
  });
  handles.set(handle, run.kelvin);
}
console.log(`submitted ${handles.size} jobs; the first script was:\n`);
console.log([...handles.keys()][0]!.script);

for await (const { job, previous } of client.jobs.watch(handles.keys())) {
  if (!previous) continue;
  const clock = scheduler.clock.now().toISOString().slice(11, 19);
  console.log(
    `[${clock}] ${job.name.padEnd(8)} ${previous.phase} -> ${job.state.phase}${job.state.outcome ? ` (${job.state.outcome})` : ''}`,
  );
}

console.log('\njob      outcome    exit  elapsed');
for (const handle of handles.keys()) {
  const { name, state, elapsedSeconds } = handle.job;
  console.log(
    `${name.padEnd(8)} ${String(state.outcome).padEnd(10)} ${String(state.exitCode ?? '-').padEnd(5)} ${formatDuration(elapsedSeconds)}`,
  );
}
const stats = alice.pollerStats();
console.log(`\n${stats.ticks} polls, ${stats.listCalls} scheduler calls for ${handles.size} jobs`);
await client.close();
