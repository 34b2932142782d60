#!/usr/bin/env bash
# `npm test`: every test, against real services. Brings up (idempotently, as root, from Debian's
# packages) the private PostgreSQL server, the single-host Slurm cluster with its sshd, and the
# Jupyter server the apps test starts on it, Jupyter's nbconvert with the Deno kernel, and the
# Chromium the portal's browser test drives; then runs
# the unit and PostgreSQL tests in parallel, the Slurm, files and apps integration suites file by
# file (they share the cluster's accounts), and executes the notebooks of examples/notebooks (on
# the mock, and one on the cluster).
# `npm run test:unit` runs only the tests that need no service.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/postgres/up.sh >/dev/null
scripts/slurm-cluster/up.sh
scripts/apps/up.sh --no-cluster
scripts/notebooks/up.sh
scripts/portal/up.sh

HPCKIT_PG=1 npx vitest run
npm run test:slurm
scripts/notebooks/run.sh --cluster
