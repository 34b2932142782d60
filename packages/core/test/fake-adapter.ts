/**
 * A scriptable adapter for core's unit tests: jobs are plain records the test edits, and every
 * call is counted. (Users' harnesses use @hpckit/adapter-mock, a real simulator; core cannot
 * depend on it.)
 */
import {
  defineSchedulerAdapter,
  type Job,
  type JobState,
  NotFoundError,
  type SchedulerAdapter,
  SchedulerUnavailableError,
} from '@hpckit/core';

export interface FakeAdapter extends SchedulerAdapter {
  jobsById: Map<string, Job>;
  calls: Record<string, number>;
  /** The next `n` list calls fail with SCHEDULER_UNAVAILABLE. */
  failLists(n: number): void;
  /** Sets a job's state (and end time when ended). */
  setState(id: string, state: JobState): void;
  /** Removes a job entirely, as if purged from queue and accounting. */
  purge(id: string): void;
  /** Adds a job in state queued and returns it. */
  add(id: string, extra?: Partial<Job>): Job;
}

function fakeJob(
  id: string,
  state: JobState = { phase: 'queued', raw: 'PENDING' },
  extra: Partial<Job> = {},
): Job {
  return {
    cluster: 'test',
    id,
    name: `job-${id}`,
    user: 'alice',
    account: 'acct',
    partition: 'cpu',
    state,
    requested: { nodes: 1, cores: 1, gpus: 0 },
    submitTime: new Date('2026-01-01T00:00:00Z'),
    elapsedSeconds: 0,
    nodeList: [],
    ...extra,
  };
}

export function fakeAdapter(
  options: { capabilities?: Record<string, boolean>; listLatencyMs?: number } = {},
): FakeAdapter {
  const jobsById = new Map<string, Job>();
  const calls: Record<string, number> = {};
  let failingLists = 0;
  let nextId = 100;
  const count = (op: string) => {
    calls[op] = (calls[op] ?? 0) + 1;
  };
  const base = defineSchedulerAdapter({
    name: 'fake',
    capabilities: { actAsUser: true, 'jobs.arrays': true, ...options.capabilities },
    jobs: {
      async submit(spec) {
        count('jobs.submit');
        const job = fakeJob(
          String(nextId++),
          spec.hold ? { phase: 'held', raw: 'PENDING', reason: 'JobHeldUser' } : undefined,
          {
            name: spec.name ?? 'job',
          },
        );
        jobsById.set(job.id, job);
        return { job, script: `#!/bin/bash\n${spec.command ?? ''}\n`, command: ['fake-submit'] };
      },
      async get(id) {
        count('jobs.get');
        const job = jobsById.get(id);
        if (!job) throw new NotFoundError({ details: { kind: 'job', id } });
        return job;
      },
      async list(query) {
        count('jobs.list');
        if (options.listLatencyMs) await new Promise((r) => setTimeout(r, options.listLatencyMs));
        if (failingLists > 0) {
          failingLists--;
          throw new SchedulerUnavailableError({
            details: { stderr: 'slurm_load_jobs error: Socket timed out' },
          });
        }
        const ids = query.jobIds ? new Set(query.jobIds) : undefined;
        const jobs = [...jobsById.values()].filter(
          (j) => !ids || ids.has(j.id) || (j.arrayJobId !== undefined && ids.has(j.arrayJobId)),
        );
        return { jobs, total: jobs.length };
      },
      async cancel(id) {
        count('jobs.cancel');
        const job = jobsById.get(id);
        if (!job) throw new NotFoundError({ details: { kind: 'job', id } });
        if (job.state.phase === 'ended') return { status: 'already_ended' };
        jobsById.set(id, { ...job, state: { phase: 'ended', outcome: 'cancelled', raw: 'CANCELLED' } });
        return { status: 'cancelled' };
      },
    },
    config: {
      async cluster() {
        count('config.cluster');
        return { name: 'test', partitions: [], qos: [] };
      },
    },
    async version() {
      return { scheduler: 'fake', version: '0', adapter: '0' };
    },
  });
  return Object.assign(base, {
    jobsById,
    calls,
    failLists(n: number) {
      failingLists = n;
    },
    setState(id: string, state: JobState) {
      const job = jobsById.get(id);
      if (!job) throw new Error(`no job ${id}`);
      jobsById.set(id, { ...job, state, endTime: state.phase === 'ended' ? new Date() : job.endTime });
    },
    purge(id: string) {
      jobsById.delete(id);
    },
    add(id: string, extra: Partial<Job> = {}) {
      const job = fakeJob(id, undefined, extra);
      jobsById.set(id, job);
      return job;
    },
  });
}
