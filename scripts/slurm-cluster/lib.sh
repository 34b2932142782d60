# Shared settings and helpers of up.sh and down.sh (sourced, not run).
# Every daemon is started by us in the foreground under setsid, so the pid we record *is* the
# daemon; stopping touches only those pids, after checking /proc/PID/exe (pids get reused).

set -euo pipefail

STATE=${SLURM_LOCAL_STATE:-/var/lib/slurm-local}
NODE=${SLURM_LOCAL_NODE:-localhost}
CLUSTER=${SLURM_LOCAL_CLUSTER:-local}
SSH_PORT=${SLURM_LOCAL_SSH_PORT:-2222}
DB_PORT=${SLURM_LOCAL_DB_PORT:-3307}
# slurmrestd: JWT-authenticated TCP on loopback.
REST_PORT=${SLURM_LOCAL_REST_PORT:-6820}
# Low so that finished jobs leave squeue quickly and tests exercise the sacct path.
MIN_JOB_AGE=${SLURM_LOCAL_MIN_JOB_AGE:-10}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TEMPLATES="$HERE/templates"
ETC=/etc/slurm
PIDS="$STATE/pids"

log() { printf '[slurm-cluster] %s\n' "$*" >&2; }
die() { printf '[slurm-cluster] error: %s\n' "$*" >&2; exit 1; }

# Binaries each daemon may show in /proc/PID/exe (Debian's slurm binaries are alternatives
# symlinks to *-wlm).
expected_exes() {
  case "$1" in
    munged) echo munged ;;
    mariadb) echo "mariadbd mysqld" ;;
    slurmdbd) echo slurmdbd ;;
    slurmctld) echo "slurmctld slurmctld-wlm" ;;
    slurmd) echo "slurmd slurmd-wlm" ;;
    sshd) echo sshd ;;
    slurmrestd) echo slurmrestd ;;
    *) return 1 ;;
  esac
}

# Prints the recorded pid of NAME if that process is alive and is the expected binary.
# A zombie counts as dead: PID 1 here reaps slowly.
live_pid() {
  local name=$1 pid exe state want
  [[ -r "$PIDS/$name.pid" ]] || return 1
  pid=$(<"$PIDS/$name.pid")
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ "$state" != Z ]] || return 1
  exe=$(basename "$(readlink "/proc/$pid/exe" 2>/dev/null)" 2>/dev/null) || return 1
  exe=${exe% (deleted)}
  for want in $(expected_exes "$name"); do
    [[ "$exe" == "$want" ]] && { echo "$pid"; return 0; }
  done
  return 1
}

# Starts NAME running ARGV in a new session; the recorded pid is the daemon itself.
start_daemon() {
  local name=$1; shift
  mkdir -p "$PIDS" "$STATE/log"
  # From /: a daemon keeps its working directory for life, and one in the checkout that started it
  # breaks every job once that checkout is deleted (slurmstepd prints "Unable to get current working
  # directory" into each job's output).
  setsid bash -c 'cd / && echo $$ > "$0" && exec "$@"' "$PIDS/$name.pid" "$@" \
    </dev/null >>"$STATE/log/$name.out" 2>&1 &
  local i
  for i in $(seq 1 50); do live_pid "$name" >/dev/null && return 0; sleep 0.05; done
  die "$name did not start; see $STATE/log/$name.out"
}

# Stops NAME if we started it: TERM, then KILL after a grace period.
stop_daemon() {
  local name=$1 pid i
  pid=$(live_pid "$name") || { rm -f "$PIDS/$name.pid"; return 0; }
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do live_pid "$name" >/dev/null || break; sleep 0.1; done
  if live_pid "$name" >/dev/null; then kill -KILL "$pid" 2>/dev/null || true; sleep 0.2; fi
  rm -f "$PIDS/$name.pid"
}

# Waits until CMD succeeds (up to SECONDS), quietly.
wait_for() {
  local what=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    (( SECONDS < deadline )) || die "$what not ready after ${seconds}s"
    sleep 0.1
  done
}

# Renders template NAME.in into DEST (owner, mode); returns 0 if DEST changed.
render() {
  local template=$1 dest=$2 owner=$3 mode=$4 tmp
  tmp=$(mktemp)
  sed -e "s|@STATE@|$STATE|g" -e "s|@NODE@|$NODE|g" -e "s|@CLUSTER@|$CLUSTER|g" \
      -e "s|@SSH_PORT@|$SSH_PORT|g" -e "s|@DB_PORT@|$DB_PORT|g" -e "s|@MIN_JOB_AGE@|$MIN_JOB_AGE|g" \
      -e "s|@CTLD_HOST@|$(hostname -s)|g" -e "s|@DB_PASS@|${DB_PASS:-}|g" \
      "$TEMPLATES/$template.in" >"$tmp"
  if [[ -f "$dest" ]] && cmp -s "$tmp" "$dest"; then
    rm -f "$tmp"; chown "$owner" "$dest"; chmod "$mode" "$dest"; return 1
  fi
  install -o "${owner%%:*}" -g "${owner##*:}" -m "$mode" "$tmp" "$dest"
  rm -f "$tmp"
  return 0
}

# --- starting one daemon -------------------------------------------------------------------------
# Each start_NAME starts NAME if it is not running (configs already rendered by up.sh) and waits
# until it answers. up.sh calls them in order; `up.sh --only NAME` calls one, which is how the
# reliability drills (test/drills) bring back a daemon they stopped with `down.sh --only NAME`
# in a fraction of a full up.sh on a loaded machine.
start_mariadb() {
  if ! live_pid mariadb >/dev/null; then
    log "starting MariaDB"
    install -d -o mysql -g mysql "$STATE/run/mysqld"
    start_daemon mariadb /usr/sbin/mariadbd --defaults-file="$STATE/my.cnf"
  fi
  wait_for MariaDB 60 mariadb --defaults-file="$STATE/my.cnf" -uroot -e 'select 1'
}
start_slurmdbd() {
  if ! live_pid slurmdbd >/dev/null; then
    log "starting slurmdbd"
    start_daemon slurmdbd /usr/sbin/slurmdbd -D
  fi
  # On a fresh MariaDB, slurmdbd first creates its tables: more than 30 s on a loaded machine.
  wait_for slurmdbd 120 sacctmgr -n show cluster
}
node_ready() { sinfo -h -N -n "$NODE" -o '%T' | grep -Eq '^(idle|mixed|allocated)'; }
start_slurmctld() {
  if ! live_pid slurmctld >/dev/null; then
    log "starting slurmctld"
    start_daemon slurmctld /usr/sbin/slurmctld -D
  fi
  wait_for slurmctld 60 bash -c 'scontrol ping | grep -q UP'
}
start_slurmd() {
  if ! live_pid slurmd >/dev/null; then
    log "starting slurmd"
    start_daemon slurmd /usr/sbin/slurmd -D -N "$NODE"
  fi
  if ! node_ready; then
    sleep 0.5
    # A node left down/drained by an earlier run comes back once slurmd registers.
    scontrol update nodename="$NODE" state=resume >/dev/null 2>&1 || true
  fi
  wait_for "node $NODE" 30 node_ready
}
# slurmrestd refuses to run as root or SlurmUser: it drops to its own user after binding. It
# serves JWT-authenticated clients on TCP (SLURM_JWT=daemon makes it talk to slurmctld with those
# tokens rather than munge).
rest_ready() { curl -s -o /dev/null "http://127.0.0.1:$REST_PORT/openapi/v3"; }
start_slurmrestd() {
  if ! live_pid slurmrestd >/dev/null; then
    log "starting slurmrestd on 127.0.0.1:$REST_PORT"
    SLURM_JWT=daemon start_daemon slurmrestd /usr/sbin/slurmrestd -a rest_auth/jwt \
      -u slurmrestd -g slurmrestd "127.0.0.1:$REST_PORT"
  fi
  wait_for slurmrestd 30 rest_ready
}
start_sshd() {
  if ! live_pid sshd >/dev/null; then
    log "starting sshd on 127.0.0.1:$SSH_PORT"
    install -d -m 755 /run/sshd
    /usr/sbin/sshd -t -f "$STATE/sshd_config" || die "sshd_config is invalid"
    start_daemon sshd /usr/sbin/sshd -D -e -f "$STATE/sshd_config"
  fi
  wait_for sshd 10 bash -c "exec 3<>/dev/tcp/127.0.0.1/$SSH_PORT"
}
