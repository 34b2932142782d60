#!/usr/bin/env bash
# Brings up (or repairs) the single-host Slurm test cluster: installs missing Debian packages,
# renders configs, starts whatever is not running, and creates QoS, accounts, users and ssh keys.
# Idempotent; a no-op run takes about a second or two. `--smoke` also runs one job as alice and
# waits until sacct shows it COMPLETED.
#
# `--only NAME` only starts that daemon (munged and configs must be in place: a daemon stopped with
# `down.sh --only NAME`) and waits until it answers.
#
# Usage: scripts/slurm-cluster/up.sh [--smoke] [--only mariadb|slurmdbd|slurmctld|slurmd|slurmrestd|sshd]
# Environment: SLURM_LOCAL_STATE, SLURM_LOCAL_NODE, SLURM_LOCAL_CLUSTER, SLURM_LOCAL_SSH_PORT,
#              SLURM_LOCAL_DB_PORT, SLURM_LOCAL_MIN_JOB_AGE (see README.md).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SMOKE=0
ONLY=
while (($#)); do
  case "$1" in
    --smoke) SMOKE=1 ;;
    --only) ONLY=${2:?--only needs a daemon name}; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (expected --smoke or --only NAME)" ;;
  esac
  shift
done
[[ $(id -u) -eq 0 ]] || die "run as root (it installs packages and starts daemons)"
if [[ -n $ONLY ]]; then
  case "$ONLY" in
    mariadb|slurmdbd|slurmctld|slurmd|slurmrestd|sshd) "start_$ONLY"; exit 0 ;;
    *) die "unknown daemon $ONLY (expected mariadb, slurmdbd, slurmctld, slurmd, slurmrestd or sshd)" ;;
  esac
fi
START=$SECONDS

# --- packages ----------------------------------------------------------------------------------
PACKAGES=(munge mariadb-server slurmdbd slurmctld slurmd slurm-client slurmrestd slurm-wlm-jwt-plugin
  openssh-server sudo curl)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  # No init system here: keep postinst scripts from starting services.
  added_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; added_policy=1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  ((added_policy)) && rm -f /usr/sbin/policy-rc.d
fi

# --- users and directories ---------------------------------------------------------------------
ensure_user() { # name uid
  if ! id "$1" >/dev/null 2>&1; then
    useradd -m -u "$2" -s /bin/bash "$1"
  fi
  # useradd leaves "!" (locked), which sshd without PAM refuses even for key logins.
  [[ $(getent shadow "$1" | cut -d: -f2) == '*' ]] || usermod -p '*' "$1"
}
ensure_user alice 2001
ensure_user bob 2002
ensure_user portal 2003
id slurm >/dev/null 2>&1 || useradd -r -M -d /nonexistent -s /usr/sbin/nologin slurm
id slurmrestd >/dev/null 2>&1 || useradd -r -M -d /nonexistent -s /usr/sbin/nologin slurmrestd

mkdir -p "$STATE"/{pids,log,run,spool/ctld,spool/d,ssh,fakegpu} "$ETC"
chown slurm:slurm "$STATE/spool/ctld" "$STATE/log" "$STATE/run"
chmod 755 "$STATE" "$STATE/log" "$STATE/run"
for i in 0 1 2 3 4 5 6 7; do
  [[ -c "$STATE/fakegpu/nvidia$i" ]] || mknod -m 666 "$STATE/fakegpu/nvidia$i" c 1 3
done

# --- munge -------------------------------------------------------------------------------------
if [[ ! -s /etc/munge/munge.key ]]; then
  log "creating munge key"
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
fi
chown munge:munge /etc/munge/munge.key; chmod 400 /etc/munge/munge.key
# Clients only look for the compiled-in socket /run/munge/munge.socket.2.
install -d -o munge -g munge -m 755 /run/munge
if ! live_pid munged >/dev/null; then
  log "starting munged"
  start_daemon munged setpriv --reuid=munge --regid=munge --init-groups /usr/sbin/munged -F
fi
wait_for munge 10 bash -c 'munge -n | unmunge'

# --- MariaDB -----------------------------------------------------------------------------------
[[ -s "$STATE/db.pass" ]] || { head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$STATE/db.pass"; chmod 600 "$STATE/db.pass"; }
DB_PASS=$(<"$STATE/db.pass")
install -d -o mysql -g mysql "$STATE/run/mysqld"
restart_db=0
render my.cnf "$STATE/my.cnf" root:root 644 && restart_db=1
if [[ ! -d "$STATE/mysql/mysql" ]]; then
  log "initialising MariaDB datadir"
  install -d -o mysql -g mysql "$STATE/mysql"
  mariadb-install-db --defaults-file="$STATE/my.cnf" --user=mysql --auth-root-authentication-method=socket \
    >"$STATE/log/mariadb-install.out" 2>&1 || die "mariadb-install-db failed; see $STATE/log/mariadb-install.out"
fi
if ((restart_db)); then stop_daemon mariadb; fi
start_mariadb
MYSQL=(mariadb --defaults-file="$STATE/my.cnf" -uroot)
"${MYSQL[@]}" -e "
  CREATE USER IF NOT EXISTS 'slurm'@'127.0.0.1' IDENTIFIED BY '$DB_PASS';
  CREATE USER IF NOT EXISTS 'slurm'@'localhost' IDENTIFIED BY '$DB_PASS';
  ALTER USER 'slurm'@'127.0.0.1' IDENTIFIED BY '$DB_PASS';
  ALTER USER 'slurm'@'localhost' IDENTIFIED BY '$DB_PASS';
  GRANT ALL ON slurm_acct_db.* TO 'slurm'@'127.0.0.1';
  GRANT ALL ON slurm_acct_db.* TO 'slurm'@'localhost';"

# --- JWT key (slurmctld and slurmdbd verify slurmrestd's tokens with it) ------------------------
if [[ ! -s "$STATE/jwt_hs256.key" ]]; then
  log "creating the JWT signing key"
  dd if=/dev/urandom of="$STATE/jwt_hs256.key" bs=32 count=1 status=none
fi
chown slurm:slurm "$STATE/jwt_hs256.key"; chmod 600 "$STATE/jwt_hs256.key"

# --- slurmdbd ----------------------------------------------------------------------------------
# slurm.conf first: slurmdbd's readiness check (sacctmgr) reads it, and on a fresh machine there is
# none yet, so sacctmgr would look for a DNS SRV record and fail until the wait times out.
restart_slurm=0
render slurm.conf "$ETC/slurm.conf" root:root 644 && restart_slurm=1
render gres.conf "$ETC/gres.conf" root:root 644 && restart_slurm=1
render slurmdbd.conf "$ETC/slurmdbd.conf" slurm:slurm 600 && stop_daemon slurmdbd
start_slurmdbd

# --- slurmctld and slurmd ----------------------------------------------------------------------
if ! sacctmgr -n -P show cluster format=cluster | grep -qx "$CLUSTER"; then
  sacctmgr -i add cluster "$CLUSTER" >/dev/null
fi
if ((restart_slurm)); then stop_daemon slurmd; stop_daemon slurmctld; fi
start_slurmctld
start_slurmd

# --- accounting history kept bounded ----------------------------------------------------------------
# A machine that keeps its cluster between runs piles up every run's jobs (a drill alone adds 10,000
# array tasks), and the suites that read accounting from the epoch (a ledger sync with no start, the
# CLI's first sync) then walk all of it: past 100,000 rows their listing and their time limits give
# out. Jobs that ended more than HPCKIT_ACCOUNTING_KEEP_HOURS ago (default 6, longer than any run)
# are deleted from the accounting tables; a fresh machine has none.
keep_hours=${HPCKIT_ACCOUNTING_KEEP_HOURS:-6}
"${MYSQL[@]}" slurm_acct_db -e "
  DELETE s FROM ${CLUSTER}_step_table s JOIN ${CLUSTER}_job_table j ON s.job_db_inx = j.job_db_inx
    WHERE j.time_end > 0 AND j.time_end < UNIX_TIMESTAMP() - ${keep_hours} * 3600;
  DELETE FROM ${CLUSTER}_job_table WHERE time_end > 0 AND time_end < UNIX_TIMESTAMP() - ${keep_hours} * 3600;" ||
  die "could not trim the accounting history (MariaDB, $STATE/my.cnf)"

# --- accounting objects (only what is missing) -------------------------------------------------
qos=$(sacctmgr -n -P show qos format=name,maxwall,priority,flags)
grep -qx 'normal|2-00:00:00|50|DenyOnLimit' <<<"$qos" ||
  sacctmgr -i modify qos normal set MaxWall=2-00:00:00 Priority=50 Flags=DenyOnLimit >/dev/null
if ! grep -q '^long|' <<<"$qos"; then
  sacctmgr -i add qos long MaxWall=4-00:00:00 Priority=25 Flags=DenyOnLimit >/dev/null
elif ! grep -qx 'long|4-00:00:00|25|DenyOnLimit' <<<"$qos"; then
  sacctmgr -i modify qos long set MaxWall=4-00:00:00 Priority=25 Flags=DenyOnLimit >/dev/null
fi
accounts=$(sacctmgr -n -P show account format=account)
for a in electroplating ai4ec; do
  grep -qx "$a" <<<"$accounts" || sacctmgr -i add account "$a" Cluster="$CLUSTER" >/dev/null
done
assocs=$(sacctmgr -n -P show assoc format=account,user,qos,defaultqos)
ensure_assoc() { # user account [defaultaccount]
  if ! grep -qx "$2|$1|long,normal|normal" <<<"$assocs"; then
    if ! grep -q "^$2|$1|" <<<"$assocs"; then
      sacctmgr -i add user "$1" Account="$2" ${3:+DefaultAccount=$3} >/dev/null
    fi
    sacctmgr -i modify user "$1" where account="$2" set QOS=long,normal DefaultQOS=normal >/dev/null
  fi
}
ensure_assoc alice electroplating electroplating
ensure_assoc alice ai4ec
ensure_assoc bob ai4ec ai4ec
# Tests block accounts and users through submit limits; lift any left by an interrupted run.
limits=$(sacctmgr -n -P show assoc where account=electroplating,ai4ec format=account,user,maxsubmit,grpsubmit,grpjobs)
if grep -Eq '\|[0-9]+' <<<"$limits"; then
  log "lifting submit limits left by an earlier run"
  sacctmgr -i modify account electroplating,ai4ec set GrpSubmitJobs=-1 GrpJobs=-1 >/dev/null || true
  sacctmgr -i modify user where account=electroplating,ai4ec set MaxSubmitJobs=-1 GrpSubmitJobs=-1 >/dev/null || true
fi
# The portal service account administers Slurm (accounts, any job) over ssh.
sacctmgr -n -P show user portal format=user,adminlevel | grep -q '^portal|Administrator' ||
  sacctmgr -i add user portal Account=root AdminLevel=Administrator >/dev/null

# --- sudo for the portal service account -------------------------------------------------------
SUDOERS=/etc/sudoers.d/hpckit-portal
if [[ ! -f $SUDOERS ]]; then
  printf 'portal ALL=(alice,bob) NOPASSWD: ALL\n' >"$SUDOERS.tmp"
  chmod 440 "$SUDOERS.tmp"; visudo -cf "$SUDOERS.tmp" >/dev/null && mv "$SUDOERS.tmp" "$SUDOERS"
fi

# --- sshd --------------------------------------------------------------------------------------
SSHDIR="$STATE/ssh"
chmod 755 "$SSHDIR"
[[ -f "$SSHDIR/ssh_host_ed25519_key" ]] || ssh-keygen -q -t ed25519 -N '' -C hpckit-test-host -f "$SSHDIR/ssh_host_ed25519_key"
printf '[127.0.0.1]:%s %s\n' "$SSH_PORT" "$(cut -d' ' -f1,2 "$SSHDIR/ssh_host_ed25519_key.pub")" >"$SSHDIR/known_hosts"
for u in alice bob portal; do
  [[ -f "$SSHDIR/${u}_ed25519" ]] || ssh-keygen -q -t ed25519 -N '' -C "$u@hpckit-test" -f "$SSHDIR/${u}_ed25519"
  # Readable by the test runner (root) only, as a private key should be.
  chmod 600 "$SSHDIR/${u}_ed25519"
  home=$(getent passwd "$u" | cut -d: -f6)
  install -d -o "$u" -g "$u" -m 700 "$home/.ssh"
  if ! cmp -s "$SSHDIR/${u}_ed25519.pub" "$home/.ssh/authorized_keys"; then
    install -o "$u" -g "$u" -m 600 "$SSHDIR/${u}_ed25519.pub" "$home/.ssh/authorized_keys"
  fi
done
render sshd_config "$STATE/sshd_config" root:root 644 && stop_daemon sshd
start_sshd

# --- slurmrestd --------------------------------------------------------------------------------
# A restarted slurmctld has new config (AuthAltTypes) slurmrestd must read: restart it with it.
if ((restart_slurm)); then stop_daemon slurmrestd; fi
start_slurmrestd

log "cluster up in $((SECONDS - START))s (state $STATE, ssh 127.0.0.1:$SSH_PORT, rest 127.0.0.1:$REST_PORT)"

# --- smoke test --------------------------------------------------------------------------------
if ((SMOKE)); then
  id=$(su - alice -c 'sbatch --parsable -o /dev/null -t 1 --wrap true') || die "smoke: sbatch failed"
  id=${id%%;*}
  log "smoke: job $id submitted"
  smoke_done() { [[ $(sacct -n -X -P -j "$id" -o State,QOS -S 2020-01-01) == "COMPLETED|normal" ]]; }
  wait_for "smoke job $id in sacct" 60 smoke_done
  log "smoke: job $id COMPLETED in sacct ($((SECONDS - START))s)"
fi
