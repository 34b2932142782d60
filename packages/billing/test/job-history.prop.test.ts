import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { createMemoryStore } from '../src/stores/memory/memory-store.js';
import { createSqliteStore } from '../src/stores/sqlite/sqlite-store.js';
import { checkHistoryProperty } from './support/job-history-property.js';

const dir = mkdtempSync(join(tmpdir(), 'hpckit-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

describe('job history (property)', () => {
  it('memory: paging neither drops nor repeats a job; totals are the sum of the listed charges', async () => {
    await checkHistoryProperty(async () => createMemoryStore(), 60);
  }, 60_000);

  it('sqlite: paging neither drops nor repeats a job; totals are the sum of the listed charges', async () => {
    await checkHistoryProperty(() => createSqliteStore({ path: join(dir, `l${n++}.db`) }), 25);
  }, 120_000);
});
