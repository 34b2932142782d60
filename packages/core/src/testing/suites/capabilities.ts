import { expect } from 'vitest';
import type { CapabilityKey } from '../../adapter/capabilities.js';
import type { AdapterOperation } from '../../adapter/operation-types.js';
import {
  ADAPTER_OPERATION_PATHS,
  ADAPTER_OPERATIONS,
  type AdapterOperationSpec,
  type OperationCapability,
  operationOf,
} from '../../adapter/operations.js';
import type { RuntimeAdapter } from '../../adapter/runtime-adapter.js';
import type { CallContext } from '../../adapter/scheduler-adapter.js';
import type { ConformanceContext } from '../context.js';
import { defineSuite } from '../define-suite.js';
import { operationSamples } from '../operation-samples.js';

type Probe = (rt: RuntimeAdapter, ctx: ConformanceContext) => Promise<unknown>;

const capabilityOf = (path: AdapterOperation) =>
  (ADAPTER_OPERATIONS[path] as AdapterOperationSpec).capability;

/** Calls the operation at `path` with its sample inputs and the call context `call`. */
async function callOperation(
  path: AdapterOperation,
  rt: RuntimeAdapter,
  ctx: ConformanceContext,
  call: CallContext,
) {
  const inputs: unknown[] = [...operationSamples(ctx.spec())[path]];
  // The context follows every input, the optional ones a sample leaves out included.
  inputs.length = (ADAPTER_OPERATIONS[path] as AdapterOperationSpec).input.length;
  return (operationOf(rt, path) as (...args: unknown[]) => Promise<unknown>)(...inputs, call);
}

// Capabilities that guard no operation but a feature of a call, each with a call that needs it.
const FEATURE_PROBES: Record<Exclude<CapabilityKey, OperationCapability>, Probe | undefined> = {
  'jobs.arrays': (rt, ctx) => rt.jobs.submit(ctx.spec({ array: '0-1' })),
  'jobs.dependencies': (rt, ctx) =>
    rt.jobs.submit(ctx.spec({ dependencies: [{ type: 'afterok', jobIds: ['1'] }] })),
  // Covered by the jobs-list suite: without history, ended jobs are simply not listed.
  'accounting.history': undefined,
  // Covered by the next test, on every operation.
  actAsUser: undefined,
};

// One call per operation a capability guards, from the operation table, then one per feature.
const CAPABILITY_PROBES: readonly (readonly [CapabilityKey, Probe])[] = [
  ...ADAPTER_OPERATION_PATHS.flatMap((path) => {
    const capability = capabilityOf(path);
    if (capability === undefined) return [];
    const probe: Probe = (rt, ctx) => callOperation(path, rt, ctx, {});
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
  {
    title: 'capabilities: without actAsUser, every operation naming a user fails with UNSUPPORTED',
    async run(ctx) {
      const rt = ctx.runtime();
      if (rt.capabilities.actAsUser) return;
      // An operation whose own capability is declared false is refused for that one first (above).
      for (const path of ADAPTER_OPERATION_PATHS) {
        const capability = capabilityOf(path);
        if (capability !== undefined && !rt.capabilities[capability]) continue;
        const err = await ctx.rejects(
          callOperation(path, rt, ctx, { user: ctx.fixtures.users.member }),
          'UNSUPPORTED',
        );
        expect(err.details.capability, path).toBe('actAsUser');
      }
    },
  },
]);
