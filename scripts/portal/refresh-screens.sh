#!/usr/bin/env bash
# Refreshes the portal guide's screenshots (docs/guides/portal-screens/) from the last run of the
# cluster e2e (examples/portal/test/portal.cluster.e2e.test.ts writes them to
# examples/portal/test/artifacts/cluster/, gitignored). Run it after a change to a screen, then
# commit the pictures: the guide shows the real site, and examples/portal/test/screens.test.ts
# checks that every picture it links is one the e2e takes.
set -euo pipefail
cd "$(dirname "$0")/../.."
from=examples/portal/test/artifacts/cluster
to=docs/guides/portal-screens
for f in "$to"/*.png; do
  name=$(basename "$f")
  if [[ ! -f "$from/$name" ]]; then
    echo "$from/$name is missing: run the cluster e2e first (HPCKIT_SLURM=1 flock -o /tmp/hpckit-cluster.lock npx vitest run examples/portal/test/portal.cluster.e2e.test.ts)" >&2
    exit 1
  fi
  cp "$from/$name" "$to/$name"
done
echo "refreshed $(ls "$to"/*.png | wc -l) screenshots in $to"
