import {
  type CommandFinishMessage,
  type CommandStartMessage,
  DIAGNOSTICS_CHANNELS,
  diagnosticsChannel,
  isHpckitError,
} from '@hpckit/core';
import type { ExecRequest, ExecResult, Transport } from '@hpckit/transport';
import { redactArgv } from './redact-argv.js';

const started = diagnosticsChannel(DIAGNOSTICS_CHANNELS.commandStart);
const finished = diagnosticsChannel(DIAGNOSTICS_CHANNELS.commandFinish);

const STDERR_EXCERPT = 2000;

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Whether anyone listens to `hpckit:command:*`. */
export function commandsTraced(): boolean {
  return started.hasSubscribers || finished.hasSubscribers;
}

/** What a command message says besides the command itself. */
export interface CommandOwner {
  /** The cluster's name, once known. */
  cluster(): string | undefined;
  /** The operation being served, if any. */
  operation(): string | undefined;
}

/**
 * The transport with every command published on `hpckit:command:start` and `:finish`: never its
 * environment or standard input, its argv redacted. Without subscribers it runs commands as is.
 */
export function tracedTransport(inner: Transport, owner: CommandOwner): Transport {
  return {
    kind: inner.kind,
    canActAsUser: inner.canActAsUser,
    exec: (request) => (commandsTraced() ? traced(inner, owner, request) : inner.exec(request)),
    stats: () => inner.stats(),
    ...(inner.reset && { reset: () => (inner.reset as () => Promise<void>)() }),
    close: () => inner.close(),
  };
}

async function traced(inner: Transport, owner: CommandOwner, request: ExecRequest): Promise<ExecResult> {
  const cluster = owner.cluster();
  const operation = owner.operation();
  const message = {
    program: (request.argv[0] ?? '').replace(/^.*\//, ''),
    argv: redactArgv(request.argv),
    transport: inner.kind,
    ...(request.user !== undefined && { user: request.user }),
    ...(cluster !== undefined && { cluster }),
    ...(operation !== undefined && { operation }),
    startedAt: Date.now(),
  } as CommandStartMessage & Partial<Writable<CommandFinishMessage>>;
  const t0 = performance.now();
  if (started.hasSubscribers) started.publish(message);
  const end = () => {
    message.endedAt = Date.now();
    message.durationMs = performance.now() - t0;
  };
  try {
    const result = await inner.exec(request);
    end();
    message.exitCode = result.exitCode;
    if (result.exitCode !== 0) message.stderr = result.stderr.slice(0, STDERR_EXCERPT);
    return result;
  } catch (err) {
    end();
    message.errorCode = isHpckitError(err) ? err.code : 'UNKNOWN';
    throw err;
  } finally {
    if (finished.hasSubscribers) finished.publish(message as CommandFinishMessage);
  }
}
