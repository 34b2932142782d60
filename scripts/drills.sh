#!/usr/bin/env bash
# `npm run test:drills`: the reliability drills of test/drills (issue 15) against the real cluster
# and a private PostgreSQL server. Each drill stops and restarts daemons that other tests use, so
# each runs alone, file by file, holding the shared cluster lock for its whole run. Services must
# be up (`npm test` brings them up first). `npm run test:drills -- sshd` runs the drills whose file
# name contains "sshd". Every drill runs even after one failed (each restores the cluster); the
# script fails if any did, and ends with each drill's wall time.
set -uo pipefail
cd "$(dirname "$0")/.."

filter=${1:-}
failed=0
times=()
for file in test/drills/*.drill.test.ts; do
  [[ -z $filter || $file == *"$filter"* ]] || continue
  start=$SECONDS
  if HPCKIT_SLURM=1 HPCKIT_DRILLS=1 flock -o /tmp/hpckit-cluster.lock \
    npx vitest run --no-file-parallelism --reporter=verbose "$file"; then
    verdict=passed
  else
    verdict=FAILED
    failed=1
  fi
  times+=("$(basename "$file" .drill.test.ts): $verdict in $((SECONDS - start)) s (lock wait included)")
done
printf '\ndrills:\n'
printf '  %s\n' "${times[@]}"
exit "$failed"
