#!/usr/bin/env bash
# Executes the notebooks of examples/notebooks for real: Jupyter's nbconvert runs each one on the
# Deno kernel that scripts/notebooks/up.sh installs (kernelspec "hpckit"), cell by cell, and fails
# on the first cell that raises (the notebooks check their own results and throw when one is
# wrong). The executed copies go to $HPCKIT_NOTEBOOK_OUT (default: a temporary directory), so the
# committed notebooks stay without outputs.
#
#   scripts/notebooks/run.sh              # the notebooks on the mock scheduler
#   scripts/notebooks/run.sh --cluster    # also cluster-sweep.ipynb, on the test cluster (holds its lock)
#   scripts/notebooks/run.sh parameter-sweep pricing-a-sweep   # some of them, by name
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root/examples/notebooks"

# Notebooks that need the test cluster; the others run on the mock.
cluster_only=(cluster-sweep)
names=()
with_cluster=0
for arg in "$@"; do
  case "$arg" in
    --cluster) with_cluster=1 ;;
    *) names+=("${arg%.ipynb}") ;;
  esac
done
if [ ${#names[@]} -eq 0 ]; then
  for file in *.ipynb; do
    name=${file%.ipynb}
    if [[ " ${cluster_only[*]} " == *" $name "* ]] && [ $with_cluster -eq 0 ]; then continue; fi
    names+=("$name")
  done
fi

out=${HPCKIT_NOTEBOOK_OUT:-$(mktemp -d -t hpckit-notebooks-XXXXXX)}
mkdir -p "$out"
failed=()
for name in "${names[@]}"; do
  [ -f "$name.ipynb" ] || { echo "notebooks: no examples/notebooks/$name.ipynb" >&2; exit 2; }
  run=(jupyter nbconvert --to notebook --execute "$name.ipynb" --output-dir "$out"
    --ExecutePreprocessor.kernel_name=hpckit --ExecutePreprocessor.timeout=180)
  if [[ " ${cluster_only[*]} " == *" $name "* ]]; then run=(flock -o /tmp/hpckit-cluster.lock "${run[@]}"); fi
  start=$SECONDS
  if "${run[@]}" >"$out/$name.log" 2>&1; then
    echo "notebooks: $name ok ($((SECONDS - start)) s)"
  else
    echo "notebooks: $name FAILED ($((SECONDS - start)) s); what nbconvert said:" >&2
    grep -v -e MissingIDFieldWarning -e 'validate(nb)' "$out/$name.log" | tail -n 40 >&2
    failed+=("$name")
  fi
done
echo "notebooks: executed copies in $out"
[ ${#failed[@]} -eq 0 ] || { echo "notebooks: failed: ${failed[*]}" >&2; exit 1; }
