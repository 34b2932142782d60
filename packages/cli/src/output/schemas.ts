import { JOB_OUTCOMES, JOB_PHASES } from '@hpckit/core';
import { z } from 'zod';

const Decimal = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .describe('An exact decimal amount, as a string');
const Instant = z.string().describe('An ISO 8601 instant (UTC)');

/** A job as `--json` prints it (`jobs submit|show|wait|cancel|hold|release|time`, an item of `jobs list`). */
export const JobJsonSchema = z
  .strictObject({
    cluster: z.string(),
    id: z.string(),
    name: z.string(),
    user: z.string(),
    account: z.string().optional(),
    partition: z.string().optional(),
    phase: z.enum(JOB_PHASES),
    outcome: z.enum(JOB_OUTCOMES).optional().describe('How it ended, once `phase` is `ended`'),
    reason: z.string().optional().describe("The scheduler's reason it waits or ended"),
    exitCode: z.number().int().optional(),
    submitTime: Instant,
    startTime: Instant.optional(),
    endTime: Instant.optional(),
    elapsedSeconds: z.number().int(),
    timeLimitSeconds: z.number().int().optional(),
    script: z.string().optional().describe('The exact batch script (`jobs submit`)'),
  })
  .describe('One job');

/** A page of jobs (`jobs list`). */
export const JobListJsonSchema = z.strictObject({ jobs: z.array(JobJsonSchema), total: z.number().int() });

/** A job's output file (`jobs output`). */
export const JobOutputJsonSchema = z.strictObject({
  id: z.string(),
  stream: z.enum(['stdout', 'stderr']),
  path: z.string(),
  text: z.string(),
  truncated: z.boolean().describe('Whether the file is longer than --bytes and only its start is shown'),
});

/** One file or directory (`files ls`). */
const FileEntryJson = z.strictObject({
  name: z.string(),
  path: z.string().describe('Absolute path on the cluster'),
  type: z.enum(['file', 'directory', 'symlink', 'other']),
  size: z.number().int().describe('Bytes'),
  mode: z.string().describe('Permission bits in octal, e.g. "0644"'),
  mtime: Instant,
});

/** A directory's entries, or one file (`files ls`). */
export const FileListJsonSchema = z.strictObject({
  path: z.string().describe('The absolute path listed'),
  entries: z.array(FileEntryJson),
});

/** A copy between this machine and the cluster (`files get|put`). */
export const FileTransferJsonSchema = z.strictObject({
  done: z.enum(['get', 'put']),
  from: z.string(),
  to: z.string(),
  bytes: z.number().int(),
});

/** What `files rm` deleted (absolute paths on the cluster). */
export const FileRemoveJsonSchema = z.strictObject({ done: z.literal('rm'), paths: z.array(z.string()) });

/** A rename on the cluster (`files mv`). */
export const FileMoveJsonSchema = z.strictObject({ done: z.literal('mv'), from: z.string(), to: z.string() });

/** An app session (`apps create` without --wait, `apps cancel`, an item of `apps list`). */
export const AppSessionJsonSchema = z
  .strictObject({
    jobId: z.string().describe("The session's job: what `apps connect` and `apps cancel` take"),
    appId: z.string(),
    cluster: z.string(),
    user: z.string(),
    createdAt: Instant,
    directory: z.string().describe("The session's files on the cluster (its output.log says why it ended)"),
    state: z.string().optional().describe("The job's phase or outcome"),
  })
  .describe('One app session');

/** The acting user's sessions (`apps list`). */
export const AppListJsonSchema = z.strictObject({ sessions: z.array(AppSessionJsonSchema) });

/** How to open a session (`apps connect`, `apps create --wait`). */
export const AppConnectJsonSchema = AppSessionJsonSchema.extend({
  url: z.string().describe('The URL to open (its token included); through the tunnel when there is one'),
  tunnel: z
    .string()
    .optional()
    .describe('Over ssh: the `ssh -L` command to run first, forwarding a local port to the node'),
  nodeUrl: z.string().optional().describe("The server's URL on the cluster's network, with a tunnel"),
});

/** A quote (`quote`). */
export const QuoteJsonSchema = z.strictObject({
  cluster: z.string(),
  maximum: Decimal.describe('Upper bound of the whole submission'),
  perTask: Decimal,
  currency: z.string(),
  tasks: z.number().int(),
  partition: z.string(),
  timeLimitSeconds: z.number().int(),
});

/** A policy check (`check`). */
export const CheckJsonSchema = z.strictObject({
  ok: z.boolean(),
  violations: z.array(
    z.strictObject({ code: z.string(), message: z.string().describe('In the chosen language') }),
  ),
});

/** A user's balance lines (`ledger balance`). */
export const BalanceJsonSchema = z.strictObject({
  lines: z.array(
    z.strictObject({
      account: z.string(),
      balance: Decimal,
      currency: z.string(),
      role: z.string(),
      blocked: z.boolean(),
      remaining: Decimal.optional().describe("What is left of the user's spending limit this period"),
    }),
  ),
});

/** A page of ledger entries (`ledger charges|payments`). */
export const EntriesJsonSchema = z.strictObject({
  entries: z.array(
    z.strictObject({
      id: z.string(),
      account: z.string(),
      user: z.string().optional(),
      kind: z.string(),
      type: z.string().optional(),
      amount: Decimal,
      currency: z.string(),
      time: Instant,
      jobId: z.string().optional(),
      comment: z.string().optional(),
    }),
  ),
  total: z.number().int(),
  sum: Decimal.describe('Net sum of every match, not only this page'),
  from: Instant,
  to: Instant,
});

/** What a ledger change did (`ledger pay|charge|limit|block|unblock`, `accounts import`). */
export const ChangeJsonSchema = z.strictObject({
  done: z.string().describe('What changed, e.g. "payment", "block"'),
  account: z.string(),
  user: z.string().optional(),
  id: z.string().optional().describe('The new entry, for a payment or charge'),
  balance: Decimal.optional(),
});

/** A CSV export (`ledger export`): the CSV itself unless it went to a file. */
export const ExportJsonSchema = z.strictObject({
  file: z.string().nullable().describe('The file written, or null when the CSV is in `csv`'),
  rows: z.number().int(),
  csv: z.string().optional(),
});

/** What `accounts import` found and did. */
export const ImportJsonSchema = z.strictObject({
  dryRun: z.boolean(),
  changes: z.array(z.string()).describe('One line per change, in English'),
  skipped: z.array(z.string()),
});

/** What `ledger sync` charged. */
export const SyncJsonSchema = z.strictObject({
  clusters: z.array(
    z.strictObject({ cluster: z.string(), charged: z.number().int(), free: z.number().int() }),
  ),
});

/** An error, as `--json` prints it on stdout (with the exit code of its `kind`). */
export const ErrorJsonSchema = z.strictObject({
  error: z.strictObject({
    code: z.string().describe('The hpckit error code (VALIDATION, NOT_FOUND…), or USAGE / INTERNAL'),
    kind: z.enum(['refused', 'notFound', 'unavailable', 'failed', 'usage', 'internal']),
    exitCode: z.number().int(),
    message: z.string().describe('In the chosen language, with how to fix it'),
  }),
});

/** The `--json` schema of each command, by its path (`jobs submit`). */
export const JSON_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  'jobs submit': JobJsonSchema,
  'jobs show': JobJsonSchema,
  'jobs wait': JobJsonSchema,
  'jobs cancel': JobJsonSchema,
  'jobs hold': JobJsonSchema,
  'jobs release': JobJsonSchema,
  'jobs time': JobJsonSchema,
  'jobs list': JobListJsonSchema,
  'jobs output': JobOutputJsonSchema,
  'files ls': FileListJsonSchema,
  'files get': FileTransferJsonSchema,
  'files put': FileTransferJsonSchema,
  'files rm': FileRemoveJsonSchema,
  'files mv': FileMoveJsonSchema,
  'apps list': AppListJsonSchema,
  'apps create': z.union([AppSessionJsonSchema, AppConnectJsonSchema]),
  'apps connect': AppConnectJsonSchema,
  'apps cancel': AppSessionJsonSchema,
  quote: QuoteJsonSchema,
  check: CheckJsonSchema,
  'ledger balance': BalanceJsonSchema,
  'ledger charges': EntriesJsonSchema,
  'ledger payments': EntriesJsonSchema,
  'ledger pay': ChangeJsonSchema,
  'ledger charge': ChangeJsonSchema,
  'ledger limit': ChangeJsonSchema,
  'ledger block': ChangeJsonSchema,
  'ledger unblock': ChangeJsonSchema,
  'ledger sync': SyncJsonSchema,
  'ledger export': ExportJsonSchema,
  'accounts import': ImportJsonSchema,
};
