import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';
import { createPostgresStore } from '../src/stores/postgres/postgres-store.js';
import { runStoreConformance } from '../src/testing/index.js';
import { pgUrl } from './support/pg-url.js';

// Each test gets its own schema, dropped afterwards; a missing server fails the tests (never skips).
const url = pgUrl();
const schemas: string[] = [];

runStoreConformance({
  name: 'postgres',
  async setup() {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    schemas.push(schema);
    return {
      store: await createPostgresStore({ connectionString: url, schema, maxConnections: 4 }),
      openAnother: () => createPostgresStore({ connectionString: url, schema, maxConnections: 4 }),
    };
  },
});

afterAll(async () => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});
