import type { Job } from '@hpckit/core';
import { outputsOf } from '../operations/idempotency-token.js';
import { splitRecords } from './delimited.js';
import { expandHostlist } from './hostlist.js';
import { optionalText, parseEpoch } from './slurm-values.js';
import { mapSlurmState } from './state-map.js';
import { parseTres } from './tres.js';

/** sacct fields read, in order; the first is a job id, so no record starts with free text. */
const SACCT_FIELDS = [
  'JobID',
  'JobIDRaw',
  'JobName',
  'User',
  'Account',
  'Partition',
  'QOS',
  'State',
  'ExitCode',
  'Reason',
  'NNodes',
  'ReqCPUS',
  'ReqTRES',
  'AllocTRES',
  'Submit',
  'Start',
  'End',
  'ElapsedRaw',
  'TimelimitRaw',
  'WorkDir',
  'Comment',
  'NodeList',
] as const;

/**
 * States sacct accepts in `-s`. Passing all of them makes sacct list jobs that never became
 * eligible (held then cancelled, `--begin` in the future), which a plain time window skips.
 */
export const SACCT_STATES = 'PD,R,S,CD,CA,F,TO,NF,PR,OOM,BF,DL,RQ,RS,RV';

type SacctRow = Record<(typeof SACCT_FIELDS)[number], string>;

// Per-row hot path: a plain loop, not Object.fromEntries over a mapped array.
function asRow(values: string[]): SacctRow {
  const row: Record<string, string> = {};
  for (let i = 0; i < SACCT_FIELDS.length; i++) row[SACCT_FIELDS[i]!] = values[i] ?? '';
  return row as SacctRow;
}

/** A job read from sacct, and whether accounting had finished writing it. */
export interface SacctJob {
  job: Job;
  rawComment?: string;
  /**
   * False while slurmdbd still holds a partial record (QOS `Unknown`, no partition, the name
   * `allocation`): read again a few seconds later.
   */
  settled: boolean;
  /** An unexpanded pending array (`12_[0-9%2]`): the task indices it stands for. */
  pendingTasks?: string;
}

/** The `-o` argument that prints {@link SACCT_FIELDS}. */
export function sacctFormat(): string {
  return SACCT_FIELDS.join(',');
}

/**
 * Parses `sacct -X -n -p --delimiter=<d> -o <sacctFormat>` output (run with
 * `SLURM_TIME_FORMAT=%s`). Step rows (`12.batch`) are skipped if present.
 */
export function parseSacct(output: string, delimiter: string, cluster: string): SacctJob[] {
  const jobs: SacctJob[] = [];
  for (const values of splitRecords(output, delimiter, SACCT_FIELDS.length, 'sacct')) {
    const row = asRow(values);
    if (row.JobID.includes('.')) continue;
    jobs.push(toJob(row, cluster));
  }
  return jobs;
}

function toJob(row: SacctRow, cluster: string): SacctJob {
  const id = row.JobID.trim();
  const arrayMatch = /^(\d+)_(\d+)$/.exec(id);
  const pending = /^(\d+)_\[(.+)\]$/.exec(id);
  const state = mapSlurmState({ state: row.State, reason: row.Reason, exitCode: row.ExitCode });
  const req = parseTres(row.ReqTRES);
  const alloc = parseTres(row.AllocTRES);
  // A job cancelled while pending never started, whatever Start says: it has no nodes.
  const nodeList = expandHostlist(row.NodeList);
  const started =
    state.phase !== 'queued' && state.phase !== 'held' && (state.phase !== 'ended' || nodeList.length > 0);
  const startTime = parseEpoch(row.Start);
  const endTime = state.phase === 'ended' ? parseEpoch(row.End) : undefined;
  const nodes = req.nodes ?? toInt(row.NNodes) ?? 1;
  const qos = optionalText(row.QOS);
  const partition = optionalText(row.Partition);
  const rawComment = optionalText(row.Comment);
  const limitMinutes = toInt(row.TimelimitRaw);
  const hasAllocation = Object.keys(alloc).length > 0;
  const workingDirectory = optionalText(row.WorkDir);
  // Slurm 22.05's accounting has no output paths: hpckit recorded the named ones in the comment.
  const outputs = outputsOf(rawComment);
  const stdoutPath = outputPath(outputs.stdout, workingDirectory);
  const job: Job = {
    cluster,
    id: pending ? `${pending[1]}` : id,
    arrayJobId: arrayMatch ? arrayMatch[1] : pending ? pending[1] : undefined,
    arrayTaskId: arrayMatch ? Number(arrayMatch[2]) : undefined,
    name: row.JobName,
    user: row.User,
    account: optionalText(row.Account),
    partition,
    qos,
    state,
    requested: {
      nodes,
      cores: req.cpu ?? toInt(row.ReqCPUS) ?? 0,
      gpus: req.gpus ?? 0,
      memoryMiB: req.memoryMiB,
    },
    allocated:
      started && hasAllocation && startTime
        ? {
            nodes: alloc.nodes ?? nodes,
            cores: alloc.cpu ?? 0,
            gpus: alloc.gpus ?? 0,
            memoryMiB: alloc.memoryMiB,
          }
        : undefined,
    submitTime: parseEpoch(row.Submit) ?? new Date(0),
    startTime: started ? startTime : undefined,
    endTime,
    elapsedSeconds: toInt(row.ElapsedRaw) ?? 0,
    timeLimitSeconds: limitMinutes ? limitMinutes * 60 : undefined,
    workingDirectory,
    stdoutPath,
    stderrPath: outputPath(outputs.stderr, workingDirectory) ?? stdoutPath,
    nodeList: started ? nodeList : [],
    comment: rawComment,
  };
  // Unsettled rows are exactly those slurmdbd has not finished: it fills name, partition and QoS
  // last. "Unknown" is never a real QoS name.
  const settled =
    partition !== undefined && row.QOS !== 'Unknown' && qos !== undefined && row.TimelimitRaw.trim() !== '';
  return { job, rawComment, settled, pendingTasks: pending ? pending[2] : undefined };
}

function toInt(text: string): number | undefined {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

/**
 * A recorded output pattern as squeue shows a live job's (unexpanded, a relative one joined to
 * the working directory), so a job reads the same before and after it leaves the queue.
 */
function outputPath(pattern: string | undefined, workingDirectory: string | undefined): string | undefined {
  if (pattern === undefined) return undefined;
  if (pattern.startsWith('/')) return pattern;
  return workingDirectory === undefined ? undefined : `${workingDirectory.replace(/\/$/, '')}/${pattern}`;
}
