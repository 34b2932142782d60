#!/usr/bin/env bash
# `npm test`: every test, against real services. Brings up (idempotently, as root, from Debian's
# packages) the private PostgreSQL server, the single-host Slurm cluster with its sshd, and the
# Jupyter server the apps test starts on it; then runs the unit and PostgreSQL tests in parallel
# and the Slurm, files and apps integration suites file by file (they share the cluster's accounts).
# `npm run test:unit` runs only the tests that need no service.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/postgres/up.sh >/dev/null
scripts/slurm-cluster/up.sh
scripts/apps/up.sh --no-cluster

HPCKIT_PG=1 npx vitest run
npm run test:slurm
