/**
 * better-sqlite3 and pg are optional peers the user installs: a store whose driver is missing, or
 * whose native binding was not built, fails with a typed error that says what to run, in every
 * locale. The failures here are real (a package that is not installed, a binding file that is not
 * a shared library), reached by swapping only the import the store makes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatError, UnsupportedError } from '@hpckit/core';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { driverError } from '../src/stores/driver-loader.js';
import { postgresDriverImport } from '../src/stores/postgres/postgres-driver.js';
import { createPostgresStore } from '../src/stores/postgres/postgres-store.js';
import { SQLITE_DRIVER, sqliteDriverImport } from '../src/stores/sqlite/sqlite-driver.js';
import { createSqliteStore } from '../src/stores/sqlite/sqlite-store.js';

// Held in a variable, so neither TypeScript nor the bundler resolves it ahead of time.
const notInstalled = 'hpckit-driver-that-is-not-installed';
const importAbsent = () => import(/* @vite-ignore */ notInstalled) as Promise<never>;

const realSqlite = sqliteDriverImport.load;
const realPg = postgresDriverImport.load;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hpckit-drivers-'));
});
afterEach(() => {
  sqliteDriverImport.load = realSqlite;
  postgresDriverImport.load = realPg;
  rmSync(dir, { recursive: true, force: true });
});

async function rejection(open: () => Promise<unknown>): Promise<UnsupportedError> {
  const err = await open().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UnsupportedError);
  return err as UnsupportedError;
}

describe('store drivers', () => {
  it('a missing better-sqlite3 names the package and the install command', async () => {
    sqliteDriverImport.load = importAbsent;
    const err = await rejection(() => createSqliteStore({ path: join(dir, 'ledger.db') }));
    expect(err.details).toMatchObject({
      reason: 'driver_missing',
      driver: 'better-sqlite3',
      driverMajor: '12',
      capability: 'SQLite ledger store',
    });
    expect((err.cause as { code?: string }).code).toBe('ERR_MODULE_NOT_FOUND');
    expect(err.message).toContain('needs the "better-sqlite3" package, which is not installed');
    expect(err.message).toContain('npm install better-sqlite3@12');
    const zh = formatError(err, { locale: 'zh-CN' });
    expect(zh).toContain('没有安装');
    expect(zh).toContain('npm install better-sqlite3@12');
  });

  it('a missing pg names the package and the install command', async () => {
    postgresDriverImport.load = importAbsent;
    const err = await rejection(() =>
      createPostgresStore({ connectionString: 'postgres://nobody@127.0.0.1:1/none' }),
    );
    expect(err.details).toMatchObject({ reason: 'driver_missing', driver: 'pg', driverMajor: '8' });
    expect(err.message).toContain('npm install pg@8');
    expect(formatError(err, { locale: 'zh-CN' })).toContain('npm install pg@8');
  });

  it('a better-sqlite3 whose native binding does not load says to rebuild it', async () => {
    // Not a shared library: dlopen refuses it as it refuses a binding built for another Node.js.
    const binding = join(dir, 'better_sqlite3.node');
    writeFileSync(binding, 'not a shared library');
    sqliteDriverImport.load = async () => {
      const { default: Real } = await realSqlite();
      class Unbuilt extends Real {
        constructor(path: string, options?: Database.Options) {
          super(path, { ...options, nativeBinding: binding });
        }
      }
      return { default: Unbuilt as unknown as typeof Database };
    };
    const err = await rejection(() => createSqliteStore({ path: join(dir, 'ledger.db') }));
    expect(err.details).toMatchObject({ reason: 'driver_unbuilt', driver: 'better-sqlite3' });
    expect((err.cause as { code?: string }).code).toBe('ERR_DLOPEN_FAILED');
    expect(err.message).toContain('could not load the native binding of "better-sqlite3"');
    expect(err.message).toContain('npm rebuild better-sqlite3');
    expect(formatError(err, { locale: 'zh-CN' })).toContain('npm rebuild better-sqlite3');
  });

  it('the bindings loader not finding a build is an unbuilt driver too', () => {
    // What `bindings` (better-sqlite3's loader) throws when `npm install --ignore-scripts` skipped the build.
    const err = driverError(
      SQLITE_DRIVER,
      new Error(
        'Could not locate the bindings file. Tried:\n → /app/node_modules/better-sqlite3/build/x.node',
      ),
      false,
    );
    expect(err?.details.reason).toBe('driver_unbuilt');
    expect(err?.details.nativeMessage).toBe('Could not locate the bindings file. Tried:');
  });

  it('other failures of the driver stay as they are', async () => {
    // A file that is not a database: SQLite's own error, not a driver problem.
    const path = join(dir, 'ledger.db');
    writeFileSync(path, 'not a database, but long enough to have a header page '.repeat(20));
    const err = await createSqliteStore({ path }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).not.toBeInstanceOf(UnsupportedError);
    expect((err as { code?: string }).code).toBe('SQLITE_NOTADB');
    expect(
      driverError(SQLITE_DRIVER, Object.assign(new Error('x'), { code: 'MODULE_NOT_FOUND' }), false),
    ).toBe(undefined);
  });
});
