#!/usr/bin/env bash
# Makes this machine able to execute the notebooks of examples/notebooks: Debian's Jupyter
# (nbconvert and jupyter-client; bookworm packages, no pip) and a Deno kernelspec named "hpckit"
# that runs the `deno` of node_modules on the workspace's TypeScript sources. Idempotent; the
# package install needs root and the apt repositories.
#
#   scripts/notebooks/up.sh                # install what is missing, (re)write the kernelspec
#   JUPYTER_DATA_DIR=/tmp/j scripts/notebooks/up.sh   # put the kernelspec elsewhere
#
# How Deno finds the packages: the repository's package.json makes Deno use node_modules as npm
# left it (the workspace links @hpckit/* to packages/*). DENO_CONDITIONS=@hpckit/source picks
# each package's TypeScript sources (the condition vitest and tsx use), and
# --unstable-sloppy-imports lets Deno load `./x.js` imports from `./x.ts` files, as tsc's NodeNext
# resolution writes them. Without the two, Deno loads the built dist instead (run `npm run build`).
# Native better-sqlite3 loads under Deno from node_modules (Deno runs Node-API addons; the kernel
# has every permission).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)

need=()
command -v jupyter-nbconvert >/dev/null 2>&1 || need+=(jupyter-nbconvert)
command -v jupyter-kernelspec >/dev/null 2>&1 || need+=(jupyter-client)
if [ ${#need[@]} -gt 0 ]; then
  echo "notebooks: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# The deno npm package's own lookup: its platform binary (from @deno/<platform>), placed beside it.
deno=$(cd "$root" && node -e "process.stdout.write(require('deno/install_api.cjs').runInstall())")
"$deno" --version >/dev/null

data=${JUPYTER_DATA_DIR:-$(jupyter --data-dir)}
spec="$data/kernels/hpckit"
mkdir -p "$spec"
cat >"$spec/kernel.json" <<JSON
{
  "argv": ["$deno", "jupyter", "--unstable-sloppy-imports", "--kernel", "--conn", "{connection_file}"],
  "display_name": "Deno (hpckit)",
  "language": "typescript",
  "env": { "DENO_CONDITIONS": "@hpckit/source", "DENO_NO_UPDATE_CHECK": "1", "NO_COLOR": "1" }
}
JSON
echo "notebooks: ready (kernel \"hpckit\" in $spec, $("$deno" --version | head -1), nbconvert $(jupyter-nbconvert --version))"
