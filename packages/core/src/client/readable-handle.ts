import type { JobHandle } from './job-handle.js';

/**
 * Node's `util.inspect.custom`, by its registered name: core imports no `node:` module (it runs
 * in browsers too), and `Symbol.for` gives the very symbol `node:util` exports.
 */
export const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

/**
 * What a REPL or a notebook shows for a handle: `JobHandle hpc:1234 "relax" running 5m` and the
 * outcome once ended, instead of a wall of getters.
 */
export function summarizeHandle(handle: JobHandle): string {
  const { job } = handle;
  const state = job.state.outcome ?? job.state.phase;
  const who = handle.user === undefined ? '' : ` as ${handle.user}`;
  const elapsed = job.elapsedSeconds > 0 ? ` ${job.elapsedSeconds}s` : '';
  return `JobHandle ${handle.cluster}:${job.id} ${JSON.stringify(job.name)} ${state}${elapsed}${who}`;
}
