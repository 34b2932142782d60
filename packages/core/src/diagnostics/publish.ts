import type { DiagnosticsChannelName, DiagnosticsMessages } from './channels.js';

/** The part of a `node:diagnostics_channel` channel hpckit publishes through. */
export interface DiagnosticsChannel<M> {
  /** Whether anyone listens; check it before building a message. */
  readonly hasSubscribers: boolean;
  publish(message: M): void;
}

interface DiagnosticsChannelModule {
  channel(name: string): DiagnosticsChannel<unknown>;
  subscribe(name: string, onMessage: (message: unknown, name: string | symbol) => void): void;
  unsubscribe(name: string, onMessage: (message: unknown, name: string | symbol) => void): boolean;
}

let loaded: DiagnosticsChannelModule | null | undefined;

// Core must load in a browser bundle, so the builtin is looked up at run time, never imported:
// `process.getBuiltinModule` (Node ≥ 20.16) finds it, and anywhere else publishing is a no-op.
function diagnosticsModule(): DiagnosticsChannelModule | null {
  if (loaded === undefined) {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    loaded = (proc?.getBuiltinModule?.('node:diagnostics_channel') as DiagnosticsChannelModule) ?? null;
  }
  return loaded;
}

const SILENT: DiagnosticsChannel<never> = { hasSubscribers: false, publish() {} };

/**
 * The channel `name` of {@link DIAGNOSTICS_CHANNELS}, typed by its message, for a package that
 * publishes on it (an adapter of its own publishing `hpckit:command:*`). Keep the channel (Node
 * holds channels weakly) and test `hasSubscribers` before building a message. Where
 * `node:diagnostics_channel` is absent (a browser) it is a channel nobody listens to.
 *
 * @example
 * ```ts
 * const finished = diagnosticsChannel(DIAGNOSTICS_CHANNELS.commandFinish);
 * if (finished.hasSubscribers) {
 *   finished.publish({ program: 'qstat', argv: ['qstat', '-f'], transport: 'local', startedAt: Date.now(), endedAt: Date.now(), durationMs: 0, exitCode: 0 });
 * }
 * ```
 */
export function diagnosticsChannel<N extends DiagnosticsChannelName>(
  name: N,
): DiagnosticsChannel<DiagnosticsMessages[N]> {
  return diagnosticsModule()?.channel(name) ?? SILENT;
}

/**
 * Calls `onMessage` with every message published on the channel `name` of
 * {@link DIAGNOSTICS_CHANNELS}, typed by that channel, until the returned function is called.
 * Where `node:diagnostics_channel` is absent (a browser) nothing is ever published and this
 * does nothing.
 *
 * @example
 * ```ts
 * const stop = subscribeDiagnostics('hpckit:command:finish', (m) => {
 *   console.log(m.program, m.exitCode, `${m.durationMs.toFixed(1)} ms`);
 * });
 * stop();
 * ```
 */
export function subscribeDiagnostics<N extends DiagnosticsChannelName>(
  name: N,
  onMessage: (message: DiagnosticsMessages[N], name: N) => void,
): () => void {
  const dc = diagnosticsModule();
  if (!dc) return () => {};
  const listener = onMessage as (message: unknown, name: string | symbol) => void;
  dc.subscribe(name, listener);
  return () => {
    dc.unsubscribe(name, listener);
  };
}
