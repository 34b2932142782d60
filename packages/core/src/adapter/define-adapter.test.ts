import { describe, expect, it } from 'vitest';
import { fakeAdapter } from '../../test/fake-adapter.js';
import { CAPABILITY_KEYS } from './capabilities.js';
import { defineSchedulerAdapter } from './define-adapter.js';

const base = () => {
  const fake = fakeAdapter();
  return { name: 'demo', jobs: fake.jobs, config: fake.config, version: fake.version };
};

describe('defineSchedulerAdapter', () => {
  it('fills every capability it is not told about with false', () => {
    const adapter = defineSchedulerAdapter({ ...base(), capabilities: {} });
    expect(Object.keys(adapter.capabilities).sort()).toEqual([...CAPABILITY_KEYS].sort());
    expect(Object.values(adapter.capabilities).every((v) => v === false)).toBe(true);
    expect(Object.isFrozen(adapter.capabilities)).toBe(true);
  });

  it('refuses a declared capability whose methods are missing, naming them', () => {
    expect(() =>
      defineSchedulerAdapter({ ...base(), capabilities: { 'jobs.hold': true, 'accounts.block': true } }),
    ).toThrow(
      'at "jobs.hold": is missing, but capability "jobs.hold" is declared; at "jobs.release": is missing, but capability "jobs.hold" is declared; at "accounts.block": is missing',
    );
  });

  it('refuses a name that is not kebab-case and a contract method that is missing', () => {
    const { jobs, ...rest } = base();
    expect(() =>
      defineSchedulerAdapter({
        ...rest,
        name: 'My Adapter',
        jobs: { ...jobs, cancel: undefined as never },
        capabilities: {},
      }),
    ).toThrow(/at "name": must be a kebab-case id.*at "jobs.cancel": is required by the contract/);
  });

  it('refuses a definition without version, which the contract requires like submit', () => {
    expect(() =>
      defineSchedulerAdapter({ ...base(), version: undefined as never, capabilities: {} }),
    ).toThrow('at "version": is required by the contract');
  });
});
