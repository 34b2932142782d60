import { errorsFor, type HpckitError, isHpckitError } from '@hpckit/core';

const fail = errorsFor('billing');

// Node's socket errors, and PostgreSQL's SQLSTATEs for a server that is going away or not yet
// accepting connections (class 08: connection exception; 57P01-57P03: shut down, crash, starting).
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
// pg reports a socket that closed under it with a plain Error and no code.
const DROPPED = /Connection terminated|Client has encountered a connection error|connection is closed/i;
// SQLite's and PostgreSQL's (53100 disk_full) "no space left".
const FULL = new Set(['SQLITE_FULL', '53100', 'ENOSPC']);

/** Where a store's database is, for the messages of its errors. */
export interface StoreLocation {
  /** What the store is, as messages name it: `PostgreSQL ledger store`. */
  store: string;
  host?: string;
  port?: number;
}

const oneLine = (text: string) => text.split('\n')[0]?.trim() ?? '';

/**
 * The typed error for a database failure a portal must be able to act on: the server refused or
 * dropped the connection (`TRANSPORT`, `store_unreachable`, retryable) or the disk is full
 * (`INTERNAL`, `store_full`). Anything else (a constraint, a bug) is returned as it is.
 */
export function storeFailure(where: StoreLocation, err: unknown): unknown {
  if (isHpckitError(err) || typeof err !== 'object' || err === null) return err;
  const { code, message } = err as { code?: unknown; message?: unknown };
  const text = oneLine(typeof message === 'string' ? message : String(err));
  const c = typeof code === 'string' ? code : '';
  if (FULL.has(c)) {
    return fail.internal({
      details: { reason: 'store_full', operation: where.store, nativeMessage: text || c },
      cause: err,
    });
  }
  if (UNREACHABLE.has(c) || (c === '' && DROPPED.test(text))) {
    const error: HpckitError = fail.transport({
      details: {
        reason: 'store_unreachable',
        operation: where.store,
        host: where.host,
        port: where.port,
        errno: c || undefined,
        nativeMessage: text || c,
      },
      cause: err,
      retryable: true,
    });
    return error;
  }
  return err;
}
