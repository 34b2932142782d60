import { describe, expect, expectTypeOf, it } from 'vitest';
import { CAPABILITY_KEYS } from './capabilities.js';
import type { AdapterOperation } from './operation-types.js';
import {
  ADAPTER_OPERATION_PATHS,
  ADAPTER_OPERATIONS,
  type AdapterOperationSpec,
  methodsOf,
  operationOf,
} from './operations.js';
import type { RuntimeAdapter } from './runtime-adapter.js';
import type { CallContext, JobOperations, SubmitContext } from './scheduler-adapter.js';

const spec = (path: AdapterOperation) => ADAPTER_OPERATIONS[path] as AdapterOperationSpec;

describe('the operation table', () => {
  it('lists every operation of the contract once, and its paths in table order', () => {
    expect(ADAPTER_OPERATION_PATHS).toEqual(Object.keys(ADAPTER_OPERATIONS));
    expect(new Set(ADAPTER_OPERATION_PATHS).size).toBe(23);
    expect(ADAPTER_OPERATION_PATHS.filter((path) => spec(path).capability === undefined)).toEqual([
      'jobs.submit',
      'jobs.get',
      'jobs.list',
      'jobs.cancel',
      'config.cluster',
      'version',
    ]);
  });

  it('retries reads and the idempotent block calls, never a call that changes something once', () => {
    expect(ADAPTER_OPERATION_PATHS.filter((path) => !spec(path).idempotent)).toEqual([
      'jobs.submit',
      'jobs.submitMany',
      'jobs.cancel',
      'jobs.hold',
      'jobs.release',
      'jobs.updateTimeLimit',
      'accounts.create',
      'users.add',
      'users.remove',
    ]);
  });

  it('names for each capability the operations it guards', () => {
    const guarded = Object.fromEntries(CAPABILITY_KEYS.map((key) => [key, methodsOf(key)]));
    expect(guarded).toEqual({
      'jobs.render': ['jobs.render'],
      'jobs.hold': ['jobs.hold', 'jobs.release'],
      'jobs.updateTimeLimit': ['jobs.updateTimeLimit'],
      'jobs.submitMany': ['jobs.submitMany'],
      'jobs.arrays': [],
      'jobs.dependencies': [],
      'accounting.history': [],
      'accounts.create': ['accounts.create'],
      'accounts.list': ['accounts.list'],
      'accounts.block': ['accounts.block', 'accounts.unblock', 'accounts.status'],
      'users.manage': ['users.add', 'users.remove'],
      'users.block': ['users.block', 'users.unblock', 'users.status'],
      'config.availability': ['config.availability'],
      'config.nodes': ['config.nodes'],
      actAsUser: [],
    });
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(ADAPTER_OPERATIONS)).toBe(true);
    for (const path of ADAPTER_OPERATION_PATHS) {
      expect(Object.isFrozen(spec(path))).toBe(true);
      expect(Object.isFrozen(spec(path).input)).toBe(true);
    }
    expect(() => {
      (ADAPTER_OPERATIONS['jobs.list'] as { idempotent: boolean }).idempotent = false;
    }).toThrow(TypeError);
  });

  it('finds a method by path, bound to its group, and nothing where there is none', () => {
    const jobs = {
      prefix: 'job ',
      get(id: string) {
        return this.prefix + id;
      },
    };
    const target = { jobs, accounts: {}, version: () => 'v1' };
    expect(operationOf(target, 'jobs.get')?.('7' as never)).toBe('job 7');
    expect(operationOf(target, 'version')?.()).toBe('v1');
    expect(operationOf(target, 'accounts.block')).toBeUndefined();
    expect(operationOf(target, 'users.add')).toBeUndefined();
  });

  it('gives the runtime the contract’s results and contexts, and the parsers’ inputs', () => {
    expectTypeOf<RuntimeAdapter['jobs']['hold']>().parameters.toEqualTypeOf<
      [id: string, ctx?: CallContext]
    >();
    expectTypeOf<RuntimeAdapter['jobs']['submit']>().parameter(1).toEqualTypeOf<SubmitContext | undefined>();
    expectTypeOf<RuntimeAdapter['jobs']['cancel']>().returns.toEqualTypeOf<
      ReturnType<JobOperations['cancel']>
    >();
    expectTypeOf<RuntimeAdapter['config']['cluster']>().parameters.toEqualTypeOf<[ctx?: CallContext]>();
    expectTypeOf<Parameters<RuntimeAdapter['jobs']['list']>['length']>().toEqualTypeOf<0 | 1 | 2>();
  });
});
