/**
 * Runs a batch of differential cases on one cluster of a client and records what the scheduler
 * reports: accepted or refused (code, reason, stderr), effective resources, the phases seen at each
 * look, and how each job (every array task, and the parent a case depends on) ended.
 */
import { type HpckitClient, type HpckitError, isHpckitError, type Job, type ListedJob } from '@hpckit/core';
import type { DiffCase } from './cases.js';

/** What one scheduler reported for one case. */
export interface Observation {
  refused?: { code: string; reason?: string; stderr?: string; message: string };
  /** The job as first seen (first array task): what the scheduler made of the spec. */
  effective?: {
    account?: string;
    partition?: string;
    qos?: string;
    nodes: number;
    cores: number;
    gpus: number;
    memoryMiB?: number;
    timeLimitSeconds?: number;
  };
  /** Phases seen, one entry per change; pending reasons that say why the job waits are kept. */
  phases: string[];
  /** How every job of the case ended: `task:outcome:raw:exit[:signal]`, the parent first. */
  outcomes: string[];
}

/** How long a batch may run before what is left (held, never-satisfied) is cancelled. */
const CANCEL_AFTER_MS = 12_000;
/** How long after cancelling the runner waits for every job to end. */
const END_WITHIN_MS = 20_000;
/** Time between two looks. */
const LOOK_MS = 700;
/** A held job is released this long after submission, once it has been seen held. */
const RELEASE_AFTER_MS = 1_500;
/** Pending reasons that say why a job waits (kept in phases); others (None, Priority) are noise. */
const TELLING_REASONS = new Set([
  'Dependency',
  'DependencyNeverSatisfied',
  'JobHeldUser',
  'JobHeldAdmin',
  'BeginTime',
  'JobArrayTaskLimit',
]);
const PHASE_ORDER = ['running', 'completing', 'queued', 'held', 'suspended', 'ended'] as const;

interface Tracked {
  c: DiffCase;
  name: string;
  id?: string;
  parentName?: string;
  obs: Observation;
  submittedAt: number;
  released: boolean;
  ended: boolean;
  tasks: Map<string, ListedJob>;
  parent?: ListedJob;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function refusal(err: unknown): Observation['refused'] {
  if (!isHpckitError(err)) throw err;
  const e = err as HpckitError;
  const d = e.details as { reason?: string; stderr?: string };
  return { code: e.code, reason: d.reason, stderr: d.stderr, message: e.message };
}

/** Runs `cases` (named `names`) on `cluster` of `client`; resolves once every job has ended. */
export async function observeBatch(
  client: HpckitClient,
  cluster: string,
  cases: readonly DiffCase[],
  names: readonly string[],
): Promise<Observation[]> {
  const start = Date.now();
  const tracked: Tracked[] = await Promise.all(
    cases.map(async (c, i) => {
      const t: Tracked = {
        c,
        name: names[i]!,
        obs: { phases: [], outcomes: [] },
        submittedAt: Date.now(),
        released: false,
        ended: false,
        tasks: new Map(),
      };
      const as = client.as(c.user);
      try {
        let dependencies: { type: NonNullable<DiffCase['parent']>['type']; jobIds: string[] }[] | undefined;
        if (c.parent) {
          t.parentName = `${t.name}p`;
          const parent = await as.jobs.submit(
            { name: t.parentName, command: c.parent.command, stdout: '/dev/null', timeLimit: '5m', memory: { perNode: '256M' } },
            { cluster },
          );
          dependencies = [{ type: c.parent.type, jobIds: [parent.id] }];
        }
        const handle = await as.jobs.submit({ ...c.spec, name: t.name, ...(dependencies ? { dependencies } : {}) }, { cluster });
        t.id = handle.id;
        t.submittedAt = Date.now();
      } catch (err) {
        t.obs.refused = refusal(err);
        t.ended = true;
      }
      return t;
    }),
  );
  const byName = new Map(tracked.flatMap((t) => [[t.name, t] as const]));
  const parents = new Map(tracked.filter((t) => t.parentName).map((t) => [t.parentName!, t] as const));
  let cancelled = false;
  while (tracked.some((t) => !t.ended || (t.parent && t.parent.state.phase !== 'ended'))) {
    const elapsed = Date.now() - start;
    if (elapsed > CANCEL_AFTER_MS + END_WITHIN_MS) break;
    const page = await client.jobs.list({ submitTime: { from: new Date(start - 60_000) }, limit: 5000 }, { cluster });
    const seen = new Map<Tracked, ListedJob[]>();
    for (const job of page.jobs) {
      const parentOf = parents.get(job.name ?? '');
      if (parentOf) parentOf.parent = job;
      const t = byName.get(job.name ?? '');
      if (!t || t.obs.refused) continue;
      seen.set(t, [...(seen.get(t) ?? []), job]);
    }
    for (const [t, jobs] of seen) {
      for (const job of jobs) t.tasks.set(job.id, job);
      // A pending array may be listed as one collapsed record beside the tasks already split off.
      for (const [id, job] of t.tasks) if (/\[/.test(id) && !jobs.includes(job)) t.tasks.delete(id);
      if (!t.obs.effective) t.obs.effective = effectiveOf(jobs[0] as Job);
      const phase = aggregatePhase([...t.tasks.values()]);
      if (t.obs.phases.at(-1) !== phase) t.obs.phases.push(phase);
      t.ended = phase === 'ended';
      if (t.c.release && !t.released && phase.startsWith('held') && Date.now() - t.submittedAt >= RELEASE_AFTER_MS) {
        t.released = true;
        await client.as(t.c.user).jobs.release(t.id!, { cluster });
      }
    }
    if (!cancelled && elapsed > CANCEL_AFTER_MS) {
      cancelled = true;
      await Promise.all(
        tracked
          .filter((t) => t.id && !t.ended)
          .map((t) => client.as(t.c.user).jobs.cancel(t.id!, { cluster }).catch(() => undefined)),
      );
    }
    await sleep(LOOK_MS);
  }
  for (const t of tracked) {
    if (t.obs.refused) continue;
    const ends = [...t.tasks.values()]
      .sort((a, b) => (a.arrayTaskId ?? -1) - (b.arrayTaskId ?? -1))
      .map((j) => endOf(String(j.arrayTaskId ?? '-'), j));
    t.obs.outcomes = [...(t.parent ? [endOf('parent', t.parent)] : []), ...ends];
  }
  return tracked.map((t) => t.obs);
}

function endOf(label: string, job: ListedJob): string {
  const s = job.state;
  if (s.phase !== 'ended') return `${label}:not-ended:${s.raw}`;
  return [label, s.outcome, s.raw, s.exitCode, ...(s.signal === undefined ? [] : [s.signal])].join(':');
}

function effectiveOf(job: Job): NonNullable<Observation['effective']> {
  const r = job.requested;
  return {
    account: job.account,
    partition: job.partition,
    qos: job.qos,
    nodes: r.nodes,
    cores: r.cores,
    gpus: r.gpus,
    memoryMiB: r.memoryMiB,
    timeLimitSeconds: job.timeLimitSeconds,
  };
}

/** The phase of a case's jobs together, with a telling pending reason: `queued:Dependency`. */
function aggregatePhase(jobs: ListedJob[]): string {
  const phase = PHASE_ORDER.find((p) => jobs.some((j) => j.state.phase === p)) ?? 'ended';
  if (phase !== 'queued' && phase !== 'held') return phase;
  const reason = jobs.find((j) => j.state.phase === phase)?.state.reason;
  return reason !== undefined && TELLING_REASONS.has(reason) ? `${phase}:${reason}` : phase;
}
