import { expect } from 'vitest';
import type { CapabilityKey } from '../../adapter/capabilities.js';
import type { RuntimeAdapter } from '../../adapter/runtime-adapter.js';
import type { ConformanceContext } from '../context.js';
import { defineSuite } from '../define-suite.js';

type Probe = (rt: RuntimeAdapter, ctx: ConformanceContext) => Promise<unknown>[];

// One call per method a capability guards. `accounting.history` guards no method: it is covered
// by the jobs-list suite.
const PROBES: Partial<Record<CapabilityKey, Probe>> = {
  'jobs.render': (rt, ctx) => [rt.jobs.render(ctx.spec())],
  'jobs.hold': (rt) => [rt.jobs.hold('1'), rt.jobs.release('1')],
  'jobs.updateTimeLimit': (rt) => [rt.jobs.updateTimeLimit('1', { set: 60 })],
  'jobs.arrays': (rt, ctx) => [rt.jobs.submit(ctx.spec({ array: '0-1' }))],
  'jobs.dependencies': (rt, ctx) => [
    rt.jobs.submit(ctx.spec({ dependencies: [{ type: 'afterok', jobIds: ['1'] }] })),
  ],
  'accounts.create': (rt) => [rt.accounts.create({ name: 'x' })],
  'accounts.list': (rt) => [rt.accounts.list()],
  'accounts.block': (rt) => [rt.accounts.block('x'), rt.accounts.unblock('x'), rt.accounts.status('x')],
  'users.manage': (rt) => [
    rt.users.add({ user: 'x', account: 'y' }),
    rt.users.remove({ user: 'x', account: 'y' }),
  ],
  'users.block': (rt) => [
    rt.users.block({ user: 'x', account: 'y' }),
    rt.users.unblock({ user: 'x', account: 'y' }),
    rt.users.status({ user: 'x', account: 'y' }),
  ],
  'config.availability': (rt) => [rt.config.availability({ user: 'x', account: 'y' })],
  'config.nodes': (rt) => [rt.config.nodes({ names: ['x'] })],
  actAsUser: (rt, ctx) => [rt.jobs.list({}, { user: ctx.fixtures.users.member })],
};

export const capabilities = defineSuite('capabilities', [
  {
    title: 'capabilities: every capability declared false fails with UNSUPPORTED, never silently',
    async run(ctx) {
      const rt = ctx.runtime();
      const declaredFalse = Object.entries(rt.capabilities)
        .filter(([, on]) => !on)
        .map(([key]) => key as CapabilityKey);
      for (const key of declaredFalse) {
        for (const call of PROBES[key]?.(rt, ctx) ?? []) {
          const err = await ctx.rejects(call, 'UNSUPPORTED');
          expect(err.details.capability).toBe(key);
        }
      }
    },
  },
]);
