import { ValidationError } from '../errors/hpckit-error.js';
import { ruleValidationIssue, validationSubject } from '../errors/validation.js';
import type { ValidationIssue } from '../errors/details.js';
import { CAPABILITY_KEYS, type Capabilities, type CapabilityKey } from './capabilities.js';
import {
  ADAPTER_OPERATION_PATHS,
  ADAPTER_OPERATIONS,
  type AdapterOperationSpec,
  methodsOf,
  operationOf,
} from './operations.js';
import type {
  AccountOperations,
  ConfigOperations,
  JobOperations,
  SchedulerAdapter,
  UserOperations,
} from './scheduler-adapter.js';

/** What an adapter author writes: capabilities may be partial (missing ones are `false`). */
export interface SchedulerAdapterDefinition {
  name: string;
  capabilities: Partial<Capabilities>;
  /** See {@link SchedulerAdapter.retriesReads}. */
  retriesReads?: boolean;
  jobs: JobOperations;
  accounts?: AccountOperations;
  users?: UserOperations;
  config: ConfigOperations;
  /** See {@link SchedulerAdapter.version}. */
  version: SchedulerAdapter['version'];
  /** See {@link SchedulerAdapter.close}. */
  close?: SchedulerAdapter['close'];
}

/**
 * Builds a {@link SchedulerAdapter} from its parts, filling every capability the definition does
 * not mention with `false` (so adding a capability to hpckit later breaks no adapter) and checking
 * that each declared capability has its methods.
 *
 * @throws {@link ValidationError} if a required operation (`version` included) or an operation of a
 * declared capability is missing, or the name is not kebab-case.
 *
 * @example
 * ```ts
 * // fragment: the operations are the adapter's own functions
 * export function pbsAdapter(options: PbsOptions): SchedulerAdapter {
 *   return defineSchedulerAdapter({
 *     name: 'pbs',
 *     capabilities: { 'jobs.hold': true },
 *     jobs: { submit, get, list, cancel, hold, release },
 *     config: { cluster },
 *     version,
 *   });
 * }
 * ```
 */
export function defineSchedulerAdapter(definition: SchedulerAdapterDefinition): SchedulerAdapter {
  const capabilities = Object.fromEntries(
    CAPABILITY_KEYS.map((key) => [key, definition.capabilities[key] === true]),
  ) as Record<CapabilityKey, boolean>;
  const adapter: SchedulerAdapter = {
    name: definition.name,
    capabilities: Object.freeze(capabilities),
    retriesReads: definition.retriesReads ?? false,
    jobs: definition.jobs,
    accounts: definition.accounts ?? {},
    users: definition.users ?? {},
    config: definition.config,
    version: definition.version,
    close: definition.close,
  };
  const issues: ValidationIssue[] = [];
  if (!/^[a-z][a-z0-9-]*$/.test(definition.name)) {
    issues.push(ruleValidationIssue(['name'], 'adapter_name'));
  }
  for (const path of ADAPTER_OPERATION_PATHS) {
    const { capability } = ADAPTER_OPERATIONS[path] as AdapterOperationSpec;
    if (capability !== undefined || operationOf(adapter, path)) continue;
    issues.push(ruleValidationIssue(path.split('.'), 'adapter_operation_required'));
  }
  for (const key of CAPABILITY_KEYS) {
    if (!capabilities[key]) continue;
    for (const method of methodsOf(key)) {
      if (!operationOf(adapter, method)) {
        issues.push(ruleValidationIssue(method.split('.'), 'adapter_capability_operation', { item: key }));
      }
    }
  }
  if (issues.length > 0) {
    throw new ValidationError({
      details: { ...validationSubject('adapter_definition', { value: definition.name }), issues },
    });
  }
  return adapter;
}
