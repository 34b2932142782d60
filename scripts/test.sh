#!/usr/bin/env bash
# `npm test`: every test, against real services. Brings up (idempotently, as root, from Debian's
# packages) the private PostgreSQL server and the single-host Slurm cluster with its sshd that the
# integration tests use, then runs the unit and PostgreSQL tests in parallel and the Slurm
# integration suite file by file (its block/unblock tests share the cluster's accounts).
# `npm run test:unit` runs only the tests that need no service.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/postgres/up.sh >/dev/null
scripts/slurm-cluster/up.sh

HPCKIT_PG=1 npx vitest run
npm run test:slurm
