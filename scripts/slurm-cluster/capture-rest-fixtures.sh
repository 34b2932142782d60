#!/usr/bin/env bash
# Records slurmrestd's answers (OpenAPI v0.0.36-v0.0.38 of Slurm 22.05) for the REST codecs' unit
# tests: a completed job, a failed one (exit 3), a held array, an unknown id, a refused submit, and
# the version listing. Run as root with the cluster up (up.sh); writes
# packages/adapter-slurm/test/fixtures/rest/22.05/.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
OUT="$HERE/../../packages/adapter-slurm/test/fixtures/rest/22.05"
mkdir -p "$OUT"
URL="http://127.0.0.1:$REST_PORT"
token=$(scontrol token username=alice lifespan=300 | sed 's/^SLURM_JWT=//')
get() { curl -s -H "X-SLURM-USER-NAME: alice" -H "X-SLURM-USER-TOKEN: $token" "$@"; }
submit() { # version body
  get -H 'Content-Type: application/json' -X POST "$URL/slurm/$1/job/submit" -d "$2"
}
job='{"script":"#!/bin/bash\n%s\n","job":{"name":"%s","account":"electroplating","partition":"cpu","time_limit":5,"current_working_directory":"/home/alice","environment":{"PATH":"/usr/bin:/bin"},"comment":"fixture"%s}}'
# shellcheck disable=SC2059
ok=$(submit v0.0.38 "$(printf "$job" 'true' ok '')" | python3 -c 'import json,sys; print(json.load(sys.stdin)["job_id"])')
# shellcheck disable=SC2059
bad=$(submit v0.0.38 "$(printf "$job" 'exit 3' fails '')" | python3 -c 'import json,sys; print(json.load(sys.stdin)["job_id"])')
# shellcheck disable=SC2059
arr=$(submit v0.0.38 "$(printf "$job" 'true' arr ',"array":"0-3%2","hold":true')" | python3 -c 'import json,sys; print(json.load(sys.stdin)["job_id"])')
# shellcheck disable=SC2059
submit v0.0.38 "$(printf "$job" 'true' nopart ',"partition":"nosuch"' | sed 's/"partition":"cpu",//')" >"$OUT/v0.0.38-submit-invalid-partition.json"
sleep 8
for v in v0.0.36 v0.0.37 v0.0.38; do
  get "$URL/slurm/$v/job/$ok" >"$OUT/$v-job-completed.json"
  get "$URL/slurm/$v/job/$bad" >"$OUT/$v-job-failed.json"
  get "$URL/slurm/$v/job/$arr" >"$OUT/$v-job-array-held.json"
  get "$URL/slurm/$v/job/999999" >"$OUT/$v-job-unknown.json"
done
get "$URL/slurmdb/v0.0.38/job/$ok" | python3 -c '
import json,sys
d=json.load(sys.stdin)
for j in d["jobs"]: j.pop("script",None); j["steps"]=[]
json.dump(d,sys.stdout,indent=2)' >"$OUT/v0.0.38-dbjob-completed.json"
get "$URL/slurmdb/v0.0.38/job/999999" >"$OUT/v0.0.38-dbjob-unknown.json"
get "$URL/openapi" | python3 -c 'import json,sys; print(json.dumps(sorted(json.load(sys.stdin)["paths"]), indent=0))' >"$OUT/openapi-paths.json"
scancel "$arr"
log "recorded jobs $ok (completed), $bad (exit 3), $arr (held array) in $OUT"
