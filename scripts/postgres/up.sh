#!/usr/bin/env bash
# Starts a private PostgreSQL server for the ledger tests and benchmarks (idempotent).
#
# Installs Debian's postgresql package if missing, initialises a cluster under $HPCKIT_PG_STATE
# as the postgres user, starts it with pg_ctl on 127.0.0.1:$HPCKIT_PG_PORT (no systemd needed),
# and creates the test role and database. Prints the connection string last, as
#   HPCKIT_PG_URL=postgres://hpckit:hpckit@127.0.0.1:5433/hpckit_test
# which is also the tests' default. Run as root.
set -euo pipefail

STATE="${HPCKIT_PG_STATE:-/var/lib/hpckit-postgres}"
PORT="${HPCKIT_PG_PORT:-5433}"
DB="${HPCKIT_PG_DB:-hpckit_test}"
ROLE="${HPCKIT_PG_ROLE:-hpckit}"
PASSWORD="${HPCKIT_PG_PASSWORD:-hpckit}"
DATA="$STATE/data"

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

BIN="$(find_bin)"
if [ -z "$BIN" ] || [ ! -x "$BIN/pg_ctl" ]; then
  echo "postgresql is not installed: installing Debian's package" >&2
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql
  BIN="$(find_bin)"
fi

as_postgres() { runuser -u postgres -- "$@"; }

mkdir -p "$STATE"
chown postgres:postgres "$STATE"
chmod 700 "$STATE"

if [ ! -f "$DATA/PG_VERSION" ]; then
  as_postgres "$BIN/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --no-locale >/dev/null
fi

if ! as_postgres "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  as_postgres "$BIN/pg_ctl" -D "$DATA" -l "$STATE/server.log" -w -t 60 \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -k $STATE -c max_connections=200" start >/dev/null
fi

psql_admin() { as_postgres psql -X -q -h "$STATE" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }

if [ "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != "1" ]; then
  psql_admin -c "CREATE ROLE \"$ROLE\" LOGIN PASSWORD '$PASSWORD'"
fi
if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != "1" ]; then
  psql_admin -c "CREATE DATABASE \"$DB\" OWNER \"$ROLE\""
fi

echo "PostgreSQL is up on 127.0.0.1:$PORT (data in $DATA, log in $STATE/server.log)" >&2
echo "HPCKIT_PG_URL=postgres://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
