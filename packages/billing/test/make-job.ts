import type { Job } from '@hpckit/core';

/** Overrides of {@link makeJob}: any job field, plus shorthands for the common resources. */
export interface JobOverrides extends Partial<Job> {
  cores?: number;
  gpus?: number;
  memoryMiB?: number;
  nodes?: number;
}

/**
 * An ended job as an adapter would report it: by default 1 node, 1 core, no GPU, 1 hour in the
 * `cpu` partition of cluster `ikkem`, ended at 2025-03-01T10:00:00+08:00.
 */
export function makeJob(overrides: JobOverrides = {}): Job {
  const { cores = 1, gpus = 0, memoryMiB, nodes = 1, ...rest } = overrides;
  const elapsedSeconds = rest.elapsedSeconds ?? 3600;
  const endTime = rest.endTime ?? new Date('2025-03-01T10:00:00+08:00');
  const counts = memoryMiB === undefined ? { nodes, cores, gpus } : { nodes, cores, gpus, memoryMiB };
  return {
    cluster: 'ikkem',
    id: '1001',
    name: 'job',
    user: 'alice',
    account: 'chem',
    partition: 'cpu',
    qos: 'normal',
    state: { phase: 'ended', outcome: 'completed', raw: 'COMPLETED' },
    requested: counts,
    allocated: counts,
    submitTime: new Date(endTime.getTime() - elapsedSeconds * 1000 - 60_000),
    startTime: new Date(endTime.getTime() - elapsedSeconds * 1000),
    endTime,
    elapsedSeconds,
    nodeList: ['cn001'],
    ...rest,
  };
}
