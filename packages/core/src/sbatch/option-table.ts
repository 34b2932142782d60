/**
 * What an sbatch option does to a job, as far as hpckit's model is concerned:
 * - `field`: it sets a field of the job spec (`--partition` → `partition`); see `option-groups.ts`;
 * - `resource`: it changes what the job is allocated or charged for in a way the model cannot
 *   express (`--exclusive`, `--constraint`); a site's policy refuses it unless allow-listed;
 * - `neutral`: it changes neither resources nor cost (`--mail-type`, `--begin`);
 * - `reserved`: hpckit or the portal must own it (`--comment` carries the idempotency token,
 *   `--parsable` shapes the output hpckit reads, `--wrap` replaces the script, `--uid` switches
 *   users): refused wherever it is written.
 *
 * @see {@link SBATCH_OPTIONS}
 */
export type SbatchOptionKind = 'field' | 'resource' | 'neutral' | 'reserved';

/** Whether an option takes a value: always, only after `=`/attached, or never. */
export type SbatchArgument = 'required' | 'optional' | 'none';

/** One option of sbatch, as its own option table declares it. */
export interface SbatchOption {
  /** Long name without dashes, e.g. `mem-per-cpu`. */
  readonly name: string;
  /** Single-letter form, e.g. `p` for `--partition`. */
  readonly short?: string;
  readonly argument: SbatchArgument;
  readonly kind: SbatchOptionKind;
}

const o = (name: string, argument: SbatchArgument, kind: SbatchOptionKind, short?: string): SbatchOption =>
  short === undefined ? { name, argument, kind } : { name, short, argument, kind };

/**
 * Every option sbatch 22.05 accepts (`src/common/slurm_opt.c`, the entries sbatch may set), with
 * its kind. The list must be complete, not just the options hpckit maps: sbatch accepts any
 * unambiguous prefix of a long option (`--commen` is `--comment`), so telling what a prefix means
 * needs every name it could be a prefix of.
 */
export const SBATCH_OPTIONS: readonly SbatchOption[] = [
  o('account', 'required', 'field', 'A'),
  o('acctg-freq', 'required', 'neutral'),
  o('array', 'required', 'field', 'a'),
  o('batch', 'required', 'resource'),
  o('begin', 'required', 'neutral', 'b'),
  o('bb', 'required', 'resource'),
  o('bbf', 'required', 'resource'),
  o('chdir', 'required', 'field', 'D'),
  // Federation and multi-cluster routing belong to the adapter's configuration (`-M`).
  o('cluster', 'required', 'reserved'),
  o('cluster-constraint', 'required', 'reserved'),
  o('clusters', 'required', 'reserved', 'M'),
  o('comment', 'required', 'reserved'),
  o('constraint', 'required', 'resource', 'C'),
  o('container', 'required', 'neutral'),
  o('context', 'required', 'neutral'),
  o('contiguous', 'none', 'resource'),
  o('core-spec', 'required', 'resource', 'S'),
  o('cores-per-socket', 'required', 'resource'),
  o('cpu-freq', 'required', 'neutral'),
  o('cpus-per-gpu', 'required', 'resource'),
  o('cpus-per-task', 'required', 'field', 'c'),
  o('deadline', 'required', 'neutral'),
  o('delay-boot', 'required', 'neutral'),
  o('dependency', 'required', 'field', 'd'),
  o('distribution', 'required', 'neutral', 'm'),
  o('error', 'required', 'field', 'e'),
  o('exclude', 'required', 'neutral', 'x'),
  o('exclusive', 'optional', 'resource'),
  o('export', 'required', 'field'),
  // Reads a file on the submitting host: the job's environment comes from the spec instead.
  o('export-file', 'required', 'reserved'),
  o('extra-node-info', 'required', 'resource', 'B'),
  o('get-user-env', 'optional', 'neutral'),
  o('gid', 'required', 'reserved'),
  o('gpu-bind', 'required', 'neutral'),
  o('gpu-freq', 'required', 'neutral'),
  o('gpus', 'required', 'field', 'G'),
  o('gpus-per-node', 'required', 'field'),
  o('gpus-per-socket', 'required', 'resource'),
  o('gpus-per-task', 'required', 'resource'),
  o('gres', 'required', 'field'),
  o('gres-flags', 'required', 'neutral'),
  o('help', 'none', 'reserved', 'h'),
  o('hint', 'required', 'resource'),
  o('hold', 'none', 'field', 'H'),
  o('ignore-pbs', 'none', 'neutral'),
  o('input', 'required', 'neutral', 'i'),
  o('job-name', 'required', 'field', 'J'),
  o('kill-on-invalid-dep', 'required', 'neutral'),
  o('licenses', 'required', 'resource', 'L'),
  o('mail-type', 'required', 'neutral'),
  o('mail-user', 'required', 'neutral'),
  o('mcs-label', 'required', 'neutral'),
  o('mem', 'required', 'field'),
  o('mem-bind', 'required', 'neutral'),
  o('mem-per-cpu', 'required', 'field'),
  o('mem-per-gpu', 'required', 'field'),
  o('mincpus', 'required', 'resource'),
  o('network', 'required', 'resource'),
  o('nice', 'optional', 'neutral'),
  o('no-kill', 'optional', 'neutral', 'k'),
  o('no-requeue', 'none', 'neutral'),
  o('nodefile', 'required', 'resource', 'F'),
  o('nodelist', 'required', 'resource', 'w'),
  o('nodes', 'required', 'field', 'N'),
  o('ntasks', 'required', 'field', 'n'),
  o('ntasks-per-core', 'required', 'resource'),
  o('ntasks-per-gpu', 'required', 'resource'),
  o('ntasks-per-node', 'required', 'field'),
  o('ntasks-per-socket', 'required', 'resource'),
  o('ntasks-per-tres', 'required', 'resource'),
  o('open-mode', 'required', 'neutral'),
  o('output', 'required', 'field', 'o'),
  o('overcommit', 'none', 'resource', 'O'),
  o('oversubscribe', 'none', 'resource', 's'),
  o('parsable', 'none', 'reserved'),
  o('partition', 'required', 'field', 'p'),
  o('power', 'required', 'neutral'),
  o('prefer', 'required', 'neutral'),
  // Only operators may raise priorities or reboot nodes: a portal whose service account is one
  // must never pass them on for a user.
  o('priority', 'required', 'reserved'),
  o('profile', 'required', 'neutral'),
  o('propagate', 'optional', 'neutral'),
  o('qos', 'required', 'field', 'q'),
  o('quiet', 'none', 'reserved', 'Q'),
  o('reboot', 'none', 'reserved'),
  o('requeue', 'none', 'neutral'),
  o('reservation', 'required', 'resource'),
  o('signal', 'required', 'neutral'),
  o('sockets-per-node', 'required', 'resource'),
  o('spread-job', 'none', 'resource'),
  o('switches', 'required', 'neutral'),
  o('tasks-per-node', 'required', 'field'),
  o('test-only', 'none', 'reserved'),
  o('thread-spec', 'required', 'resource'),
  o('threads-per-core', 'required', 'resource'),
  o('time', 'required', 'field', 't'),
  o('time-min', 'required', 'neutral'),
  o('tmp', 'required', 'resource'),
  o('uid', 'required', 'reserved'),
  o('usage', 'none', 'reserved'),
  o('use-min-nodes', 'none', 'neutral'),
  o('verbose', 'none', 'reserved', 'v'),
  o('version', 'none', 'reserved', 'V'),
  // Makes sbatch wait for the job to end: a submission would hang for the job's whole run.
  o('wait', 'none', 'reserved', 'W'),
  o('wait-all-nodes', 'required', 'neutral'),
  o('wckey', 'required', 'neutral'),
  o('wrap', 'required', 'reserved'),
];

/**
 * The environment variables sbatch reads as options (`SBATCH_PARTITION`, `SBATCH_GRES`…). They
 * override a script's `#SBATCH` lines, and a user's login files can set them when commands run in
 * the user's login environment (`su -`, per-user SSH logins): adapters unset them for sbatch.
 */
export const SBATCH_INPUT_VARIABLES: readonly string[] = [
  'SBATCH_ACCOUNT',
  'SBATCH_ACCTG_FREQ',
  'SBATCH_ARRAY_INX',
  'SBATCH_BATCH',
  'SBATCH_BURST_BUFFER',
  'SBATCH_CLUSTER_CONSTRAINT',
  'SBATCH_CLUSTERS',
  'SBATCH_CONSTRAINT',
  'SBATCH_CONTAINER',
  'SBATCH_CORE_SPEC',
  'SBATCH_CPU_FREQ_REQ',
  'SBATCH_CPUS_PER_GPU',
  'SBATCH_DEBUG',
  'SBATCH_DELAY_BOOT',
  'SBATCH_DISTRIBUTION',
  'SBATCH_ERROR',
  'SBATCH_EXCLUSIVE',
  'SBATCH_EXPORT',
  'SBATCH_GET_USER_ENV',
  'SBATCH_GPU_BIND',
  'SBATCH_GPU_FREQ',
  'SBATCH_GPUS',
  'SBATCH_GPUS_PER_NODE',
  'SBATCH_GPUS_PER_SOCKET',
  'SBATCH_GPUS_PER_TASK',
  'SBATCH_GRES',
  'SBATCH_GRES_FLAGS',
  'SBATCH_HINT',
  'SBATCH_INPUT',
  'SBATCH_JOB_NAME',
  'SBATCH_MEM_BIND',
  'SBATCH_MEM_PER_CPU',
  'SBATCH_MEM_PER_GPU',
  'SBATCH_MEM_PER_NODE',
  'SBATCH_NETWORK',
  'SBATCH_NO_KILL',
  'SBATCH_NO_REQUEUE',
  'SBATCH_OPEN_MODE',
  'SBATCH_OUTPUT',
  'SBATCH_OVERCOMMIT',
  'SBATCH_PARTITION',
  'SBATCH_POWER',
  'SBATCH_PROFILE',
  'SBATCH_QOS',
  'SBATCH_REQ_SWITCH',
  'SBATCH_REQUEUE',
  'SBATCH_RESERVATION',
  'SBATCH_SIGNAL',
  'SBATCH_SPREAD_JOB',
  'SBATCH_THREAD_SPEC',
  'SBATCH_THREADS_PER_CORE',
  'SBATCH_TIMELIMIT',
  'SBATCH_USE_MIN_NODES',
  'SBATCH_WAIT',
  'SBATCH_WAIT4SWITCH',
  'SBATCH_WAIT_ALL_NODES',
  'SBATCH_WCKEY',
  'SLURM_CLUSTERS',
  'SLURM_HINT',
];
