/**
 * Optional features an adapter may declare, keyed by the method path each one guards. Features
 * every adapter must have (submit, get, list, cancel, cluster config, version) are not listed:
 * they are part of the contract.
 */
export const CAPABILITY_KEYS = [
  /** `jobs.render`: the script and command a submit would run, without running it. */
  'jobs.render',
  /** `jobs.hold` and `jobs.release`. */
  'jobs.hold',
  /** `jobs.updateTimeLimit`. */
  'jobs.updateTimeLimit',
  /** Job arrays in `JobSpec.array`. */
  'jobs.arrays',
  /** Dependencies in `JobSpec.dependencies`. */
  'jobs.dependencies',
  /** Ended jobs stay listable (accounting history), not only live ones. */
  'accounting.history',
  /** `accounts.create`. */
  'accounts.create',
  /** `accounts.list`. */
  'accounts.list',
  /** `accounts.block`, `accounts.unblock`, `accounts.status`. */
  'accounts.block',
  /** `users.add` and `users.remove`. */
  'users.manage',
  /** `users.block`, `users.unblock`, `users.status`. */
  'users.block',
  /** `config.availability`: partitions and QoS a (user, account) pair may use. */
  'config.availability',
  /** `config.nodes`: the host names and addresses of named nodes. */
  'config.nodes',
  /** Calls may name the user they act for (`{ user }` in the call context). */
  'actAsUser',
] as const;

/** One optional feature. */
export type CapabilityKey = (typeof CAPABILITY_KEYS)[number];

/** Which optional features an adapter supports: plain readonly data. */
export type Capabilities = Readonly<Record<CapabilityKey, boolean>>;
