import type { RenderedSubmission } from '@hpckit/core';
import type { ArrayGroup, SimJob } from './sim-job.js';

/** A submission remembered under its idempotency key. */
export interface RememberedSubmission extends RenderedSubmission {
  /** The job id, or the array job id. */
  id: string;
}

/**
 * Every job the mock ever created, indexed by id (a watcher asks for 10,000 ids per poll), with the
 * job arrays and the idempotency keys of submissions. Records are never dropped: visibility (live
 * queue, accounting) is decided when reading.
 */
export interface JobStore {
  /** All jobs in submission order. */
  readonly records: readonly SimJob[];
  add(job: SimJob): void;
  addGroup(group: ArrayGroup): void;
  job(id: string): SimJob | undefined;
  group(id: string): ArrayGroup | undefined;
  /** Reserves `count` consecutive numeric ids and returns the first. */
  reserveIds(count: number): number;
  /** The next submission order number. */
  nextSeq(): number;
  recall(user: string, key: string): RememberedSubmission | undefined;
  remember(user: string, key: string, submission: RememberedSubmission): void;
}

/** Creates an empty {@link JobStore} whose first job id is `firstId`. */
export function createJobStore(firstId: number): JobStore {
  const records: SimJob[] = [];
  const jobs = new Map<string, SimJob>();
  const groups = new Map<string, ArrayGroup>();
  const submissions = new Map<string, RememberedSubmission>();
  let nextId = firstId;
  let seq = 0;
  // Keys are per user: another user's token never returns someone else's job.
  const keyOf = (user: string, key: string) => `${user}\0${key}`;
  return {
    records,
    add(job) {
      records.push(job);
      jobs.set(job.id, job);
    },
    addGroup(group) {
      groups.set(group.id, group);
    },
    job: (id) => jobs.get(id),
    group: (id) => groups.get(id),
    reserveIds(count) {
      const first = nextId;
      nextId += Math.max(1, count);
      return first;
    },
    nextSeq: () => seq++,
    recall: (user, key) => submissions.get(keyOf(user, key)),
    remember(user, key, submission) {
      submissions.set(keyOf(user, key), submission);
    },
  };
}
