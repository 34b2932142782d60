import { fromMicros, toMicros } from '../amount-codec.js';
import type { SqlDialect } from '../sql/sql-dialect.js';

// SQLite returns an integer column as a bigint (safe-integer mode) and a SUM of no rows as null.
const integer = (value: unknown): bigint | number =>
  value === null || value === undefined ? 0 : (value as bigint | number);

/** SQLite: money as integer millionths (64-bit, exact), transactions exclusive (`BEGIN IMMEDIATE`). */
export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  moneyType: 'INTEGER',
  serialKey: 'INTEGER PRIMARY KEY AUTOINCREMENT',
  forUpdate: '',
  skipLocked: '',
  greatest: 'MAX',
  encodeAmount: (amount) => toMicros(amount),
  decodeAmount: (value) => fromMicros(integer(value)),
  // Whole units and the millionths left over are summed apart: each stays far inside 64 bits for
  // millions of maximum amounts, where one SUM of millionths overflows after ten of them.
  sumAmounts: (e) => `SUM((${e}) / 1000000) AS net_units, SUM((${e}) % 1000000) AS net_micros`,
  decodeSum: (row) =>
    fromMicros(BigInt(integer(row?.net_units)) * 1_000_000n + BigInt(integer(row?.net_micros))),
  jsonText: (column, path) => `json_extract(${column}, '$.${path.join('.')}')`,
  isUniqueViolation: (err) =>
    typeof err === 'object' &&
    err !== null &&
    /^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)/.test(String((err as { code?: unknown }).code)),
};
