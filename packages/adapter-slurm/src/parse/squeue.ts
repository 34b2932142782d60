import type { Job } from '@hpckit/core';
import { splitRecords } from './delimited.js';
import { expandHostlist } from './hostlist.js';
import { optionalText, parseEpoch, parseSlurmDuration } from './slurm-values.js';
import { mapSlurmState } from './state-map.js';
import { gpusFromGres, parseTres } from './tres.js';

/** squeue `-O` fields read, in order. The first is a job id, so a record never starts with free text. */
const SQUEUE_FIELDS = [
  'JobArrayID',
  'ArrayJobID',
  'ArrayTaskID',
  'JobID',
  'Name',
  'UserName',
  'Account',
  'Partition',
  'QOS',
  'State',
  'Reason',
  'TimeUsed',
  'TimeLimit',
  'NumNodes',
  'NumCPUs',
  'tres-alloc',
  'tres-per-node',
  'tres-per-job',
  'NodeList',
  'SubmitTime',
  'StartTime',
  'EndTime',
  'WorkDir',
  'Comment',
  'StdOut',
  'StdErr',
  'exit_code',
] as const;

type SqueueRow = Record<(typeof SQUEUE_FIELDS)[number], string>;

// Per-row hot path: a plain loop, not Object.fromEntries over a mapped array.
function asRow(values: string[]): SqueueRow {
  const row: Record<string, string> = {};
  for (let i = 0; i < SQUEUE_FIELDS.length; i++) row[SQUEUE_FIELDS[i]!] = values[i] ?? '';
  return row as SqueueRow;
}

/** The squeue arguments that print {@link SQUEUE_FIELDS}, each followed by `delimiter`. */
export function squeueFormat(delimiter: string): string {
  return SQUEUE_FIELDS.map((f) => `${f}:${delimiter}`).join(',');
}

/**
 * Parses `squeue -h -r -O <squeueFormat>` output (run with `SLURM_TIME_FORMAT=%s`) into jobs,
 * with array tasks one per record. Comments are kept as stored, hpckit's idempotency token
 * included (`rawComment`, and `job.comment` until the adapter strips the token); `now` stands in
 * for a submit time squeue does not print.
 */
export function parseSqueue(
  output: string,
  delimiter: string,
  cluster: string,
  now = new Date(),
): SqueueJob[] {
  return splitRecords(output, delimiter, SQUEUE_FIELDS.length, 'squeue').map((values) => {
    const row = asRow(values);
    return toJob(row, cluster, now);
  });
}

/** A job read from squeue, with the raw comment (which may hold an idempotency token). */
export interface SqueueJob {
  job: Job;
  rawComment?: string;
}

function toJob(row: SqueueRow, cluster: string, now: Date): SqueueJob {
  const taskId = optionalText(row.ArrayTaskID);
  const isTask = taskId !== undefined && /^\d+$/.test(taskId);
  const state = mapSlurmState({
    state: row.State,
    reason: row.Reason,
    exitCode: waitStatusToExitCode(row.exit_code),
  });
  const tres = parseTres(row['tres-alloc']);
  const nodes = toInt(row.NumNodes) ?? tres.nodes ?? 1;
  const cores = toInt(row.NumCPUs) ?? tres.cpu ?? 0;
  const gpusPerNode = gpusFromGres(row['tres-per-node']);
  const gpus = gpusPerNode > 0 ? gpusPerNode * nodes : gpusFromGres(row['tres-per-job']) || (tres.gpus ?? 0);
  // A job cancelled while pending ends without ever starting: Slurm then reports its end time as
  // its start time, but it has no nodes.
  const nodeList = expandHostlist(row.NodeList);
  const started =
    state.phase !== 'queued' && state.phase !== 'held' && (state.phase !== 'ended' || nodeList.length > 0);
  const submitTime = parseEpoch(row.SubmitTime) ?? now;
  const startTime = started ? parseEpoch(row.StartTime) : undefined;
  const endTime = state.phase === 'ended' ? parseEpoch(row.EndTime) : undefined;
  const rawComment = optionalText(row.Comment);
  const requested = { nodes, cores, gpus, memoryMiB: tres.memoryMiB };
  const job: Job = {
    cluster,
    id: row.JobArrayID.trim(),
    arrayJobId: isTask ? row.ArrayJobID.trim() : undefined,
    arrayTaskId: isTask ? Number(taskId) : undefined,
    name: row.Name,
    user: row.UserName,
    account: optionalText(row.Account),
    partition: optionalText(row.Partition),
    qos: optionalText(row.QOS),
    state,
    requested,
    allocated: started
      ? {
          nodes: tres.nodes ?? nodes,
          cores: tres.cpu ?? cores,
          gpus: tres.gpus ?? gpus,
          memoryMiB: tres.memoryMiB,
        }
      : undefined,
    submitTime,
    startTime,
    endTime,
    elapsedSeconds: started ? (parseSlurmDuration(row.TimeUsed) ?? 0) : 0,
    timeLimitSeconds: positive(parseSlurmDuration(row.TimeLimit)),
    workingDirectory: optionalText(row.WorkDir),
    stdoutPath: optionalText(row.StdOut),
    stderrPath: optionalText(row.StdErr),
    nodeList: started ? nodeList : [],
    comment: rawComment,
  };
  return { job, rawComment };
}

/**
 * squeue's `exit_code` is the raw wait status (`768` = exit 3, `9` = killed by signal 9); returns
 * it as sacct's `exit:signal`.
 */
function waitStatusToExitCode(text: string): string | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return undefined;
  const status = Number(t);
  return `${(status >> 8) & 0xff}:${status & 0x7f}`;
}

function toInt(text: string): number | undefined {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

function positive(n: number | undefined): number | undefined {
  return n !== undefined && n > 0 ? n : undefined;
}
