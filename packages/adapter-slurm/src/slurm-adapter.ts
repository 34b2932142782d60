import {
  DurationSchema,
  defineSchedulerAdapter,
  NameSchema,
  parseInput,
  type SchedulerAdapter,
} from '@hpckit/core';
import { localTransport, type Transport } from '@hpckit/transport';
import { z } from 'zod';
import { currentOperation, scopeOperations } from './diagnostics/operation-scope.js';
import { tracedTransport } from './diagnostics/traced-transport.js';
import { slurmRules } from './errors/slurm-rules.js';
import { createAccount, listAccounts } from './operations/accounts.js';
import { type BlockMechanism, submitLimitBlocks } from './operations/block-mechanism.js';
import { createCommandRunner, type SlurmProgram } from './operations/command-runner.js';
import { availability, clusterConfig, nodeAddresses } from './operations/config.js';
import { createOperationContext } from './operations/context.js';
import { cancelJob, holdOrRelease, updateTimeLimit } from './operations/jobs-control.js';
import { getJob, listJobs, withUserComment } from './operations/jobs-query.js';
import { renderJob, submitJob } from './operations/jobs-submit.js';
import { submitJobs } from './operations/jobs-submit-many.js';
import { keyAttempts } from './operations/token-lookup.js';
import { addUser, removeUser } from './operations/users.js';

/** Version of this adapter package, reported by `version()`. */
const ADAPTER_VERSION = '0.1.0';

// Most sbatch one shell of a batch runs: the shell is one command to the transport, under one timeout.
const BATCH_CHUNK = 100;

const PROGRAMS = ['sbatch', 'squeue', 'sacct', 'scancel', 'scontrol', 'sacctmgr', 'getent', 'id'] as const;

/** Options of {@link slurmAdapter}. */
export const SlurmAdapterOptionsSchema = z.strictObject({
  /**
   * Where commands run: `localTransport()` or `sshTransport({...})` of `@hpckit/transport`.
   * @default localTransport()
   */
  transport: z
    .custom<Transport>(
      (v) => typeof v === 'object' && v !== null && typeof (v as Transport).exec === 'function',
      { error: slurmRules.error('not_a_transport') },
    )
    .optional(),
  /** Cluster name reported in jobs. @default Slurm's ClusterName */
  cluster: NameSchema.optional(),
  /**
   * Pins every command to one cluster of a multi-cluster Slurm (`-M <name>` for all commands,
   * `where cluster=<name>` for sacctmgr).
   */
  slurmCluster: NameSchema.optional(),
  /** Paths of Slurm commands that are not on PATH or are wrapped by the site. @default {} */
  commands: z.partialRecord(z.enum(PROGRAMS), z.string().min(1)).default({}),
  /**
   * How accounts and users are blocked. The default sets `GrpSubmitJobs=0` on the account's
   * association or `MaxSubmitJobs=0` on the user's associations in the account, and unblocks
   * with `-1`, which erases any value a site had set there; pass your own `BlockMechanism` if a
   * site uses those limits. @default association submit limits
   */
  blockMechanism: z
    .custom<BlockMechanism>(
      (v) => typeof v === 'object' && v !== null && typeof (v as BlockMechanism).blockAccount === 'function',
      { error: slurmRules.error('not_a_block_mechanism') },
    )
    .optional(),
  /**
   * Window of a listing that names no time range. A listing's own range may start anywhere, the
   * epoch included: a start before 2000-01-01 UTC is sent to Slurm as 2000-01-01. @default "30d"
   */
  historyWindow: DurationSchema.default(30 * 86_400),
  /** How far back lookups by job id search accounting. @default "365d" */
  idLookupWindow: DurationSchema.default(365 * 86_400),
  /** How long to wait for accounting to finish a just-ended job's record, in ms. @default 15000 */
  settleTimeoutMs: z.number().int().nonnegative().default(15_000),
  /** Interval between looks at an unfinished accounting record, in ms. @default 1000 */
  settleIntervalMs: z.number().int().positive().default(1_000),
  /** Further attempts of a read after a transport or controller failure. @default 2 */
  readRetries: z.number().int().nonnegative().default(2),
  /** Delay before the first retry of a read, doubled each time, in ms. @default 300 */
  retryDelayMs: z.number().int().nonnegative().default(300),
  /** Interpreter line of generated scripts. @default "/bin/bash" */
  shell: z
    .string()
    .regex(/^\/\S+$/, { error: slurmRules.error('absolute_interpreter') })
    .default('/bin/bash'),
});

/** What callers may pass to {@link slurmAdapter}. */
export type SlurmAdapterOptions = z.input<typeof SlurmAdapterOptionsSchema>;

/**
 * The Slurm adapter: sbatch, squeue, sacct, scancel, scontrol and sacctmgr run through a local or
 * SSH transport, parsed into core's model, with failures mapped to core's typed errors.
 *
 * @example
 * ```ts
 * import { createClient } from '@hpckit/core';
 * import { slurmAdapter } from '@hpckit/adapter-slurm';
 * import { sshTransport } from '@hpckit/transport';
 *
 * const client = createClient({
 *   clusters: {
 *     hpc: {
 *       adapter: slurmAdapter({
 *         transport: sshTransport({
 *           host: 'login.hpc.example.org',
 *           credentials: { username: 'portal', privateKeyPath: '/etc/portal/id_ed25519' },
 *           actAs: { mode: 'sudo' },
 *           hostKey: { knownHosts: ['/etc/portal/known_hosts'] },
 *         }),
 *       }),
 *     },
 *   },
 * });
 * ```
 */
export function slurmAdapter(options: SlurmAdapterOptions = {}): SchedulerAdapter {
  const opts = parseInput(SlurmAdapterOptionsSchema, options, slurmRules.subject('slurm_adapter_options'));
  const transport = opts.transport ?? localTransport();
  // Commands are published on `hpckit:command:*`, naming the operation and cluster they served.
  const traced = tracedTransport(transport, {
    cluster: () => ops.knownClusterName(),
    operation: currentOperation,
  });
  const runner = createCommandRunner({
    transport: traced,
    commands: opts.commands as Partial<Record<SlurmProgram, string>>,
    clusterArgs: opts.slurmCluster ? ['-M', opts.slurmCluster] : [],
    readRetries: opts.readRetries,
    retryDelayMs: opts.retryDelayMs,
  });
  const ops = createOperationContext(
    runner,
    {
      slurmCluster: opts.slurmCluster,
      historyWindowSeconds: opts.historyWindow,
      idLookupWindowSeconds: opts.idLookupWindow,
      settleTimeoutMs: opts.settleTimeoutMs,
      settleIntervalMs: opts.settleIntervalMs,
      shell: opts.shell,
    },
    opts.cluster,
  );
  const blocks = opts.blockMechanism ?? submitLimitBlocks(ops);
  const deps = { ops, blocks, attempts: keyAttempts() };
  const block =
    <A>(fn: (arg: A, signal?: AbortSignal) => Promise<void>) =>
    (arg: A, ctx: { signal?: AbortSignal }) =>
      fn(arg, ctx.signal);

  const adapter = defineSchedulerAdapter({
    name: 'slurm',
    // The command runner retries each idempotent Slurm command itself (see `readRetries`).
    retriesReads: true,
    capabilities: {
      'jobs.render': true,
      'jobs.submitMany': true,
      'jobs.hold': true,
      'jobs.updateTimeLimit': true,
      'jobs.arrays': true,
      'jobs.dependencies': true,
      'accounting.history': true,
      'accounts.create': true,
      'accounts.list': true,
      'accounts.block': true,
      'users.manage': true,
      'users.block': true,
      'config.availability': true,
      'config.nodes': true,
      actAsUser: transport.canActAsUser,
    },
    jobs: {
      submit: (spec, ctx) => submitJob(deps, spec, ctx),
      submitMany: (submissions, ctx) => submitJobs(deps, submissions, ctx, BATCH_CHUNK),
      render: (spec, ctx) => renderJob(deps, spec, ctx),
      get: async (id, ctx) => withUserComment(await getJob(ops, id, ctx)),
      list: (query, ctx) => listJobs(ops, query, ctx),
      cancel: (id, ctx) => cancelJob(ops, id, ctx),
      hold: (id, ctx) => holdOrRelease(ops, 'hold', id, ctx),
      release: (id, ctx) => holdOrRelease(ops, 'release', id, ctx),
      updateTimeLimit: (id, change, ctx) => updateTimeLimit(ops, id, change, ctx),
    },
    accounts: {
      create: (account, ctx) => createAccount(ops, account, ctx),
      list: (filter, ctx) => listAccounts(ops, filter, ctx),
      block: block(blocks.blockAccount),
      unblock: block(blocks.unblockAccount),
      status: (account, ctx) => blocks.accountStatus(account, ctx.signal),
    },
    users: {
      add: (m, ctx) => addUser(ops, m, ctx),
      remove: (m, ctx) => removeUser(ops, m, ctx),
      block: block(blocks.blockUser),
      unblock: block(blocks.unblockUser),
      status: (m, ctx) => blocks.userStatus(m, ctx.signal),
    },
    config: {
      cluster: (ctx) => clusterConfig(ops, ctx),
      availability: (m, ctx) => availability(ops, m, ctx),
      nodes: (query, ctx) => nodeAddresses(ops, query, ctx),
    },
    version: async (ctx) => ({
      scheduler: 'slurm',
      version: await ops.slurmVersion(ctx.signal),
      adapter: ADAPTER_VERSION,
    }),
    close: () => transport.close(),
  });
  return scopeOperations(adapter);
}
