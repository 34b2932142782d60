/**
 * Runs a batch of differential cases on one cluster of a client and records what the scheduler
 * reports: accepted or refused (code, reason, stderr), effective resources, the phases seen at each
 * look, and how each job (every array task, and the parent a case depends on) ended.
 */
import { type HpckitClient, type HpckitError, isHpckitError, type Job, type ListedJob } from '@hpckit/core';
import type { DiffCase } from './cases.js';
import { caseBoundMs, type LatencyMeter, latencyMeter, type RunnerWaits } from './time-bounds.js';

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

/** How long a batch runs before jobs that can never run by themselves are cancelled. */
const CANCEL_AFTER_MS = 8_000;
/** Outcomes only a job that ran can have. */
const RAN = new Set(['completed', 'failed', 'timeout', 'out_of_memory']);
/** Phases a job never leaves by itself. */
const STUCK = /^(held|queued:DependencyNeverSatisfied)/;
/** Time between two looks. */
const LOOK_MS = 500;
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
/** What the runner waits itself: how long a case may take is counted from these (time-bounds.ts). */
const WAITS: RunnerWaits = {
  releaseAfterMs: RELEASE_AFTER_MS,
  cancelAfterMs: CANCEL_AFTER_MS,
  lookMs: LOOK_MS,
};

/** The two schedulers compared, as cluster names of the client. */
export const SIDES = ['mock', 'slurm'] as const;
/** One of {@link SIDES}. */
export type Side = (typeof SIDES)[number];

interface Tracked {
  name: string;
  id?: string;
  /** When this side's job was submitted (ms), 0 before. */
  submittedAt: number;
  /** When sbatch (or the mock) answered this side's job, accepted or refused; 0 before. */
  answeredAt: number;
  /** Whether its start latency was measured already. */
  startMeasured: boolean;
  released: boolean;
  cancelled: boolean;
  obs: Observation;
  ended: boolean;
  tasks: Map<string, ListedJob>;
  /** The parent this side's job depends on, as submitted (held) and as last seen. */
  parentId?: string;
  parentReleased: boolean;
  parent?: ListedJob;
}

interface Case {
  c: DiffCase;
  name: string;
  parentName?: string;
  on: Record<Side, Tracked>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function refusal(err: unknown): Observation['refused'] {
  if (!isHpckitError(err)) throw err;
  const e = err as HpckitError;
  const d = e.details as { reason?: string; stderr?: string };
  return { code: e.code, reason: d.reason, stderr: d.stderr, message: e.message };
}

const tracked = (name: string): Tracked => ({
  name,
  submittedAt: 0,
  answeredAt: 0,
  startMeasured: false,
  released: false,
  parentReleased: false,
  cancelled: false,
  obs: { phases: [], outcomes: [] },
  ended: false,
  tasks: new Map(),
});

/** One latency meter per side: pass the same ones to every batch of a run. */
export const latencyMeters = (): Record<Side, LatencyMeter> => ({
  mock: latencyMeter(),
  slurm: latencyMeter(),
});

/**
 * Runs `cases` (named `names`) on both clusters of `client` in lockstep: each job goes to Slurm and
 * at once to the mock, both are looked at in the same instant, and a release or cancel reaches
 * both together. Resolves once every job has ended on both, or once each case still running on a
 * side is past the time its jobs need there (their own run time plus that side's measured
 * latency, see time-bounds.ts); those are cancelled and compared as they were.
 */
export async function observeBatch(
  client: HpckitClient,
  cases: readonly DiffCase[],
  names: readonly string[],
  meters: Record<Side, LatencyMeter> = latencyMeters(),
): Promise<Record<Side, Observation[]>> {
  const start = Date.now();
  const all: Case[] = cases.map((c, i) => ({
    c,
    name: names[i]!,
    on: { mock: tracked(names[i]!), slurm: tracked(names[i]!) },
  }));
  // Looks start with the first submission, so no job is first seen late on either side.
  let submitting = true;
  const submissions = Promise.all(
    all.map(async (k) => {
      const { c, name } = k;
      const as = client.as(c.user);
      // Slurm first, then the mock at once: the mock's jobs (a parent and its child together) start
      // no earlier than Slurm's.
      for (const side of [...SIDES].reverse()) {
        const t = k.on[side];
        let dependencies: { type: NonNullable<DiffCase['parent']>['type']; jobIds: string[] }[] | undefined;
        if (c.parent) {
          k.parentName = `${name}p`;
          const parent = { name: k.parentName, command: c.parent.command, ...PARENT };
          t.parentId = (await as.jobs.submit(parent, { cluster: side })).id;
          dependencies = [{ type: c.parent.type, jobIds: [t.parentId] }];
        }
        const sent = Date.now();
        try {
          t.id = (
            await as.jobs.submit(
              { ...c.spec, name, ...(dependencies ? { dependencies } : {}) },
              { cluster: side },
            )
          ).id;
          t.submittedAt = Date.now();
        } catch (err) {
          t.obs.refused = refusal(err);
          t.ended = true;
        }
        // A loaded controller answers sbatch late: that wait is latency too, and the job's time
        // is counted from the answer (it may not exist before).
        t.answeredAt = Date.now();
        meters[side].answered(t.answeredAt - sent);
      }
    }),
  ).finally(() => {
    submitting = false;
  });
  const done = (t: Tracked) => t.ended && (t.parent === undefined || t.parent.state.phase === 'ended');
  const overdue = (k: Case, side: Side, now: number) =>
    now - k.on[side].answeredAt > caseBoundMs(k.c, meters[side].current(), WAITS);
  while (submitting || all.some((k) => SIDES.some((side) => !done(k.on[side])))) {
    const lookAt = Date.now();
    if (!submitting && all.every((k) => SIDES.every((side) => done(k.on[side]) || overdue(k, side, lookAt))))
      break;
    // From just before this batch (Slurm's submit times are whole seconds): a wider window would
    // take in jobs other runs left (a drill's 10,000), and the oldest 5,000 would crowd this
    // batch's jobs out of the page.
    const query = { submitTime: { from: new Date(start - 5_000) }, limit: 5000 };
    const pages = await Promise.all(
      SIDES.map(async (side) => {
        const asked = Date.now();
        const page = await client.jobs.list(query, { cluster: side });
        meters[side].answered(Date.now() - asked);
        return page;
      }),
    );
    for (const [i, side] of SIDES.entries()) look(all, side, pages[i]!.jobs, meters[side]);
    // Each side is released and cancelled on its own clock, counted from its own submission:
    // Slurm's sbatch calls delay the mock's submissions by up to seconds under load.
    const actions: Promise<unknown>[] = [];
    const now = Date.now();
    for (const k of all) {
      for (const side of SIDES) {
        const t = k.on[side];
        const phase = t.obs.phases.at(-1) ?? '';
        const age = t.submittedAt > 0 ? now - t.submittedAt : 0;
        if (t.parentId && !t.parentReleased && (t.obs.refused || t.obs.phases.length > 0)) {
          // The child has been seen waiting (or was refused): its parent may run now.
          t.parentReleased = true;
          actions.push(client.as(k.c.user).jobs.release(t.parentId, { cluster: side }));
        }
        if (k.c.release && !t.released && phase.startsWith('held') && age >= RELEASE_AFTER_MS) {
          t.released = true;
          actions.push(client.as(k.c.user).jobs.release(t.id!, { cluster: side }));
        } else if (!t.cancelled && STUCK.test(phase) && age >= CANCEL_AFTER_MS) {
          t.cancelled = true;
          actions.push(
            client
              .as(k.c.user)
              .jobs.cancel(t.id!, { cluster: side })
              .catch(() => undefined),
          );
        }
      }
    }
    await Promise.all(actions);
    await sleep(LOOK_MS);
  }
  await submissions;
  // Past the time limit of a batch, nothing is left behind on the shared cluster.
  const leftovers = all.flatMap((k) =>
    SIDES.flatMap((side) => {
      const t = k.on[side];
      const unended = [
        ...(t.id && !t.ended ? [t.id] : []),
        ...(t.parentId && t.parent?.state.phase !== 'ended' ? [t.parentId] : []),
      ];
      return unended.map((id) =>
        client
          .as(k.c.user)
          .jobs.cancel(id, { cluster: side })
          .catch(() => undefined),
      );
    }),
  );
  await Promise.all(leftovers);
  for (const k of all) for (const side of SIDES) finish(k.on[side]);
  return { mock: all.map((k) => k.on.mock.obs), slurm: all.map((k) => k.on.slurm.obs) };
}

/**
 * A parent is submitted held and released on each side once that side's child has been seen: the
 * child's first look then always lands while it waits on its parent. Released at once, a parent
 * could end before a slow sbatch of its child on a loaded Slurm had returned, and the child was
 * never seen waiting there, only on the mock (a race in the runner, not a difference of the mock).
 */
const PARENT = { stdout: '/dev/null', timeLimit: '5m', memory: { perNode: '256M' }, hold: true } as const;

/** Records what one look at `side` showed of every case, and the latencies it measured. */
function look(all: readonly Case[], side: Side, jobs: readonly ListedJob[], meter: LatencyMeter): void {
  const seenAt = Date.now();
  const byName = new Map(all.map((k) => [k.name, k] as const));
  const byParent = new Map(all.filter((k) => k.parentName).map((k) => [k.parentName!, k] as const));
  const seen = new Map<Tracked, ListedJob[]>();
  for (const job of jobs) {
    const parentOf = byParent.get(job.name ?? '');
    if (parentOf) parentOf.on[side].parent = job;
    const t = byName.get(job.name ?? '')?.on[side];
    if (!t || t.obs.refused) continue;
    seen.set(t, [...(seen.get(t) ?? []), job]);
  }
  for (const [t, found] of seen) {
    for (const job of found) t.tasks.set(job.id, job);
    // A pending array may be listed as one collapsed record beside the tasks already split off.
    for (const [id, job] of t.tasks) if (/\[/.test(id) && !found.includes(job)) t.tasks.delete(id);
    if (!t.obs.effective) t.obs.effective = effectiveOf(found[0] as Job);
    const phase = aggregatePhase([...t.tasks.values()]);
    if (t.obs.phases.at(-1) !== phase) t.obs.phases.push(phase);
    measure(byName.get(t.name)!.c, t, phase, meter, seenAt);
    t.ended = phase === 'ended';
  }
}

/**
 * Feeds the side's latency meter: the start of a job that was free to start from its submission
 * on (no parent, not held, not an array whose throttle delays tasks), and the end of any job.
 */
function measure(c: DiffCase, t: Tracked, phase: string, meter: LatencyMeter, seenAt: number): void {
  const jobs = [...t.tasks.values()];
  // A waiting job's start time is only the scheduler's estimate: measured once it ran.
  const ran = phase === 'running' || phase === 'completing' || phase === 'ended';
  const plain = ran && !c.parent && !c.release && !c.spec.hold && c.spec.array === undefined;
  const startTime = jobs[0]?.startTime;
  if (plain && !t.startMeasured && jobs.length === 1 && startTime && t.submittedAt > 0) {
    t.startMeasured = true;
    meter.started(t.submittedAt, startTime);
  }
  if (phase === 'ended' && !t.ended) {
    const ends = jobs.flatMap((j) => (j.endTime ? [j.endTime.getTime()] : []));
    if (ends.length > 0) meter.ended(new Date(Math.max(...ends)), seenAt);
  }
}

/**
 * Writes how every job of a case ended, the parent first. A job that started is given its
 * `running` phase even if no look landed while it ran (a one-second job can fall between two
 * looks): the scheduler's own start time says it ran.
 */
function finish(t: Tracked): void {
  if (t.obs.refused) return;
  const phases = t.obs.phases;
  const ran = [...t.tasks.values()].some((j) => j.startTime !== undefined || RAN.has(j.state.outcome ?? ''));
  if (ran && phases.at(-1) === 'ended' && !['running', 'completing'].includes(phases.at(-2) ?? '')) {
    phases.splice(phases.length - 1, 0, 'running');
  }
  const ends = [...t.tasks.values()]
    .sort((a, b) => (a.arrayTaskId ?? -1) - (b.arrayTaskId ?? -1))
    .map((j) => endOf(String(j.arrayTaskId ?? '-'), j));
  t.obs.outcomes = [...(t.parent ? [endOf('parent', t.parent)] : []), ...ends];
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
