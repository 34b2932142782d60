import { canonicalAmount } from '../amount-codec.js';
import type { SqlDialect } from '../sql/sql-dialect.js';

/** PostgreSQL: money as `NUMERIC(38, 6)` (exact), rows locked with `FOR UPDATE`. */
export const postgresDialect: SqlDialect = {
  name: 'postgres',
  moneyType: 'NUMERIC(38, 6)',
  serialKey: 'BIGSERIAL PRIMARY KEY',
  forUpdate: ' FOR UPDATE',
  skipLocked: ' FOR UPDATE SKIP LOCKED',
  greatest: 'GREATEST',
  encodeAmount: (amount) => amount,
  decodeAmount: (value) => canonicalAmount(value === null || value === undefined ? '0' : String(value)),
  // NUMERIC sums are exact at any size.
  sumAmounts: (e) => `SUM(${e}) AS net`,
  decodeSum: (row) => postgresDialect.decodeAmount(row?.net),
  jsonText: (column, path) => `(${column}::jsonb #>> '{${path.join(',')}}')`,
  isUniqueViolation: (err) =>
    typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505',
};

/** Turns `?` placeholders into PostgreSQL's `$1, $2, …` (the ledger's SQL has no `?` elsewhere). */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
