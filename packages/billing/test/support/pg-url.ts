/**
 * The PostgreSQL connection string of the ledger tests: `HPCKIT_PG_URL`, or what
 * `scripts/postgres/up.sh` creates by default.
 */
export function pgUrl(): string {
  return process.env.HPCKIT_PG_URL ?? 'postgres://hpckit:hpckit@127.0.0.1:5433/hpckit_test';
}
