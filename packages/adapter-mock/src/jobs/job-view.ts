import type { Job, JobState, ResourceCounts } from '@hpckit/core';
import type { SimJob } from './sim-job.js';

/** A job's state as core reports it, at virtual time `now` (ms). */
export function jobState(job: SimJob, now: number): JobState {
  if (job.phase === 'running') return { phase: 'running', raw: 'RUNNING', reason: 'None' };
  if (job.phase === 'pending') {
    return { phase: job.held ? 'held' : 'queued', raw: 'PENDING', reason: pendingReason(job, now) };
  }
  // squeue says CANCELLED; only accounting (sacct) names the uid, once the job has left the queue.
  const raw = now < job.liveUntil ? job.raw!.replace(/^CANCELLED by \d+$/, 'CANCELLED') : job.raw!;
  const state: JobState = { phase: 'ended', outcome: job.outcome!, raw, exitCode: job.exitCode! };
  if (job.endReason !== undefined) state.reason = job.endReason;
  if (job.signal !== undefined) state.signal = job.signal;
  return state;
}

function pendingReason(job: SimJob, now: number): string {
  if (job.held) return 'JobHeldUser';
  if (job.depState === 'never') return 'DependencyNeverSatisfied';
  if (job.depState === 'waiting') return 'Dependency';
  if (job.beginAt !== undefined && job.beginAt > now) return 'BeginTime';
  if (job.throttled) return 'JobArrayTaskLimit';
  const p = job.partition;
  if (p.topBlocked === job) return 'Resources';
  // Behind a blocked job, a job waits for priority; until a pass has looked at it, Slurm says None.
  return job.entry && (p.topBlocked !== undefined || job.enqueuedPass < p.passes) ? 'Priority' : 'None';
}

/** Builds the core {@link Job} of a record at virtual time `now` (ms), a fresh object every time. */
export function jobView(job: SimJob, now: number, cluster: string): Job {
  const view: Job = {
    cluster,
    id: job.id,
    name: job.name,
    user: job.user,
    account: job.account,
    partition: job.partition.def.name,
    state: jobState(job, now),
    requested: { ...job.requested },
    submitTime: new Date(job.submitTime),
    elapsedSeconds: elapsedSeconds(job, now),
    workingDirectory: job.workingDirectory,
    stdoutPath: job.stdoutPath,
    stderrPath: job.stderrPath,
    nodeList: job.nodes ? job.nodes.map((i) => job.partition.nodeNames[i]!) : [],
  };
  if (job.group) {
    view.arrayJobId = job.group.id;
    view.arrayTaskId = job.arrayTaskId;
  }
  if (job.qos !== undefined) view.qos = job.qos;
  if (job.nodes) view.allocated = allocated(job);
  if (job.startTime !== undefined) view.startTime = new Date(job.startTime);
  if (job.endTime !== undefined) view.endTime = new Date(job.endTime);
  if (job.timeLimitSeconds !== undefined) view.timeLimitSeconds = job.timeLimitSeconds;
  if (job.comment !== undefined) view.comment = job.comment;
  return view;
}

function elapsedSeconds(job: SimJob, now: number): number {
  if (job.startTime === undefined) return 0;
  return Math.floor(((job.endTime ?? now) - job.startTime) / 1000);
}

function allocated(job: SimJob): ResourceCounts {
  const d = job.demand;
  return {
    nodes: d.nodes,
    cores: d.coresPerNode * d.nodes,
    gpus: d.gpusPerNode * d.nodes,
    memoryMiB: d.memoryPerNodeMiB * d.nodes,
  };
}
