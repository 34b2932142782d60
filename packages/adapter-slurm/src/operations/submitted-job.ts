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
  // squeue shows Slurm's default already expanded, with the (array) job's id.
  const stdoutPath = outputPath(spec.stdout ?? `slurm-${s.id}.out`, s.workingDirectory);
  const stderrPath = spec.stderr === undefined ? stdoutPath : outputPath(spec.stderr, s.workingDirectory);
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
    // What squeue shows for a new job: pending, held by its user when submitted held, else with
    // no reason yet (the scheduler has not looked at it).
    state: mapSlurmState({ state: 'PENDING', reason: spec.hold ? 'JobHeldUser' : 'None' }),
    requested: { nodes: shape.nodes, cores: shape.cores, gpus: shape.gpus, memoryMiB: shape.memoryMiB },
    // Slurm keeps whole seconds; a sub-second part would make the snapshot differ from a read.
    submitTime: new Date(Math.floor(s.at.getTime() / 1000) * 1000),
    elapsedSeconds: 0,
    // sbatch takes whole minutes, rounded up.
    timeLimitSeconds: spec.timeLimit === undefined ? undefined : Math.ceil(spec.timeLimit / 60) * 60,
    workingDirectory: s.workingDirectory,
    stdoutPath,
    stderrPath,
    nodeList: [],
    comment: spec.comment,
  };
}

/**
 * An output file as squeue reports a new job's (Slurm 22.05): the spec's pattern unexpanded, a
 * relative one joined to the working directory as is; `jobFiles` of `@hpckit/remote` expands it.
 */
function outputPath(pattern: string, workingDirectory: string): string {
  return pattern.startsWith('/') ? pattern : `${workingDirectory}/${pattern}`;
}
