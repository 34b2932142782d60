/**
 * One codec per slurmrestd OpenAPI plugin version: how a job reads (field names, state shape,
 * number wrappers, exit codes) and how a submission is written, plus which operations the version
 * serves. v0.0.36–v0.0.38 are Slurm 22.05's and checked against a real slurmrestd; v0.0.39
 * (23.02), v0.0.40 (23.11) and v0.0.41 (24.05) follow their published specs and are tested from
 * responses recorded from those specs.
 */
import { type Job, parseArraySpec, type ResourceCounts } from '@hpckit/core';
import { outputsOf } from '../operations/idempotency-token.js';
import { expandHostlist } from '../parse/hostlist.js';
import { mapSlurmState } from '../parse/state-map.js';
import { parseTres } from '../parse/tres.js';
import type { DbJobFilter } from './job-reads.js';
import { slurmCount, slurmNumber, slurmText, slurmTime } from './values.js';

/** Operations a plugin version serves over REST. */
export type RestOperation = 'submit' | 'get' | 'list' | 'cancel' | 'history' | 'hold' | 'timeLimit';

/** Reads and writes one plugin version's shapes. */
export interface RestCodec {
  /** `v0.0.38`. */
  readonly version: string;
  /** Operations the version serves; the rest are declared unsupported, never emulated. */
  readonly operations: ReadonlySet<RestOperation>;
  /** sbatch options the version's job description cannot carry (v0.0.36 has no `standard_output`). */
  readonly unsupportedOptions: ReadonlySet<string>;
  /**
   * Query parameters slurmdbd's `GET /jobs` takes in this version: 22.05's dbv0.0.36–38 have no
   * user filter (`users` came with v0.0.39); the rest are in every version.
   */
  readonly dbFilters: ReadonlySet<DbJobFilter>;
  /**
   * A job of `GET /slurm/vX/job/{id}` or `/jobs`, as core's model: one job, or the tasks of an
   * array's pending record (slurmctld keeps them as one, `array_task_string` `"2-3"`).
   */
  decodeJob(raw: Record<string, unknown>, cluster: string): Job[];
  /** A job of `GET /slurmdb/vX/job/{id}` or `/jobs`, as core's model. */
  decodeDbJob(raw: Record<string, unknown>, cluster: string): Job;
  /** The body of `POST /slurm/vX/job/submit`. */
  encodeSubmit(submission: RestSubmission): Record<string, unknown>;
  /**
   * The body of a job update, `POST /slurm/vX/job/{id}`: the job description's fields at the top
   * level in every version (22.05 refuses a `job` wrapper: "Unknown key \"job\"").
   */
  encodeUpdate(update: RestJobUpdate): Record<string, unknown>;
}

/** What a job update changes: the hold (`hold: false` releases) or the time limit in minutes. */
export type RestJobUpdate = { hold: boolean } | { timeLimitMinutes: number };

/** What a submission carries: the script, sbatch's options by long name, the environment. */
export interface RestSubmission {
  script: string;
  options: ReadonlyMap<string, string | true>;
  environment: Record<string, string>;
}

/** The field of a job description each sbatch option sets, and how its value is written. */
type FieldWriter = (value: string | true, wrapped: boolean) => [string, unknown][];

const text =
  (field: string): FieldWriter =>
  (v) => [[field, v === true ? '' : v]];
const int =
  (field: string): FieldWriter =>
  (v, wrapped) => [[field, wrap(Number(v), wrapped)]];
const mebibytes =
  (field: string): FieldWriter =>
  (v, wrapped) => [[field, wrap(sizeInMiB(String(v)), wrapped)]];

const WRITERS: Readonly<Record<string, FieldWriter>> = {
  'job-name': text('name'),
  account: text('account'),
  partition: text('partition'),
  qos: text('qos'),
  nodes: (v, wrapped) => [['nodes', wrapped ? String(v) : [Number(v), Number(v)]]],
  ntasks: int('tasks'),
  'ntasks-per-node': int('tasks_per_node'),
  'cpus-per-task': int('cpus_per_task'),
  gres: text('gres'),
  'gpus-per-node': text('gpus_per_node'),
  mem: mebibytes('memory_per_node'),
  'mem-per-cpu': mebibytes('memory_per_cpu'),
  'mem-per-gpu': mebibytes('memory_per_gpu'),
  time: (v, wrapped) => [['time_limit', wrap(minutesOf(String(v)), wrapped)]],
  chdir: text('current_working_directory'),
  output: text('standard_output'),
  error: text('standard_error'),
  comment: text('comment'),
  dependency: text('dependency'),
  array: text('array'),
  hold: () => [['hold', true]],
  // The environment is sent whole (`environment`); `--export` only says whether it is inherited.
  export: () => [],
};

/** The sbatch options a REST submission can carry, in any version. */
export const REST_OPTIONS: ReadonlySet<string> = new Set(Object.keys(WRITERS));

function wrap(n: number, wrapped: boolean): unknown {
  return wrapped ? { set: true, infinite: false, number: n } : n;
}

function sizeInMiB(size: string): number {
  const m = /^(\d+)([KMGT])?$/.exec(size)!;
  const unit = { K: 1 / 1024, M: 1, G: 1024, T: 1024 ** 2 }[m[2] ?? 'M']!;
  return Math.ceil(Number(m[1]) * unit);
}

// sbatch's time forms as core formats them: `[D-]HH:MM:SS`; REST wants whole minutes.
function minutesOf(time: string): number {
  const m = /^(?:(\d+)-)?(\d+):(\d+):(\d+)$/.exec(time);
  if (!m) return Number(time);
  const seconds = Number(m[1] ?? 0) * 86_400 + Number(m[2]) * 3_600 + Number(m[3]) * 60 + Number(m[4]);
  return Math.ceil(seconds / 60);
}

/** The fields of each job shape a codec reads, by family. */
interface Shape {
  /** Numbers come as `{ set, infinite, number }`. */
  wrapped: boolean;
  /** `exit_code` is an object (`{ status, return_code, signal }`) rather than a wait status. */
  verboseExit: boolean;
  /** slurmctld fills `user_name` (v0.0.36 leaves it empty). */
  liveUserName: boolean;
  /** slurmdbd's `/jobs` filters by user (`users`, v0.0.39 on). */
  dbUsers: boolean;
}

const DB_FILTERS: readonly DbJobFilter[] = ['account', 'partition', 'job_name', 'step'];

function build(
  version: string,
  shape: Shape,
  operations: RestOperation[],
  missing: string[] = [],
): RestCodec {
  return {
    version,
    operations: new Set(operations),
    unsupportedOptions: new Set(missing),
    dbFilters: new Set(shape.dbUsers ? [...DB_FILTERS, 'users'] : DB_FILTERS),
    decodeJob: (raw, cluster) => pendingTasks(raw, decodeLive(raw, cluster, shape)),
    decodeDbJob: (raw, cluster) => decodeDb(raw, cluster, shape),
    encodeSubmit: ({ script, options, environment }) => {
      const job: Record<string, unknown> = {};
      for (const [name, value] of options)
        for (const [k, v] of WRITERS[name]!(value, shape.wrapped)) job[k] = v;
      // v0.0.39+ take the environment as `NAME=value` strings, older plugins as a dictionary.
      job.environment = shape.wrapped
        ? Object.entries(environment).map(([k, v]) => `${k}=${v}`)
        : { ...environment };
      return { script, job };
    },
    encodeUpdate: (update) =>
      'hold' in update ? { hold: update.hold } : { time_limit: wrap(update.timeLimitMinutes, shape.wrapped) },
  };
}

const LEGACY: Shape = { wrapped: false, verboseExit: false, liveUserName: true, dbUsers: false };
const WRAPPED: Shape = { wrapped: true, verboseExit: true, liveUserName: true, dbUsers: true };
const ALL: RestOperation[] = ['submit', 'get', 'list', 'cancel', 'history', 'hold', 'timeLimit'];

/**
 * Every codec, newest first: the order negotiation prefers. Hold, release and time-limit changes
 * are a job update (`POST /job/{id}` with `hold` or `time_limit`) in every version: 22.05's
 * v0.0.36–v0.0.38 were checked against a real slurmrestd, v0.0.39–v0.0.41 follow their specs
 * (`*_job_desc_msg` carries both fields).
 */
export const REST_CODECS: readonly RestCodec[] = [
  build('v0.0.41', WRAPPED, ALL),
  build('v0.0.40', WRAPPED, ALL),
  build('v0.0.39', WRAPPED, ALL),
  build('v0.0.38', LEGACY, ALL),
  build('v0.0.37', LEGACY, ALL),
  // v0.0.36 leaves slurmctld's `user_name` empty (accounting names the user) and has no
  // `standard_output` in its job description: a spec naming its output is refused on it.
  build('v0.0.36', { ...LEGACY, liveUserName: false }, ALL, ['output']),
];

function decodeLive(raw: Record<string, unknown>, cluster: string, shape: Shape): Job {
  const stateWords = Array.isArray(raw.job_state)
    ? (raw.job_state as string[])
    : [String(raw.job_state ?? '')];
  const exit = shape.verboseExit ? verboseExit(raw.exit_code) : waitStatus(raw.exit_code);
  const state = mapSlurmState({
    state: stateWords[0] ?? '',
    reason: slurmText(raw.state_reason),
    exitCode: exit,
  });
  const arrayJobId = slurmCount(raw.array_job_id);
  const arrayTaskId = slurmCount(raw.array_task_id);
  const jobId = String(slurmCount(raw.job_id) ?? '');
  const isTask = arrayJobId !== undefined && arrayJobId > 0 && arrayTaskId !== undefined;
  const start = slurmTime(raw.start_time);
  const end = slurmTime(raw.end_time);
  const started = state.phase !== 'queued' && state.phase !== 'held' && start !== undefined;
  const requested = resources(slurmText(raw.tres_req_str), slurmCount(raw.node_count), slurmCount(raw.cpus));
  const allocated = started ? resources(slurmText(raw.tres_alloc_str)) : undefined;
  const nodes = started ? slurmText(raw.nodes) : undefined;
  return clean({
    cluster,
    id: isTask ? `${arrayJobId}_${arrayTaskId}` : jobId,
    arrayJobId: isTask ? String(arrayJobId) : undefined,
    arrayTaskId: isTask ? arrayTaskId : undefined,
    name: String(raw.name ?? ''),
    user: (shape.liveUserName ? slurmText(raw.user_name) : undefined) ?? '',
    account: slurmText(raw.account),
    partition: slurmText(raw.partition),
    qos: slurmText(raw.qos),
    state,
    requested,
    allocated,
    submitTime: slurmTime(raw.submit_time) ?? new Date(0),
    startTime: started ? start : undefined,
    endTime: state.phase === 'ended' ? end : undefined,
    elapsedSeconds: elapsed(started ? start : undefined, state.phase === 'ended' ? end : undefined),
    timeLimitSeconds: minutesToSeconds(slurmNumber(raw.time_limit)),
    workingDirectory: slurmText(raw.current_working_directory),
    stdoutPath: slurmText(raw.standard_output),
    stderrPath: slurmText(raw.standard_error),
    nodeList: nodes ? expandHostlist(nodes) : [],
    comment: slurmText(raw.comment),
  });
}

function pendingTasks(raw: Record<string, unknown>, job: Job): Job[] {
  const tasks = slurmText(raw.array_task_string);
  if (tasks === undefined || job.arrayTaskId !== undefined) return [job];
  const spec = parseArraySpec(tasks);
  if (typeof spec === 'string') return [job];
  return spec.indices.map((i) => ({ ...job, id: `${job.id}_${i}`, arrayJobId: job.id, arrayTaskId: i }));
}

function decodeDb(raw: Record<string, unknown>, cluster: string, shape: Shape): Job {
  const time = (raw.time ?? {}) as Record<string, unknown>;
  const st = (raw.state ?? {}) as Record<string, unknown>;
  const current = Array.isArray(st.current) ? (st.current as string[])[0] : st.current;
  const array = (raw.array ?? {}) as Record<string, unknown>;
  const arrayJobId = slurmCount(array.job_id);
  const arrayTaskId = slurmCount(array.task_id);
  const isTask = arrayJobId !== undefined && arrayJobId > 0 && arrayTaskId !== undefined;
  const state = mapSlurmState({
    state: String(current ?? ''),
    reason: slurmText(st.reason),
    // 22.05's slurmdbd plugins (dbv0.0.36-38) report every job's exit code as SUCCESS/0, even one
    // sacct shows as 3:0: an unknown exit code is better than a wrong one.
    exitCode: shape.wrapped ? verboseExit(raw.exit_code) : undefined,
  });
  const start = slurmTime(time.start);
  const end = slurmTime(time.end);
  const tres = (raw.tres ?? {}) as { allocated?: unknown[]; requested?: unknown[] };
  const comment = raw.comment as Record<string, unknown> | undefined;
  const nodes = slurmText(raw.nodes);
  const started = start !== undefined;
  const workingDirectory = slurmText(raw.working_directory);
  // Accounting has no output paths before v0.0.40: hpckit recorded the named ones in the comment.
  const outputs = outputsOf(slurmText(comment?.job));
  const stdoutPath = slurmText(raw.stdout) ?? outputPath(outputs.stdout, workingDirectory);
  return clean({
    cluster,
    id: isTask ? `${arrayJobId}_${arrayTaskId}` : String(slurmCount(raw.job_id) ?? ''),
    arrayJobId: isTask ? String(arrayJobId) : undefined,
    arrayTaskId: isTask ? arrayTaskId : undefined,
    name: String(raw.name ?? ''),
    user: String(raw.user ?? ''),
    account: slurmText(raw.account),
    partition: slurmText(raw.partition),
    qos: slurmText(raw.qos),
    state,
    requested: tresList(tres.requested),
    allocated: started ? tresList(tres.allocated) : undefined,
    submitTime: slurmTime(time.submission) ?? new Date(0),
    startTime: start,
    endTime: state.phase === 'ended' ? end : undefined,
    elapsedSeconds: slurmCount(time.elapsed) ?? elapsed(start, end),
    timeLimitSeconds: minutesToSeconds(slurmNumber(time.limit)),
    workingDirectory,
    stdoutPath,
    stderrPath: slurmText(raw.stderr) ?? outputPath(outputs.stderr, workingDirectory) ?? stdoutPath,
    nodeList: started && nodes && nodes !== 'None assigned' ? expandHostlist(nodes) : [],
    comment: slurmText(comment?.job),
  });
}

function outputPath(pattern: string | undefined, dir: string | undefined): string | undefined {
  if (pattern === undefined || pattern.startsWith('/')) return pattern;
  return dir === undefined ? undefined : `${dir.replace(/\/$/, '')}/${pattern}`;
}

function resources(tres: string | undefined, nodes?: number, cpus?: number): ResourceCounts {
  const t = tres ? parseTres(tres) : {};
  return clean({
    nodes: t.nodes ?? nodes ?? 0,
    cores: t.cpu ?? cpus ?? 0,
    gpus: t.gpus ?? 0,
    memoryMiB: t.memoryMiB,
    billing: t.billing,
  });
}

function tresList(list: unknown[] | undefined): ResourceCounts {
  const parts: string[] = [];
  for (const item of list ?? []) {
    const { type, name, count } = item as { type?: string; name?: string | null; count?: unknown };
    const n = slurmCount(count);
    if (n === undefined || !type) continue;
    const key = name ? `${type}/${name}` : type;
    parts.push(`${key}=${type === 'mem' ? `${n}M` : n}`);
  }
  return resources(parts.join(','));
}

// slurmctld's bare `exit_code` is a wait status: exit status in the high byte, signal in the low.
function waitStatus(value: unknown): string | undefined {
  const n = slurmCount(value);
  if (n === undefined) return undefined;
  return `${(n >> 8) & 0xff}:${n & 0x7f}`;
}

function verboseExit(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return waitStatus(value);
  const v = value as { return_code?: unknown; signal?: { id?: unknown; signal_id?: unknown } };
  const code = slurmCount(v.return_code);
  const signal = slurmCount(v.signal?.id ?? v.signal?.signal_id);
  if (code === undefined) return undefined;
  return `${code}:${signal ?? 0}`;
}

function minutesToSeconds(n: ReturnType<typeof slurmNumber>): number | undefined {
  return typeof n === 'number' && n > 0 ? n * 60 : undefined;
}

function elapsed(start: Date | undefined, end: Date | undefined): number {
  if (!start) return 0;
  return Math.max(0, Math.round(((end ?? new Date()).getTime() - start.getTime()) / 1000));
}

function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
