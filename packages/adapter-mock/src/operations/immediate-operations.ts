import type {
  AccountOperations,
  CallContext,
  ConfigOperations,
  JobOperations,
  SchedulerVersion,
  UserOperations,
} from '@hpckit/core';

/** The methods of a group of the contract, each answering at once instead of with a promise. */
export type Immediate<Ops> = {
  [K in keyof Ops]-?: NonNullable<Ops[K]> extends (...args: infer A) => Promise<infer R>
    ? (...args: A) => R
    : never;
};

/** Every operation of the mock, answering at once: the call guard makes them adapter operations. */
export interface ImmediateOperations {
  jobs: Immediate<JobOperations>;
  accounts: Immediate<AccountOperations>;
  users: Immediate<UserOperations>;
  config: Immediate<ConfigOperations>;
  version(call: CallContext): SchedulerVersion;
}
