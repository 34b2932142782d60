import type { AdapterOperation } from '../adapter/operation-types.js';
import type { OperationInputs } from '../adapter/operations.js';
import type { JobSpecInput } from '../model/job-spec.js';

/** A valid input for each operation of the adapter contract. */
export type OperationSamples = { readonly [P in AdapterOperation]: OperationInputs<P> };

/**
 * A valid input for every operation (with `spec` for submit and render), so a test can call each
 * one past validation. Typed by the operation table: a new operation needs a sample here.
 */
export function operationSamples(spec: JobSpecInput): OperationSamples {
  const member = { user: 'x', account: 'y' };
  return {
    'jobs.submit': [spec],
    'jobs.submitMany': [[{ spec }]],
    'jobs.render': [spec],
    'jobs.get': ['1'],
    'jobs.list': [],
    'jobs.cancel': ['1'],
    'jobs.hold': ['1'],
    'jobs.release': ['1'],
    'jobs.updateTimeLimit': ['1', { set: '1m' }],
    'accounts.create': [{ name: 'x' }],
    'accounts.list': [],
    'accounts.block': ['x'],
    'accounts.unblock': ['x'],
    'accounts.status': ['x'],
    'users.add': [member],
    'users.remove': [member],
    'users.block': [member],
    'users.unblock': [member],
    'users.status': [member],
    'config.cluster': [],
    'config.availability': [member],
    'config.nodes': [{ names: ['x'] }],
    version: [],
  };
}
