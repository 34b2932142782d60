/**
 * `npm run bench -- mock`: the mock adapter's throughput. 100,000 jobs (1–64 cores, 1–60 min, on
 * the ikkem preset's cpu/gpu/fat partitions) are submitted, scheduled, run and ended in virtual
 * time, against a floor measured in the same run: the same specs only validated with
 * `JobSpecSchema.parse` and stored in a Map. Jobs go through the client a portal uses
 * (`client.as(user).jobs.submit`, which validates each spec as the floor does). A second figure is
 * one `client.jobs.list` of 10,000 ids (a watcher poll's call). A third is what diagnostics cost:
 * 50,000 `jobs.get` calls through core's runtime layer with nobody subscribed to
 * `hpckit:operation:*` and with one subscriber, beside the adapter called directly.
 */

import { mockAdapter } from '@hpckit/adapter-mock';
import {
  createClient,
  createRuntimeAdapter,
  type JobSpec,
  type JobSpecInput,
  JobSpecSchema,
  type SchedulerAdapter,
  subscribeDiagnostics,
} from '@hpckit/core';
import { figures, type Measurement, measure, median, report, section } from './lib/measure.js';

const JOBS = 100_000;

function rng(seed: number): () => number {
  // mulberry32: fast, deterministic, good enough to spread a job mix.
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function jobMix(n: number): { spec: JobSpecInput; user: string }[] {
  const random = rng(42);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  return Array.from({ length: n }, (_, i) => {
    const minutes = int(1, 60);
    const timeLimit = `${Math.ceil(minutes * 1.5)}m`;
    const user = i % 3 === 0 ? 'bob' : 'alice';
    const account = user === 'bob' ? 'ai4ec' : i % 2 === 0 ? 'electroplating' : 'ai4ec';
    const roll = random();
    const base = { name: `job-${i}`, command: `srun ./simulate\nsleep ${minutes}m`, account, timeLimit };
    if (roll < 0.85) return { user, spec: { ...base, partition: 'cpu', coresPerNode: int(1, 64) } };
    if (roll < 0.95) {
      const gpus = int(1, 8);
      return { user, spec: { ...base, partition: 'gpu', gpusPerNode: gpus, coresPerNode: int(1, 8 * gpus) } };
    }
    return {
      user,
      spec: { ...base, partition: 'fat', coresPerNode: int(1, 64), memory: { perCore: '16G' } },
    };
  });
}

export async function run(): Promise<void> {
  const mix = jobMix(JOBS);
  section(`mock adapter: ${JOBS.toLocaleString('en-US')} jobs submitted, run and ended in virtual time`);

  const floor = await measure(() => {
    const stored = new Map<number, JobSpec>();
    mix.forEach(({ spec }, i) => {
      stored.set(i, JobSpecSchema.parse(spec));
    });
  });
  report('baseline: JobSpecSchema.parse + Map.set', {
    ...figures(floor),
    'jobs/s': Math.round(JOBS / (floor.wallMs / 1000)),
  });

  const adapter = mockAdapter();
  // The client's default cap would queue calls the mock answers at once; no poller runs.
  const client = createClient({ clusters: { mock: { adapter } } });
  const views = new Map<string, ReturnType<typeof client.as>>();
  const viewOf = (user: string) => views.get(user) ?? views.set(user, client.as(user)).get(user)!;
  let idle = false;
  const simulated = await measure(async () => {
    for (const { spec, user } of mix) await viewOf(user).jobs.submit(spec);
    idle = adapter.clock.runUntilIdle().idle;
  });
  const ended = (await client.jobs.list({ states: ['ended'], limit: 1 })).total;
  report('client.jobs.submit on the mock + run to idle', {
    ...figures(simulated),
    'jobs/s': Math.round(JOBS / (simulated.wallMs / 1000)),
    'vs baseline': `${(simulated.wallMs / floor.wallMs).toFixed(2)}x`,
    ended: ended === JOBS && idle ? 'all' : `${ended} (idle=${idle})`,
    'virtual days': Math.round((adapter.clock.now().getTime() - Date.UTC(2026, 0, 1)) / 86_400_000),
  });

  section('one watcher poll: jobs.list({ jobIds }) with 10,000 ids');
  const ids = Array.from({ length: 10_000 }, (_, i) => String(1000 + i * 7));
  const known = new Map(mix.map((p, i) => [String(1000 + i), p]));
  const mapLookup = await measure(() => ids.map((id) => known.get(id)));
  const poll = await measure(() => client.jobs.list({ jobIds: ids }));
  report('baseline: 10,000 Map lookups', figures(mapLookup));
  report('client.jobs.list by 10,000 ids', {
    ...figures(poll),
    'vs baseline': `${(poll.wallMs / mapLookup.wallMs).toFixed(1)}x`,
  });

  await diagnosticsCost(adapter);
  await client.close();
}

const CALLS = 50_000;

/** `jobs.get` called CALLS times through the runtime with and without a diagnostics subscriber. */
async function diagnosticsCost(adapter: SchedulerAdapter): Promise<void> {
  section(`diagnostics: ${CALLS.toLocaleString('en-US')} jobs.get calls, nobody vs one subscriber`);
  const rt = createRuntimeAdapter(adapter, { cluster: 'hpc' });
  const ctx = { user: 'alice' };
  const calls = (get: (id: string, c: typeof ctx) => Promise<unknown>) => async () => {
    for (let i = 0; i < CALLS; i++) await get(String(1000 + (i % 1000)), ctx);
  };
  const direct = await median(
    5,
    calls((id, c) => adapter.jobs.get(id, c)),
  );
  const silent = await median(
    5,
    calls((id, c) => rt.jobs.get(id, c)),
  );
  let messages = 0;
  const stop = subscribeDiagnostics('hpckit:operation:finish', () => {
    messages++;
  });
  const heard = await median(
    5,
    calls((id, c) => rt.jobs.get(id, c)),
  );
  stop();
  const line = (m: Measurement, base?: Measurement) => ({
    'cpu ms': m.cpuMs,
    'wall ms': m.wallMs,
    'µs/call': (m.cpuMs * 1000) / CALLS,
    ...(base && { 'cpu vs no subscriber': `${(m.cpuMs / base.cpuMs).toFixed(2)}x` }),
  });
  report('baseline: the adapter called directly', line(direct));
  report('runtime, no subscriber', line(silent));
  report('runtime, one subscriber', { ...line(heard, silent), messages: messages / 6 });
}
