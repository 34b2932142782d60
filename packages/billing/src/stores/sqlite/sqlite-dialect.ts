import { fromMicros, toMicros } from '../amount-codec.js';
import type { SqlDialect } from '../sql/sql-dialect.js';

/** SQLite: money as integer millionths (64-bit, exact), transactions exclusive (`BEGIN IMMEDIATE`). */
export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  moneyType: 'INTEGER',
  serialKey: 'INTEGER PRIMARY KEY AUTOINCREMENT',
  forUpdate: '',
  skipLocked: '',
  greatest: 'MAX',
  encodeAmount: (amount) => toMicros(amount),
  decodeAmount: (value) => fromMicros(value === null || value === undefined ? 0 : (value as bigint | number)),
  isUniqueViolation: (err) =>
    typeof err === 'object' &&
    err !== null &&
    /^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)/.test(String((err as { code?: unknown }).code)),
};
