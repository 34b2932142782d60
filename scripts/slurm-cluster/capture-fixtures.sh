#!/usr/bin/env bash
# Captures golden outputs of squeue, sacct, scontrol, sacctmgr, sbatch and scancel from the test
# cluster into packages/adapter-slurm/test/fixtures/<version>/, for the adapter's parser tests.
# Submits a set of jobs (as alice and bob) covering the states and shapes the parsers must read.
# Fields and delimiter match what the adapter asks for (see src/parse/squeue.ts and sacct.ts),
# with the fixed delimiter \x1fFX\x1f instead of a random one.
#
# Usage: scripts/slurm-cluster/capture-fixtures.sh   (cluster up, as root; takes about 2 minutes)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

VERSION=$(sinfo -V | awk '{print $2}' | cut -d. -f1,2)
OUT="$HERE/../../packages/adapter-slurm/test/fixtures/$VERSION"
mkdir -p "$OUT"
D=$'\x1fFX\x1f'
export SLURM_TIME_FORMAT=%s
as() { local u=$1; shift; su - "$u" -c "$*"; }
sb() { local u=$1; shift; as "$u" "sbatch --parsable -o /dev/null $*"; }

SQ_FIELDS=(JobArrayID ArrayJobID ArrayTaskID JobID Name UserName Account Partition QOS State Reason TimeUsed TimeLimit
  NumNodes NumCPUs tres-alloc tres-per-node tres-per-job NodeList SubmitTime StartTime EndTime WorkDir Comment StdOut StdErr exit_code)
SQ_FORMAT=$(printf "%s:$D," "${SQ_FIELDS[@]}"); SQ_FORMAT=${SQ_FORMAT%,}
SA_FIELDS=JobID,JobIDRaw,JobName,User,Account,Partition,QOS,State,ExitCode,Reason,NNodes,ReqCPUS,ReqTRES,AllocTRES,Submit,Start,End,ElapsedRaw,TimelimitRaw,WorkDir,Comment,NodeList
SA_STATES=PD,R,S,CD,CA,F,TO,NF,PR,OOM,BF,DL,RQ,RS,RV

log "submitting fixture jobs"
ok=$(sb alice "-J fx-ok -t 5 --comment 'hpckit:key-1 my note' --wrap 'sleep 1'")
fail=$(sb alice "-J fx-fail -t 5 --wrap 'exit 3'")
sig=$(sb alice "-J fx-signal -t 5 --wrap 'kill -9 \$\$'")
weird=$(sb alice "-J \$'we|ird \"q\" \\x27s\\nline ü 名前' -t 5 --wrap 'sleep 2'")
gpu=$(sb alice "-J fx-gpu -p gpu --gres=gpu:2 -t 5 --wrap 'sleep 3'")
run=$(sb alice "-J fx-running -t 10 --wrap 'sleep 60'")
cancel=$(sb alice "-J fx-cancel -t 10 --wrap 'sleep 60'")
held=$(sb bob "-J fx-held -A ai4ec -H -t 5 --wrap true")
arr=$(sb alice "-J fx-array -a 0-5%2 -t 5 --wrap 'sleep 3'")
dep=$(sb alice "-J fx-dep -d afterok:$held -t 5 --wrap true")
sleep 2
as alice "scancel $cancel"
sleep 2

log "capturing squeue"
squeue -h -r --states=all -O "$SQ_FORMAT" >"$OUT/squeue-mixed.txt"

log "capturing scontrol, sacctmgr"
scontrol show partition -o >"$OUT/scontrol-partitions.txt"
scontrol show node -o >"$OUT/scontrol-nodes.txt"
# One known and one unknown name: scontrol prints "Node nosuch not found" on stdout and exits 1.
scontrol show node -o "$NODE,nosuch" >"$OUT/scontrol-node-named.txt" || true
scontrol show config >"$OUT/scontrol-config.txt"
sacctmgr -n -P show assoc format=account,user,partition,qos,defaultqos,maxsubmitjobs,grpsubmitjobs >"$OUT/sacctmgr-assoc.txt"
sacctmgr -n -P show qos format=name,priority,maxwall >"$OUT/sacctmgr-qos.txt"

log "capturing an unsettled sacct row (first sight of a just-ended job)"
quick=$(sb alice "-J fx-quick -t 5 --wrap true")
for _ in $(seq 1 100); do
  row=$(sacct -a -X -n -p --delimiter="$D" -o "$SA_FIELDS" -s "$SA_STATES" -S now-600seconds -E now -j "$quick")
  [[ -n $row ]] && break
  sleep 0.1
done
printf '%s\n' "$row" >"$OUT/sacct-unsettled.txt"

log "capturing error outputs"
err() { local name=$1; shift; as "$@" >/dev/null 2>"$OUT/$name.txt" || true; }
err sbatch-invalid-partition alice "sbatch -p nosuch -o /dev/null --wrap true"
err sbatch-invalid-qos alice "sbatch --qos nosuch -o /dev/null --wrap true"
err sbatch-invalid-account alice "sbatch -A nosuch -o /dev/null --wrap true"
err sbatch-not-member bob "sbatch -A electroplating -o /dev/null --wrap true"
err sbatch-qos-maxwall alice "sbatch --qos normal -t 3-00:00:00 -o /dev/null --wrap true"
err sbatch-partition-maxtime alice "sbatch -t 8-00:00:00 -o /dev/null --wrap true"
err sbatch-too-many-gpus alice "sbatch -p gpu --gres=gpu:9 -o /dev/null --wrap true"
err sbatch-too-many-nodes alice "sbatch -N 2 -t 5 -o /dev/null --wrap true"
err sbatch-bad-mem alice "sbatch --mem 1X -o /dev/null --wrap true"
sacctmgr -i modify account where name=ai4ec set GrpSubmitJobs=0 >/dev/null
err sbatch-account-blocked alice "sbatch -A ai4ec -o /dev/null --wrap true"
sacctmgr -i modify account where name=ai4ec set GrpSubmitJobs=-1 >/dev/null
sacctmgr -i modify user where name=alice account=ai4ec set MaxSubmitJobs=0 >/dev/null
err sbatch-user-blocked alice "sbatch -A ai4ec -o /dev/null --wrap true"
sacctmgr -i modify user where name=alice account=ai4ec set MaxSubmitJobs=-1 >/dev/null
err scancel-unknown alice "scancel -v 987654321"
err scancel-ended alice "scancel -v $fail"
err scancel-other-user bob "scancel -v $run"
err scontrol-update-unknown alice "scontrol update JobId=987654321 TimeLimit=5"
err scontrol-raise-running alice "scontrol update JobId=$run TimeLimit=+60"
err squeue-unknown alice "squeue -j 987654321"

log "waiting for jobs to end and accounting to settle"
as alice "scancel $run $dep"; as bob "scancel $held"
for _ in $(seq 1 60); do
  [[ -z $(squeue -h -u alice,bob -t PD,R,CG -o %i) ]] && break
  sleep 1
done
sleep 6
sacct -a -X -n -p --delimiter="$D" -o "$SA_FIELDS" -s "$SA_STATES" -S now-600seconds -E now \
  -j "$ok,$fail,$sig,$weird,$gpu,$run,$cancel,$held,$arr,$dep" >"$OUT/sacct-ended.txt"
# A timeout needs a minute; take one from history when an earlier run (e.g. the conformance
# suite) left one, else leave the fixture out.
sacct -a -X -n -p --delimiter="$D" -o "$SA_FIELDS" -s TO -S now-86400seconds -E now | head -1 >"$OUT/sacct-timeout.txt"
[[ -s "$OUT/sacct-timeout.txt" ]] || rm -f "$OUT/sacct-timeout.txt"
printf 'jobs: ok=%s fail=%s signal=%s weird=%s gpu=%s running=%s cancelled=%s held=%s array=%s dep=%s\n' \
  "$ok" "$fail" "$sig" "$weird" "$gpu" "$run" "$cancel" "$held" "$arr" "$dep" >"$OUT/README.txt"
log "fixtures written to $OUT"
