import { expect } from 'vitest';
import type { CapabilityKey } from '../../adapter/capabilities.js';
import {
  ADAPTER_OPERATION_PATHS,
  ADAPTER_OPERATIONS,
  type AdapterOperationSpec,
  type OperationCapability,
  operationOf,
} from '../../adapter/operations.js';
import type { RuntimeAdapter } from '../../adapter/runtime-adapter.js';
import type { ConformanceContext } from '../context.js';
import { defineSuite } from '../define-suite.js';
import { operationSamples } from '../operation-samples.js';

type Probe = (rt: RuntimeAdapter, ctx: ConformanceContext) => Promise<unknown>;

// Capabilities that guard no operation but a feature of a call, each with a call that needs it.
const FEATURE_PROBES: Record<Exclude<CapabilityKey, OperationCapability>, Probe | undefined> = {
  'jobs.arrays': (rt, ctx) => rt.jobs.submit(ctx.spec({ array: '0-1' })),
  'jobs.dependencies': (rt, ctx) =>
    rt.jobs.submit(ctx.spec({ dependencies: [{ type: 'afterok', jobIds: ['1'] }] })),
  // Covered by the jobs-list suite: without history, ended jobs are simply not listed.
  'accounting.history': undefined,
  actAsUser: (rt, ctx) => rt.jobs.list({}, { user: ctx.fixtures.users.member }),
};

// One call per operation a capability guards, from the operation table, then one per feature.
const CAPABILITY_PROBES: readonly (readonly [CapabilityKey, Probe])[] = [
  ...ADAPTER_OPERATION_PATHS.flatMap((path) => {
    const { capability } = ADAPTER_OPERATIONS[path] as AdapterOperationSpec;
    if (capability === undefined) return [];
    const probe: Probe = async (rt, ctx) =>
      (operationOf(rt, path) as (...args: unknown[]) => Promise<unknown>)(
        ...operationSamples(ctx.spec())[path],
      );
    return [[capability, probe] as const];
  }),
  ...Object.entries(FEATURE_PROBES).flatMap(([key, probe]) =>
    probe ? [[key as CapabilityKey, probe] as const] : [],
  ),
];

export const capabilities = defineSuite('capabilities', [
  {
    title: 'capabilities: every capability declared false fails with UNSUPPORTED, never silently',
    async run(ctx) {
      const rt = ctx.runtime();
      for (const [key, probe] of CAPABILITY_PROBES) {
        if (rt.capabilities[key]) continue;
        const err = await ctx.rejects(probe(rt, ctx), 'UNSUPPORTED');
        expect(err.details.capability).toBe(key);
      }
    },
  },
]);
