import { formatError, isHpckitError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { storeFailure } from './store-failures.js';

const pgStore = { store: 'PostgreSQL ledger store', host: '127.0.0.1', port: 5433 };

describe('storeFailure', () => {
  it.each([
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5433'],
    ['57P01', 'terminating connection due to administrator command'],
    ['08006', 'connection failure'],
  ])(
    'a server that refuses or drops the connection (%s) is a retryable store_unreachable',
    (code, message) => {
      const err = storeFailure(pgStore, Object.assign(new Error(message), { code }));
      expect(isHpckitError(err, 'TRANSPORT')).toBe(true);
      if (!isHpckitError(err, 'TRANSPORT')) return;
      expect(err.retryable).toBe(true);
      expect(err.details).toMatchObject({
        reason: 'store_unreachable',
        host: '127.0.0.1',
        port: 5433,
        errno: code,
      });
      expect(err.message).toContain('PostgreSQL ledger store at 127.0.0.1:5433');
      expect(err.message).toContain(message);
      expect(formatError(err, { locale: 'zh-CN' })).toContain('无法连接或断开了连接');
    },
  );

  it("pg's own 'Connection terminated unexpectedly' (no code) is store_unreachable too", () => {
    const err = storeFailure(pgStore, new Error('Connection terminated unexpectedly'));
    expect(isHpckitError(err, 'TRANSPORT') && err.details.reason).toBe('store_unreachable');
  });

  it('a full disk is store_full, not retryable, saying to free space in both languages', () => {
    const native = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const err = storeFailure({ store: 'SQLite ledger store' }, native);
    expect(isHpckitError(err, 'INTERNAL')).toBe(true);
    if (!isHpckitError(err, 'INTERNAL')) return;
    expect(err.retryable).toBe(false);
    expect(err.details.reason).toBe('store_full');
    expect(err.cause).toBe(native);
    expect(err.message).toContain(
      'SQLite ledger store could not write: the disk is full (database or disk is full)',
    );
    expect(err.hint).toMatch(/Free space/);
    expect(formatError(err, { locale: 'zh-CN' })).toContain('磁盘已满');
  });

  it('leaves other failures (a constraint, a bug, a typed error) as they are', () => {
    const unique = Object.assign(new Error('duplicate key'), { code: '23505' });
    expect(storeFailure(pgStore, unique)).toBe(unique);
    const bug = new TypeError('x is undefined');
    expect(storeFailure(pgStore, bug)).toBe(bug);
    const typed = storeFailure(pgStore, Object.assign(new Error('gone'), { code: 'ECONNRESET' }));
    expect(storeFailure(pgStore, typed)).toBe(typed);
  });
});
