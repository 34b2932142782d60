import { describe, expect, it } from 'vitest';
import { fakeAdapter } from '../../../test/fake-adapter.js';
import { CAPABILITY_KEYS } from '../../adapter/capabilities.js';
import {
  ADAPTER_OPERATION_PATHS,
  ADAPTER_OPERATIONS,
  type AdapterOperationSpec,
} from '../../adapter/operations.js';
import type { RuntimeAdapter } from '../../adapter/runtime-adapter.js';
import { createContext } from '../context.js';
import { capabilities } from './capabilities.js';

const fixtures = {
  users: { member: 'alice', outsider: 'bob' },
  accounts: { primary: 'acct', secondary: 'other' },
  partitions: { cpu: 'cpu' },
  qos: { normal: 'normal' },
};
const none = Object.fromEntries(CAPABILITY_KEYS.map((key) => [key, false]));

/** Runs the suite against the fake adapter's runtime as `wrap` changes it; returns what was called. */
async function runSuite(wrap: (path: string, call: () => Promise<unknown>) => Promise<unknown>) {
  const { ctx, begin, end } = createContext(fixtures, 1);
  await begin({ adapter: fakeAdapter({ capabilities: none }), advance: async () => {} });
  const rt = ctx.runtime();
  const called: string[] = [];
  const groups: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const path of ADAPTER_OPERATION_PATHS) {
    const [group, name] = path.split('.') as [keyof RuntimeAdapter, string | undefined];
    if (name === undefined) continue;
    const original = (rt[group] as Record<string, (...args: unknown[]) => Promise<unknown>>)[name]!;
    groups[group] ??= {};
    groups[group][name] = (...args) => {
      called.push(path);
      return wrap(path, () => original(...args));
    };
  }
  const recording = { ...rt, ...groups } as RuntimeAdapter;
  try {
    await capabilities.tests[0]!.run({ ...ctx, runtime: () => recording });
  } finally {
    await end();
  }
  return called;
}

describe('the capabilities conformance suite', () => {
  it('calls every operation a capability guards, from the table, and each feature, on an adapter declaring none', async () => {
    const guarded = ADAPTER_OPERATION_PATHS.filter(
      (path) => (ADAPTER_OPERATIONS[path] as AdapterOperationSpec).capability !== undefined,
    );
    const called = await runSuite((_, call) => call());
    // Two submits (arrays, dependencies) and a list acting for a user probe the features.
    expect(called).toEqual([...guarded, 'jobs.submit', 'jobs.submit', 'jobs.list']);
  });

  it('fails when a call guarded by a capability declared false succeeds', async () => {
    for (const silent of ['jobs.release', 'users.status', 'config.nodes']) {
      await expect(
        runSuite((path, call) => (path === silent ? Promise.resolve(undefined) : call())),
      ).rejects.toThrow('expected an hpckit error with code UNSUPPORTED');
    }
  });
});
