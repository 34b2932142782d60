import type { AdapterOperation } from '../adapter/operation-types.js';
import type { ErrorCode } from '../errors/codes.js';

/**
 * The `diagnostics_channel` names hpckit publishes on (`node:diagnostics_channel`), all under
 * the `hpckit:` prefix. A `…:start` and its `…:finish` carry the same object, completed in place
 * when the work ends, so a tracer can key a span on it (a `WeakMap`), as with undici's request
 * events. Nothing is built or published while a channel has no subscriber. Subscribe with
 * {@link subscribeDiagnostics} (typed) or `diagnostics_channel.subscribe(name, fn)`.
 */
export const DIAGNOSTICS_CHANNELS = {
  /** A scheduler command is about to run: {@link CommandStartMessage}. */
  commandStart: 'hpckit:command:start',
  /** A scheduler command ended, ran or not: {@link CommandFinishMessage}. */
  commandFinish: 'hpckit:command:finish',
  /** An adapter operation (`jobs.submit`, …) was called through core: {@link OperationStartMessage}. */
  operationStart: 'hpckit:operation:start',
  /** An adapter operation returned or threw: {@link OperationFinishMessage}. */
  operationFinish: 'hpckit:operation:finish',
  /** A job poller asked the scheduler about its watched jobs: {@link PollTickMessage}. */
  pollTick: 'hpckit:poll:tick',
  /** A ledger job-sync batch committed or failed: {@link LedgerBatchMessage}. */
  ledgerBatch: 'hpckit:ledger:batch',
} as const;

/**
 * One scheduler command (sbatch, squeue, sacct, …) as it starts. Holds no secret: never the
 * command's environment or standard input (a batch script), and option values that may carry
 * one (`--export=NAME=value`, `password=…`, tokens, keys) are replaced by `<redacted>`.
 */
export interface CommandStartMessage {
  /** The program's name without its directory: `sbatch`. */
  readonly program: string;
  /** The argv as run by the adapter (before any `sudo`/`su` wrapping), redacted. */
  readonly argv: readonly string[];
  /** The transport's kind: `local`, `ssh`. */
  readonly transport: string;
  /** The user the command acts for; absent for the transport's own identity. */
  readonly user?: string;
  /** The cluster's name, when the adapter knows it. */
  readonly cluster?: string;
  /** The adapter operation the command serves (`jobs.submit`); absent outside one. */
  readonly operation?: string;
  /** When it started, in ms since the epoch. */
  readonly startedAt: number;
}

/** A scheduler command once it ended: its start message, completed. */
export interface CommandFinishMessage extends CommandStartMessage {
  /** When it ended, in ms since the epoch. */
  readonly endedAt: number;
  /** How long it ran, in ms (monotonic clock). */
  readonly durationMs: number;
  /** Its exit status; absent when it could not run (see `errorCode`). */
  readonly exitCode?: number;
  /** The start of its stderr (at most 2000 characters) when it exited non-zero. */
  readonly stderr?: string;
  /** Why it could not run at all (`TRANSPORT`, `TIMEOUT`, …): it has no exit status. */
  readonly errorCode?: ErrorCode | 'UNKNOWN';
}

/** An adapter operation called through core's runtime layer, so any adapter is traced. */
export interface OperationStartMessage {
  /** The operation's path: `jobs.submit`, `accounts.list`, `version`. */
  readonly operation: AdapterOperation;
  /** The adapter's name: `slurm`, `mock`. */
  readonly adapter: string;
  /** The client's name of the cluster (`hpc`); absent for an adapter used without a client. */
  readonly cluster?: string;
  /** The user the call acts for; absent for the portal's own identity. */
  readonly user?: string;
  /** When it started, in ms since the epoch. */
  readonly startedAt: number;
}

/** An adapter operation once it returned or threw: its start message, completed. */
export interface OperationFinishMessage extends OperationStartMessage {
  /** When it ended, in ms since the epoch. */
  readonly endedAt: number;
  /** How long it took, validation and retries included, in ms. */
  readonly durationMs: number;
  /** `ok`, or `error` with {@link OperationFinishMessage.errorCode}. */
  readonly outcome: 'ok' | 'error';
  /** The error's code (`NOT_FOUND`, …), or `ABORTED` when the caller's signal stopped it. */
  readonly errorCode?: ErrorCode | 'ABORTED' | 'UNKNOWN';
}

/** One poll of a cluster's shared job poller: one `jobs.list` for every watched job. */
export interface PollTickMessage {
  /** The client's name of the cluster. */
  readonly cluster: string;
  /** The user the poller acts for; absent for the portal's own identity. */
  readonly user?: string;
  /** Jobs asked about (still running ones). */
  readonly watched: number;
  /** Their ids, as asked. */
  readonly jobIds: readonly string[];
  /** How long the poll took, in ms (the poller's clock). */
  readonly durationMs: number;
  /** The interval chosen until the next poll, in ms. */
  readonly nextIntervalMs: number;
  /** Whether the poll failed (it is retried by the next one). */
  readonly failed: boolean;
  /** Failures in a row, this one included; 0 after a successful poll. */
  readonly consecutiveFailures: number;
  /** The failure's code, when it failed. */
  readonly errorCode?: ErrorCode | 'UNKNOWN';
}

/** One batch of ended jobs charged by the ledger's job sync, in one transaction. */
export interface LedgerBatchMessage {
  /** The cluster the jobs ran on. */
  readonly cluster: string;
  /** Jobs in the batch. */
  readonly seen: number;
  /** Jobs charged. */
  readonly charged: number;
  /** Jobs recorded with a zero charge. */
  readonly free: number;
  /** Jobs parked for a later retry (unpriced, unsettled, unknown account). */
  readonly parked: number;
  /** Jobs already charged or recorded before. */
  readonly skipped: number;
  /** Sum charged, per currency, as decimal strings: `{ CNY: "12.50" }`. */
  readonly totals: Readonly<Record<string, string>>;
  /** How long the batch took, transaction included, in ms. */
  readonly durationMs: number;
  /** `ok` once committed; `error` when it was rolled back. */
  readonly outcome: 'ok' | 'error';
  /** The error's code, when it failed. */
  readonly errorCode?: ErrorCode | 'UNKNOWN';
}

/** The message type of each channel of {@link DIAGNOSTICS_CHANNELS}, by name. */
export interface DiagnosticsMessages {
  'hpckit:command:start': CommandStartMessage;
  'hpckit:command:finish': CommandFinishMessage;
  'hpckit:operation:start': OperationStartMessage;
  'hpckit:operation:finish': OperationFinishMessage;
  'hpckit:poll:tick': PollTickMessage;
  'hpckit:ledger:batch': LedgerBatchMessage;
}

/** A channel name of {@link DIAGNOSTICS_CHANNELS}. */
export type DiagnosticsChannelName = keyof DiagnosticsMessages;
