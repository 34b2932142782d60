import { AsyncLocalStorage } from 'node:async_hooks';
import { ADAPTER_OPERATION_PATHS, type SchedulerAdapter } from '@hpckit/core';
import { commandsTraced } from './traced-transport.js';

const scope = new AsyncLocalStorage<string>();

/** The adapter operation (`jobs.submit`) whose call is running, for command messages. */
export function currentOperation(): string | undefined {
  return scope.getStore();
}

type AnyMethod = (...args: unknown[]) => unknown;

/**
 * The adapter with each operation run in a scope naming it, so the commands it runs say which
 * operation they served. While nobody listens to command messages the methods run as they are.
 */
export function scopeOperations(adapter: SchedulerAdapter): SchedulerAdapter {
  const scoped: Record<string, unknown> = { ...adapter };
  for (const path of ADAPTER_OPERATION_PATHS) {
    const [group, name] = path.split('.') as [string, string | undefined];
    if (name === undefined) {
      const method = scoped[group] as AnyMethod | undefined;
      if (method) scoped[group] = inScope(path, method);
      continue;
    }
    const methods = scoped[group] as Record<string, AnyMethod> | undefined;
    const method = methods?.[name];
    if (method) scoped[group] = { ...methods, [name]: inScope(path, method) };
  }
  return scoped as unknown as SchedulerAdapter;
}

function inScope(path: string, method: AnyMethod): AnyMethod {
  return (...args) => (commandsTraced() ? scope.run(path, method, ...args) : method(...args));
}
