import { formatDuration, type Job } from '@hpckit/core';
import type { z } from 'zod';
import { table } from './io.js';
import type { JobJsonSchema } from './schemas.js';

/** A job as `--json` prints it: {@link JobJsonSchema}. */
export function jobJson(job: Job, script?: string): z.infer<typeof JobJsonSchema> {
  const out: z.infer<typeof JobJsonSchema> = {
    cluster: job.cluster,
    id: job.id,
    name: job.name,
    user: job.user,
    phase: job.state.phase,
    submitTime: job.submitTime.toISOString(),
    elapsedSeconds: job.elapsedSeconds,
  };
  if (job.account !== undefined) out.account = job.account;
  if (job.partition !== undefined) out.partition = job.partition;
  if (job.state.outcome !== undefined) out.outcome = job.state.outcome;
  if (job.state.reason !== undefined) out.reason = job.state.reason;
  if (job.state.exitCode !== undefined) out.exitCode = job.state.exitCode;
  if (job.startTime) out.startTime = job.startTime.toISOString();
  if (job.endTime) out.endTime = job.endTime.toISOString();
  if (job.timeLimitSeconds !== undefined) out.timeLimitSeconds = job.timeLimitSeconds;
  if (script !== undefined) out.script = script;
  return out;
}

const stateOf = (job: Pick<Job, 'state'>) => job.state.outcome ?? job.state.phase;

/** Jobs as a table: id, name, user, account, partition, state, elapsed. */
export function jobsTable(jobs: readonly Job[]): string {
  return table(
    ['id', 'name', 'user', 'account', 'partition', 'state', 'elapsed', 'exit'],
    jobs.map((j) => [
      j.id,
      j.name,
      j.user,
      j.account,
      j.partition,
      stateOf(j),
      formatDuration(j.elapsedSeconds),
      j.state.exitCode,
    ]),
  );
}

/** One job as `key  value` lines. */
export function jobText(job: Job): string {
  const rows: [string, string | number | undefined][] = [
    ['id', job.id],
    ['cluster', job.cluster],
    ['name', job.name],
    ['user', job.user],
    ['account', job.account],
    ['partition', job.partition],
    ['state', stateOf(job)],
    ['reason', job.state.reason],
    ['exit code', job.state.exitCode],
    ['submitted', job.submitTime.toISOString()],
    ['started', job.startTime?.toISOString()],
    ['ended', job.endTime?.toISOString()],
    ['elapsed', formatDuration(job.elapsedSeconds)],
    ['time limit', job.timeLimitSeconds === undefined ? undefined : formatDuration(job.timeLimitSeconds)],
  ];
  return rows
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k.padEnd(11)}${v}\n`)
    .join('');
}
