#!/usr/bin/env bash
# Stops the private PostgreSQL server started by up.sh (idempotent). With --purge, also deletes
# its data directory.
set -euo pipefail

STATE="${HPCKIT_PG_STATE:-/var/lib/hpckit-postgres}"
DATA="$STATE/data"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"

if [ -n "$BIN" ] && [ -f "$DATA/PG_VERSION" ] && runuser -u postgres -- "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  runuser -u postgres -- "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
  echo "PostgreSQL stopped" >&2
else
  echo "PostgreSQL is not running" >&2
fi

if [ "${1:-}" = "--purge" ]; then
  rm -rf "$STATE"
  echo "removed $STATE" >&2
fi
