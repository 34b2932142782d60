#!/usr/bin/env bash
# Stops the daemons that up.sh started (and only those: each pid is checked against the binary
# it should be). State, accounting DB and queued jobs are kept unless --reset is given, which
# cancels every job first, then wipes the state dir (the DB lives there) and the rendered configs.
# `--only NAME` stops one daemon (munged, mariadb, slurmdbd, slurmctld, slurmd, slurmrestd, sshd); tests use
# `--only sshd` to simulate an sshd restart.
#
# Usage: scripts/slurm-cluster/down.sh [--reset] [--only NAME]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RESET=0
ONLY=
while (($#)); do
  case "$1" in
    --reset) RESET=1 ;;
    --only) ONLY=${2:?--only needs a daemon name}; shift ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (expected --reset or --only NAME)" ;;
  esac
  shift
done
[[ $(id -u) -eq 0 ]] || die "run as root"

if [[ -n $ONLY ]]; then
  expected_exes "$ONLY" >/dev/null || die "unknown daemon $ONLY"
  if [[ $ONLY == sshd ]] && pid=$(live_pid sshd); then
    # Per-connection sshd children outlive the listener; a restart drops them too.
    for child in $(pgrep -P "$pid" 2>/dev/null); do kill -TERM "$child" 2>/dev/null || true; done
  fi
  stop_daemon "$ONLY"
  exit 0
fi

if ((RESET)) && live_pid slurmctld >/dev/null; then
  log "cancelling all jobs"
  scancel --quiet --user=alice 2>/dev/null || true
  scancel --quiet --user=bob 2>/dev/null || true
  scancel --quiet --full --state=PENDING,RUNNING,SUSPENDED 2>/dev/null || true
fi
if pid=$(live_pid sshd); then
  for child in $(pgrep -P "$pid" 2>/dev/null); do kill -TERM "$child" 2>/dev/null || true; done
fi
for name in slurmrestd sshd slurmd slurmctld slurmdbd mariadb munged; do stop_daemon "$name"; done

if ((RESET)); then
  log "wiping $STATE and the rendered configs"
  rm -rf "$STATE"
  rm -f "$ETC/slurm.conf" "$ETC/gres.conf" "$ETC/slurmdbd.conf"
fi
log "down"
