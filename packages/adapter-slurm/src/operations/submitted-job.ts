import { posix } from 'node:path';
import { type Job, type JobSpec, requestedShape } from '@hpckit/core';
import { mapSlurmState } from '../parse/state-map.js';

/** What is known of a job the moment sbatch has printed its id, besides the spec. */
export interface Submission {
  /** The id sbatch printed (the array job id for an array). */
  id: string;
  cluster: string;
  /** The login name the job runs as. */
  user: string;
  /** The absolute working directory passed to sbatch (`--chdir`). */
  workingDirectory: string;
  /** When sbatch answered. */
  at: Date;
}

/**
 * The job sbatch just created, from its answer and the spec alone, without reading it back:
 * a submission must cost one command. Only what the spec fixes is filled in; what slurmctld
 * chooses for the rest (default account, partition, QoS, time limit, memory) is left out rather
 * than guessed, and appears when the job is next read.
 */
export function submittedJob(spec: JobSpec, s: Submission): Job {
  const shape = requestedShape(spec);
  const name = spec.name ?? 'sbatch';
  const tokens = { id: s.id, name, user: s.user, array: spec.array !== undefined };
  const stdoutPath =
    spec.stdout === undefined ? undefined : outputPath(spec.stdout, s.workingDirectory, tokens);
  const stderrPath =
    spec.stderr === undefined ? undefined : outputPath(spec.stderr, s.workingDirectory, tokens);
  return {
    cluster: s.cluster,
    id: s.id,
    // An array reads back as core's aggregate of its tasks, which names itself the array job.
    arrayJobId: spec.array ? s.id : undefined,
    name,
    user: s.user,
    account: spec.account,
    partition: spec.partition,
    qos: spec.qos,
    // What squeue shows for a new job: pending, and held (JobHeldUser) when submitted held.
    state: mapSlurmState({ state: 'PENDING', reason: spec.hold ? 'JobHeldUser' : undefined }),
    requested: { nodes: shape.nodes, cores: shape.cores, gpus: shape.gpus, memoryMiB: shape.memoryMiB },
    // Slurm keeps whole seconds; a sub-second part would make the snapshot differ from a read.
    submitTime: new Date(Math.floor(s.at.getTime() / 1000) * 1000),
    elapsedSeconds: 0,
    // sbatch takes whole minutes, rounded up.
    timeLimitSeconds: spec.timeLimit === undefined ? undefined : Math.ceil(spec.timeLimit / 60) * 60,
    workingDirectory: s.workingDirectory,
    stdoutPath,
    stderrPath: stderrPath ?? stdoutPath,
    nodeList: [],
    comment: spec.comment,
  };
}

interface PathTokens {
  id: string;
  name: string;
  user: string;
  array: boolean;
}

// Tokens known at submission; an array's %j and %a differ per task.
const SINGLE_TOKENS = /%[%jxuAa]/g;
const ARRAY_TOKENS = /%[%xuA]/g;

/**
 * An output file pattern as squeue reports it: `%j %x %u %A %a %%` expanded, a relative name
 * resolved against the working directory. A pattern with anything else (`%N`, a width, a task's
 * `%j`, a backslash) is left as written: only a read can expand it, and whoever resolves the
 * job's files (`jobFiles` of `@hpckit/remote`) expands it as Slurm does.
 */
function outputPath(pattern: string, workingDirectory: string, t: PathTokens): string {
  const known = t.array ? ARRAY_TOKENS : SINGLE_TOKENS;
  if (pattern.includes('\\') || pattern.replace(known, '').includes('%')) return pattern;
  const expanded = pattern.replace(/%([%jxuAa])/g, (_, c: string) => {
    if (c === '%') return '%';
    if (c === 'j' || c === 'A') return t.id;
    if (c === 'x') return t.name;
    if (c === 'u') return t.user;
    // Slurm's %a of a job that is not an array task (NO_VAL - 1).
    return '4294967294';
  });
  return posix.resolve(workingDirectory, expanded);
}
