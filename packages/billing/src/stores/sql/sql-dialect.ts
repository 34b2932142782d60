/** A row as a driver returns it: column name to value. */
export type SqlRow = Record<string, unknown>;

/**
 * One database connection inside a transaction. SQL is written with `?` placeholders; the
 * PostgreSQL connection numbers them.
 */
export interface SqlConnection {
  /** Runs a query and returns its rows. */
  all(sql: string, params?: readonly unknown[]): Promise<SqlRow[]>;
  /** Runs a statement and returns the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

/** What differs between SQLite and PostgreSQL, for the SQL shared by both stores. */
export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres';
  /** Money column type: exact, never floating point. */
  readonly moneyType: string;
  /** Auto-incrementing primary key column definition. */
  readonly serialKey: string;
  /** Suffix that locks selected rows until the transaction ends (empty where transactions are exclusive). */
  readonly forUpdate: string;
  /** Suffix that locks selected rows and skips rows other transactions hold. */
  readonly skipLocked: string;
  /** Name of the two-argument maximum function. */
  readonly greatest: string;
  /** Writes an amount (canonical decimal string) for a money column. */
  encodeAmount(amount: string): unknown;
  /** Reads a money column back as a canonical decimal string. */
  decodeAmount(value: unknown): string;
  /**
   * Select-list items that add up a money expression over the matching rows, exactly however many
   * rows match (a plain `SUM` of SQLite's integer millionths overflows past about 9.2 × 10^12).
   */
  sumAmounts(expression: string): string;
  /** Reads the items of {@link SqlDialect.sumAmounts} back as a canonical decimal string (0 for no rows). */
  decodeSum(row: SqlRow | undefined): string;
  /** An expression reading the text at `path` (object keys) of a JSON text column, NULL if absent. */
  jsonText(column: string, path: readonly string[]): string;
  /** Whether a driver error is a unique-key violation. */
  isUniqueViolation(err: unknown): boolean;
}

/** Reads an integer column (a JS number, bigint or numeric string) as a JS number. */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/** Reads an optional epoch-ms column as a Date. */
export function toDate(value: unknown): Date | undefined {
  return value === null || value === undefined ? undefined : new Date(toNumber(value));
}

/** Reads an optional text column. */
export function toText(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}
