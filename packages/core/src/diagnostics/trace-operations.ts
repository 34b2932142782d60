import type { AdapterOperation } from '../adapter/operation-types.js';
import { ADAPTER_OPERATIONS, type AdapterOperationSpec } from '../adapter/operations.js';
import type { CallContext } from '../adapter/scheduler-adapter.js';
import { isHpckitError } from '../errors/hpckit-error.js';
import type { OperationFinishMessage, OperationStartMessage } from './channels.js';
import { diagnosticsChannel } from './publish.js';

type AnyMethod = (...args: unknown[]) => Promise<unknown>;
type Writable<T> = { -readonly [K in keyof T]: T[K] };

const started = diagnosticsChannel('hpckit:operation:start');
const finished = diagnosticsChannel('hpckit:operation:finish');

/** Who the traced operations belong to. */
export interface OperationOwner {
  adapter: string;
  cluster?: string;
}

/**
 * Wraps every method of `methods` so a call publishes `hpckit:operation:start` and `:finish`;
 * a call made while neither channel has a subscriber runs the method as it is.
 */
export function traceOperations(methods: Map<AdapterOperation, AnyMethod>, owner: OperationOwner): void {
  for (const [path, method] of methods) {
    // The call context follows the operation's inputs.
    const contextAt = (ADAPTER_OPERATIONS[path] as AdapterOperationSpec).input.length;
    methods.set(path, (...args) => {
      if (!started.hasSubscribers && !finished.hasSubscribers) return method(...args);
      return traced(path, owner, args[contextAt] as CallContext | undefined, () => method(...args));
    });
  }
}

async function traced(
  operation: AdapterOperation,
  owner: OperationOwner,
  ctx: CallContext | undefined,
  run: () => Promise<unknown>,
): Promise<unknown> {
  const message = {
    operation,
    adapter: owner.adapter,
    ...(owner.cluster !== undefined && { cluster: owner.cluster }),
    ...(typeof ctx?.user === 'string' && { user: ctx.user }),
    startedAt: Date.now(),
  } as OperationStartMessage & Partial<Writable<OperationFinishMessage>>;
  const t0 = performance.now();
  if (started.hasSubscribers) started.publish(message);
  let failure: unknown;
  let failed = false;
  try {
    return await run();
  } catch (err) {
    failed = true;
    failure = err;
    throw err;
  } finally {
    message.endedAt = Date.now();
    message.durationMs = performance.now() - t0;
    message.outcome = failed ? 'error' : 'ok';
    if (failed) {
      const aborted = ctx?.signal?.aborted === true && failure === ctx.signal.reason;
      message.errorCode = aborted ? 'ABORTED' : isHpckitError(failure) ? failure.code : 'UNKNOWN';
    }
    if (finished.hasSubscribers) finished.publish(message as OperationFinishMessage);
  }
}
