import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '../src/stores/sqlite/sqlite-store.js';
import { runStoreConformance } from '../src/testing/index.js';

runStoreConformance({
  name: 'sqlite',
  async setup() {
    const dir = mkdtempSync(join(tmpdir(), 'hpckit-ledger-'));
    const path = join(dir, 'ledger.db');
    return {
      store: await createSqliteStore({ path, synchronous: 'normal' }),
      openAnother: () => createSqliteStore({ path, synchronous: 'normal' }),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
});
