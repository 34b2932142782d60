#!/usr/bin/env bash
# Installs what the @hpckit/apps integration test needs on the single-host Slurm test cluster:
# Debian's Jupyter Notebook server (bookworm packages jupyter-notebook 6.4, not JupyterLab) and
# openssl for the session token. Idempotent; needs root and the apt repositories.
#
#   scripts/apps/up.sh           # install what is missing, then make sure the cluster is up
#   scripts/apps/up.sh --no-cluster   # install only
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
need=()
command -v jupyter-notebook >/dev/null 2>&1 || need+=(jupyter-notebook python3-notebook)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
if [ ${#need[@]} -gt 0 ]; then
  echo "apps: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
jupyter-notebook --version >/dev/null

if [ "${1:-}" != "--no-cluster" ]; then
  "$here/../slurm-cluster/up.sh"
fi
echo "apps: ready (jupyter-notebook $(jupyter-notebook --version))"
