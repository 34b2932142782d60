import { runAdapterConformance } from '@hpckit/core/testing';
import { mockAdapter } from '@hpckit/adapter-mock';

runAdapterConformance({
  name: 'mock',
  setup: () => {
    const adapter = mockAdapter();
    return {
      adapter,
      advance: async (seconds) => {
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
});
