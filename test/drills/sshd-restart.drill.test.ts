/**
 * Drill: sshd is killed (with its per-connection children) and restarted in the middle of a burst
 * of submissions and reads over the pooled SSH transport. A portal retries a failed submission
 * with the same idempotency key, as the SDK tells it to; afterwards raw squeue (as root, not
 * through the SDK) must show every key mapped to exactly one job, and every read must have
 * succeeded through the adapter's own retries.
 */
import { isHpckitError } from '@hpckit/core';
import { expect, it } from 'vitest';
import { assertClusterUp } from '../support/test-cluster.js';
import {
  cleanUpAround,
  cpuMsSince,
  drillClient,
  drillName,
  printTable,
  queuedByName,
  rssSampler,
  sized,
  sleep,
  startDaemon,
  stopDaemon,
} from './support/drill-kit.js';

assertClusterUp();

const SUBMISSIONS = sized(150, 50);
const CONCURRENCY = 8;
const NAME = drillName('ssh');
const spec = {
  name: NAME,
  command: 'true',
  hold: true,
  account: 'electroplating',
  timeLimit: '5m',
  memory: { perNode: '64M' },
  stdout: '/dev/null',
} as const;

const drill = drillClient({
  transport: { reconnectDelayMs: 300, connectAttempts: 4 },
  adapter: { readRetries: 5, retryDelayMs: 500 },
});
const { transport, alice } = drill;
cleanUpAround('ssh', drill);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

it('sshd restarted during a burst: every key maps to exactly one job, reads retried', async () => {
  const cpu0 = process.cpuUsage();
  const rss = rssSampler();
  const t0 = Date.now();
  const byKey = new Map<string, string>();
  const errorsSeen = new Map<string, number>();
  let resubmits = 0;
  const submitMs: number[] = [];
  let done = 0;

  // What a portal does: a retryable failure is retried with the same key until it answers.
  async function submitOnce(key: string): Promise<void> {
    for (let attempt = 0; attempt < 40; attempt++) {
      try {
        const began = Date.now();
        const handle = await alice.jobs.submit(spec, { idempotencyKey: key });
        submitMs.push(Date.now() - began);
        byKey.set(key, handle.id);
        done++;
        return;
      } catch (err) {
        const code = isHpckitError(err) ? err.code : `untyped: ${String(err)}`;
        errorsSeen.set(code, (errorsSeen.get(code) ?? 0) + 1);
        if (!isHpckitError(err) || !err.retryable) throw err;
        resubmits++;
        await sleep(500);
      }
    }
    throw new Error(`submission ${key} never succeeded`);
  }

  const keys = Array.from({ length: SUBMISSIONS }, (_, i) => `${NAME}-${i}`);
  let next = 0;
  const submitters = Array.from({ length: CONCURRENCY }, async () => {
    while (next < keys.length) await submitOnce(keys[next++]!);
  });

  // Reads beside the burst: each must come back, however many times the adapter retried it.
  let reads = 0;
  let readFailures = 0;
  let stopReading = false;
  const reader = (async () => {
    while (!stopReading) {
      const id = byKey.values().next().value;
      if (id !== undefined) {
        try {
          await alice.jobs.get(id);
          reads++;
        } catch {
          readFailures++;
        }
      }
      await sleep(100);
    }
  })();

  // A submitter that gives up (an error the caller may not retry) must fail the drill, not hang it.
  let burstOver = false;
  const burst = Promise.all(submitters).finally(() => {
    burstOver = true;
  });
  burst.catch(() => {});

  // The outage: once a fifth of the burst is in, stop sshd; bring it back 2 s later.
  while (done < SUBMISSIONS / 5 && !burstOver) await sleep(20);
  const outageAt = Date.now();
  const submittedBeforeOutage = done;
  await stopDaemon('sshd');
  await sleep(2000);
  await startDaemon('sshd');
  const sshdBackAt = Date.now();
  const failuresBefore = transport.stats().failures;
  await burst;
  const burstEnd = Date.now();
  stopReading = true;
  await reader;

  // The truth, from squeue as root: jobs of this drill by the token in their comment.
  const queued = await queuedByName('alice', NAME);
  const jobsPerKey = new Map<string, string[]>();
  for (const { id, comment } of queued) {
    // hpckit's part of the comment is `hpckit:<key>[;o=…][;e=…]`, up to the first space.
    const key = comment.startsWith('hpckit:') ? comment.slice('hpckit:'.length).split(/[ ;]/)[0]! : '';
    jobsPerKey.set(key, [...(jobsPerKey.get(key) ?? []), id]);
  }
  const duplicates = [...jobsPerKey.values()].filter((ids) => ids.length > 1).length;
  const lost = keys.filter((k) => !jobsPerKey.has(k)).length;
  const strays = [...jobsPerKey.keys()].filter((k) => !keys.includes(k)).length;
  const mismatched = keys.filter((k) => jobsPerKey.get(k)?.[0] !== byKey.get(k)).length;
  const stats = transport.stats();

  printTable(`sshd killed and restarted during a burst of ${SUBMISSIONS} submissions`, {
    submitted: SUBMISSIONS,
    'submitted before outage': submittedBeforeOutage,
    'unique keys': byKey.size,
    'jobs in squeue': queued.length,
    'max jobs per key': Math.max(...[...jobsPerKey.values()].map((ids) => ids.length)),
    duplicates,
    lost,
    'jobs without a drill key': strays,
    'handle id != squeue id': mismatched,
    'submissions retried by the caller': resubmits,
    'errors seen by the caller': [...errorsSeen].map(([c, n]) => `${c}×${n}`).join(' ') || 'none',
    'reads ok': reads,
    'reads failed': readFailures,
    'transport failures (retried inside)': stats.failures,
    'transport failures after sshd back': stats.failures - failuresBefore,
    'ssh connections opened': stats.connections,
    'commands by program': Object.entries(stats.byProgram)
      .map(([p, n]) => `${p}×${n}`)
      .join(' '),
    'submit, median (ms)': median(submitMs),
    'sshd down→back (s)': (sshdBackAt - outageAt) / 1000,
    'burst caught up after sshd back (s)': (burstEnd - sshdBackAt) / 1000,
    'total (s)': (burstEnd - t0) / 1000,
    'CPU (ms)': cpuMsSince(cpu0),
    'peak RSS (MiB)': rss.stop(),
  });

  expect([...errorsSeen.keys()].filter((c) => c.startsWith('untyped'))).toEqual([]);
  expect(duplicates).toBe(0);
  expect(lost).toBe(0);
  expect(strays).toBe(0);
  expect(mismatched).toBe(0);
  expect(queued.length).toBe(SUBMISSIONS);
  expect(readFailures).toBe(0);
  expect(reads).toBeGreaterThan(0);
  // The outage really hit the transport (else the drill proved nothing) and it reconnected.
  expect(stats.failures).toBeGreaterThan(0);
  expect(stats.connections).toBeGreaterThanOrEqual(2);
}, 240_000);
