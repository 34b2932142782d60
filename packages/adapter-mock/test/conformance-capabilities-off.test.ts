/**
 * The conformance suite again, on a mock that declares several capabilities false: the tests
 * needing them are skipped with that reason, and the suite's UNSUPPORTED checks run for real.
 */
import { CONFORMANCE_SUITES, runAdapterConformance } from '@hpckit/core/testing';
import { type MockAdapter, MOCK_OPERATIONS } from '@hpckit/adapter-mock';
import { expect, it } from 'vitest';
import { mockConformanceTarget } from './support/conformance-target.js';

runAdapterConformance({
  name: 'mock without hold, time limits, render, batches, arrays, history, blocks, membership, discovery or acting for users',
  ...mockConformanceTarget({
    capabilities: {
      'jobs.hold': false,
      'jobs.updateTimeLimit': false,
      'jobs.render': false,
      'jobs.submitMany': false,
      'jobs.arrays': false,
      'accounting.history': false,
      'accounts.block': false,
      'users.manage': false,
      'config.availability': false,
      'config.nodes': false,
      actAsUser: false,
    },
  }),
  additionalTests(ctx) {
    it('capabilities: core refuses every probe before the mock sees a call', async () => {
      const adapter = ctx.target().adapter as MockAdapter;
      const suite = CONFORMANCE_SUITES.find((s) => s.area === 'capabilities')!;
      for (const test of suite.tests) await test.run(ctx);
      expect(adapter.calls).toEqual(Object.fromEntries(MOCK_OPERATIONS.map((path) => [path, 0])));
    });
  },
});
