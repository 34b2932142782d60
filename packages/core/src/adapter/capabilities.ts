/**
 * Optional features an adapter may declare. A key named after an operation guards that operation
 * and its siblings (`jobs.hold` also guards `jobs.release`): {@link ADAPTER_OPERATIONS} says which
 * capability guards each operation. The other keys are features of a call rather than operations. Features every adapter must have (submit, get, list, cancel,
 * cluster config, version) are not listed: they are part of the contract.
 */
export const CAPABILITY_KEYS = [
  'jobs.render',
  'jobs.hold',
  'jobs.updateTimeLimit',
  /** Many submissions in one call (`jobs.submitMany`), e.g. over one connection. */
  'jobs.submitMany',
  /** Job arrays in `JobSpec.array`. */
  'jobs.arrays',
  /** Dependencies in `JobSpec.dependencies`. */
  'jobs.dependencies',
  /** Ended jobs stay listable (accounting history), not only live ones. */
  'accounting.history',
  'accounts.create',
  'accounts.list',
  'accounts.block',
  'users.manage',
  'users.block',
  'config.availability',
  'config.nodes',
  /** Calls may name the user they act for (`{ user }` in the call context). */
  'actAsUser',
] as const;

/** One optional feature. */
export type CapabilityKey = (typeof CAPABILITY_KEYS)[number];

/** Which optional features an adapter supports: plain readonly data. */
export type Capabilities = Readonly<Record<CapabilityKey, boolean>>;
