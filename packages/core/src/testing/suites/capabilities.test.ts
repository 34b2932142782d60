import { describe, expect, it } from 'vitest';
import { fakeAdapter } from '../../../test/fake-adapter.js';
import { CAPABILITY_KEYS, type CapabilityKey } from '../../adapter/capabilities.js';
import { defineSchedulerAdapter } from '../../adapter/define-adapter.js';
import {
  ADAPTER_OPERATION_PATHS,
  ADAPTER_OPERATIONS,
  type AdapterOperationSpec,
} from '../../adapter/operations.js';
import type { RuntimeAdapter } from '../../adapter/runtime-adapter.js';
import type { CallContext } from '../../adapter/scheduler-adapter.js';
import { createContext } from '../context.js';
import { capabilities } from './capabilities.js';

const fixtures = {
  users: { member: 'alice', outsider: 'bob' },
  accounts: { primary: 'acct', secondary: 'other' },
  partitions: { cpu: 'cpu' },
  qos: { normal: 'normal' },
};
const declaring = (on: (key: CapabilityKey) => boolean) =>
  Object.fromEntries(CAPABILITY_KEYS.map((key) => [key, on(key)]));
const none = declaring(() => false);
const allButActAsUser = declaring((key) => key !== 'actAsUser');
const guarded = ADAPTER_OPERATION_PATHS.filter(
  (path) => (ADAPTER_OPERATIONS[path] as AdapterOperationSpec).capability !== undefined,
);
const required = ADAPTER_OPERATION_PATHS.filter((path) => !guarded.includes(path));

/**
 * The fake adapter declaring `declared`, with a method for every operation: those the fake lacks
 * fail if called, as only the runtime's refusals should be reached here.
 */
function adapterDeclaring(declared: Record<string, boolean>) {
  const fake = fakeAdapter({ capabilities: none });
  const reached = async () => {
    throw new Error('the runtime let a call through that it should have refused');
  };
  const stubs = (group: string) =>
    Object.fromEntries(
      guarded.filter((p) => p.startsWith(`${group}.`)).map((p) => [p.split('.')[1], reached]),
    );
  return defineSchedulerAdapter({
    name: 'fake',
    capabilities: declared,
    jobs: { ...fake.jobs, ...stubs('jobs') },
    accounts: stubs('accounts'),
    users: stubs('users'),
    config: { ...fake.config, ...stubs('config') },
    version: fake.version,
  });
}

type Wrap = (path: string, call: () => Promise<unknown>) => Promise<unknown>;

/**
 * Runs the suite against the fake adapter declaring `declared`, its runtime changed by `wrap`;
 * returns every call made, with the user it named.
 */
async function runSuite(declared: Record<string, boolean>, wrap: Wrap = (_, call) => call()) {
  const { ctx, begin, end } = createContext(fixtures, 1);
  await begin({ adapter: adapterDeclaring(declared), advance: async () => {} });
  const rt = ctx.runtime();
  const called: { path: string; user: string | undefined }[] = [];
  const recording: Record<string, unknown> = { ...rt };
  for (const path of ADAPTER_OPERATION_PATHS) {
    const [group, name] = path.split('.') as [keyof RuntimeAdapter, string | undefined];
    const holder = (name === undefined ? rt : rt[group]) as Record<
      string,
      (...args: unknown[]) => Promise<unknown>
    >;
    const original = holder[name ?? group]!;
    const arity = (ADAPTER_OPERATIONS[path] as AdapterOperationSpec).input.length;
    const method = (...args: unknown[]) => {
      called.push({ path, user: (args[arity] as CallContext | undefined)?.user });
      return wrap(path, () => original(...args));
    };
    if (name === undefined) recording[group] = method;
    else recording[group] = { ...(recording[group] as object), [name]: method };
  }
  try {
    for (const test of capabilities.tests)
      await test.run({ ...ctx, runtime: () => recording as unknown as RuntimeAdapter });
  } finally {
    await end();
  }
  return called;
}

const paths = (calls: { path: string }[]) => calls.map((c) => c.path);

describe('the capabilities conformance suite', () => {
  it('calls every operation a capability guards, from the table, and each feature, on an adapter declaring none', async () => {
    const called = await runSuite(none);
    // Two submits (arrays, dependencies) probe the features; then each operation no capability
    // guards, naming a user, probes actAsUser.
    expect(paths(called)).toEqual([...guarded, 'jobs.submit', 'jobs.submit', ...required]);
    expect(called.filter((c) => c.user !== undefined)).toEqual(
      required.map((path) => ({ path, user: fixtures.users.member })),
    );
  });

  it('calls every operation of the table naming a user on an adapter declaring all but actAsUser', async () => {
    const called = await runSuite(allButActAsUser);
    expect(called).toEqual(ADAPTER_OPERATION_PATHS.map((path) => ({ path, user: fixtures.users.member })));
  });

  it('calls nothing on an adapter declaring every capability', async () => {
    expect(await runSuite(declaring(() => true))).toEqual([]);
  });

  it('fails when a call guarded by a capability declared false succeeds', async () => {
    for (const silent of ['jobs.release', 'users.status', 'config.nodes']) {
      await expect(
        runSuite(none, (path, call) => (path === silent ? Promise.resolve(undefined) : call())),
      ).rejects.toThrow('expected an hpckit error with code UNSUPPORTED');
    }
  });

  it('fails when a call naming a user succeeds without actAsUser', async () => {
    for (const silent of ['jobs.get', 'accounts.block', 'version']) {
      await expect(
        runSuite(allButActAsUser, (path, call) => (path === silent ? Promise.resolve(undefined) : call())),
      ).rejects.toThrow('expected an hpckit error with code UNSUPPORTED');
    }
  });
});
