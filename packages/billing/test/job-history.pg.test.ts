import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import { createPostgresStore } from '../src/stores/postgres/postgres-store.js';
import { checkHistoryProperty } from './support/job-history-property.js';
import { pgUrl } from './support/pg-url.js';

const url = pgUrl();
const schemas: string[] = [];

afterAll(async () => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});

describe('job history on PostgreSQL (property)', () => {
  it('paging neither drops nor repeats a job; totals are the sum of the listed charges', async () => {
    await checkHistoryProperty(async () => {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      schemas.push(schema);
      return createPostgresStore({ connectionString: url, schema, maxConnections: 2 });
    }, 15);
  }, 180_000);
});
