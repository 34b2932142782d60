import { createMemoryStore } from '../src/stores/memory/memory-store.js';
import { runStoreConformance } from '../src/testing/index.js';

runStoreConformance({
  name: 'memory',
  async setup() {
    const store = createMemoryStore();
    return { store, openAnother: async () => store };
  },
});
