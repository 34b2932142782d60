/** The mock as a conformance target: its adapter, a clock the suite advances, and the ikkem fixtures. */
import type { AdapterConformanceOptions } from '@hpckit/core/testing';
import { type MockAdapterOptionsInput, mockAdapter } from '@hpckit/adapter-mock';

/** The conformance options every mock run shares, for a mock built with `options`. */
export function mockConformanceTarget(
  options: MockAdapterOptionsInput = {},
): Pick<AdapterConformanceOptions, 'setup' | 'fixtures'> {
  return {
    setup: () => {
      const adapter = mockAdapter(options);
      return {
        adapter,
        advance: async (seconds: number) => {
          adapter.clock.advance(seconds);
        },
      };
    },
    fixtures: {
      users: { member: 'alice', outsider: 'bob' },
      accounts: { primary: 'electroplating', secondary: 'ai4ec' },
      partitions: { cpu: 'cpu', gpu: 'gpu' },
      qos: { normal: 'normal' },
    },
  };
}
