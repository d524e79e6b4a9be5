# shellcheck shell=bash
# shellcheck disable=SC2034 # settings are used by the other lib files
# Shared settings and helpers for infra/stack.sh. Sourced, never executed.

INFRA_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_ROOT=$(dirname "$INFRA_DIR")

# Absolute paths even when the overrides are relative: daemons do not run in our cwd.
CACHE_DIR=$(realpath -m "${REINTEGRA_CACHE_DIR:-${HOME:-/root}/.cache/reintegra}")
STACK_DIR=$(realpath -m "${REINTEGRA_STACK_DIR:-$REPO_ROOT/.stack}")
LOG_DIR=$STACK_DIR/logs
RUN_DIR=$STACK_DIR/run

PG_PORT=${PG_PORT:-55432}
KAFKA_PORT=${KAFKA_PORT:-59092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-59093}
TEMPORAL_PORT=${TEMPORAL_PORT:-57233}
TEMPORAL_UI_PORT=${TEMPORAL_UI_PORT:-58233}
SMTP_PORT=${SMTP_PORT:-51025}
PROMETHEUS_PORT=${PROMETHEUS_PORT:-59090}
KEYCLOAK_PORT=${KEYCLOAK_PORT:-58180}
KEYCLOAK_MANAGEMENT_PORT=${KEYCLOAK_MANAGEMENT_PORT:-58190}
BIND_HOST=127.0.0.1

IS_ROOT=false
[[ $(id -u) -eq 0 ]] && IS_ROOT=true

# ---------------------------------------------------------------------------------------------
# Output

log() { printf '[stack] %s\n' "$*"; }
warn() { printf '[stack] WARNING: %s\n' "$*" >&2; }

# Print the last lines of a log file to stderr (used on every failure).
show_log_tail() {
  local file=$1 lines=${2:-30}
  if [[ -s $file ]]; then
    printf '[stack] ---- last %s lines of %s ----\n' "$lines" "$file" >&2
    tail -n "$lines" "$file" >&2
    printf '[stack] ---- end of %s ----\n' "$file" >&2
  fi
}

# fail <what failed> [<log file>] [<what to do next>]
fail() {
  local what=$1 logfile=${2:-} next=${3:-}
  printf '[stack] ERROR: %s\n' "$what" >&2
  [[ -n $logfile ]] && show_log_tail "$logfile"
  [[ -n $next ]] && printf '[stack] next: %s\n' "$next" >&2
  exit 1
}

now_ms() { date +%s%3N; }
# Seconds elapsed since a now_ms value, one decimal.
since() { local d=$(($(now_ms) - $1)); printf '%d.%d' $((d / 1000)) $((d % 1000 / 100)); }

# ---------------------------------------------------------------------------------------------
# Validation / preflight

validate_ports() {
  local name value other
  local -A owner=()
  for name in PG_PORT KAFKA_PORT KAFKA_CONTROLLER_PORT TEMPORAL_PORT TEMPORAL_UI_PORT SMTP_PORT PROMETHEUS_PORT KEYCLOAK_PORT KEYCLOAK_MANAGEMENT_PORT; do
    value=${!name}
    if ! [[ $value =~ ^[0-9]+$ ]] || ((value < 1 || value > 65535)); then
      fail "$name='$value' is not a valid TCP port" "" "unset $name or set it to a free port (1-65535)"
    fi
    other=${owner[$value]:-}
    [[ -z $other ]] || fail "$other and $name are both set to port $value" "" "give every *_PORT variable its own value"
    owner[$value]=$name
  done
  reserve_ports "${!owner[@]}" ${ZIPKIN_PORT:+"$ZIPKIN_PORT"}
}

# The stack's ports lie in Linux's ephemeral range (32768-60999): an outgoing connection can take
# one as its source port between the free-port check and a slow server's bind (Keycloak's
# management port did, 2026-12-06: "Address already in use"). Where the kernel lets us (root,
# /proc/sys writable), reserve them so it never hands them out as source ports. Best effort.
reserve_ports() {
  local file=/proc/sys/net/ipv4/ip_local_reserved_ports before after
  [[ -w $file ]] || return 0
  before=$(<"$file")
  printf '%s\n' "${before:+$before,}$(
    IFS=,
    echo "$*"
  )" 2>/dev/null >"$file" || return 0
  after=$(<"$file")
  [[ $after == "$before" ]] || log "reserved the stack's ports from the kernel's ephemeral range: $after"
}

# require_cmd <command> <how to get it>
require_cmd() {
  command -v "$1" >/dev/null 2>&1 || fail "$1 not found on PATH" "" "$2"
}

# Tools every subcommand that starts something needs.
preflight_common() {
  require_cmd ss "install iproute2 (apt-get install -y iproute2)"
  require_cmd setsid "install util-linux (apt-get install -y util-linux)"
  require_cmd flock "install util-linux (apt-get install -y util-linux)"
  require_cmd node "install Node.js 20 (the repo's engines field asks for >=20.19)"
  if $IS_ROOT; then
    require_cmd runuser "install util-linux (apt-get install -y util-linux)"
  fi
}

# ---------------------------------------------------------------------------------------------
# Processes and ports

# True when <pid> is alive and its command line contains <marker> (guards against a pid that was
# recycled after a crash or reboot).
pid_matches() {
  local pid=$1 marker=$2 cmdline
  [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/cmdline ]] || return 1
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $cmdline == *"$marker"* ]]
}

# Prints the pid stored in a pid file if that process is alive and matches <marker>.
live_pid() {
  local pidfile=$1 marker=$2 pid
  [[ -f $pidfile ]] || return 1
  pid=$(<"$pidfile")
  pid_matches "$pid" "$marker" || return 1
  printf '%s\n' "$pid"
}

port_listening() {
  [[ -n $(ss -Hltn "sport = :$1" 2>/dev/null) ]]
}

# Pids listening on a TCP port (needs root to see other users' processes).
port_pids() {
  ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u
}

# ensure_port_free <VAR_NAME> <port> [<our pid>...]
# Fails when the port is taken by anything but the given pids (our own running engine).
ensure_port_free() {
  local name=$1 port=$2 pid owners desc=""
  shift 2
  port_listening "$port" || return 0
  owners=$(port_pids "$port")
  if [[ -n $owners ]]; then
    local foreign=false
    for pid in $owners; do
      [[ " $* " == *" $pid "* ]] || foreign=true
    done
    $foreign || return 0
    for pid in $owners; do
      desc+=" pid $pid ($(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-120))"
    done
  else
    desc=" a process this user cannot see"
  fi
  fail "port $port ($name) is already in use by$desc" "" \
    "stop that process, or choose another port: $name=<free port> bash infra/stack.sh start (and the same for env/stop/status)"
}

# start_detached <pidfile> <logfile> <command...>
# Runs the command in its own session (survives the invoking shell and terminal), stdin from
# /dev/null, output appended to the log. The child writes its own pid before exec, so the pid
# file holds the real daemon pid. Lock fds 8/9 are closed so the daemon never holds our locks.
start_detached() {
  local pidfile=$1 logfile=$2
  shift 2
  rm -f "$pidfile"
  # shellcheck disable=SC2016 # $$ and $@ expand in the child shell
  setsid bash -c 'trap "" HUP; echo $$ >"$0"; exec "$@"' "$pidfile" "$@" \
    </dev/null >>"$logfile" 2>&1 8>&- 9>&- &
  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s $pidfile ]] && return 0
    sleep 0.1
  done
  fail "could not start: $*" "$logfile"
}

# stop_pid <name> <pid> <timeout seconds>: SIGTERM, then SIGKILL after the timeout.
stop_pid() {
  local name=$1 pid=$2 timeout=$3 t0
  t0=$(now_ms)
  kill -TERM "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null; do
    if (($(now_ms) - t0 > timeout * 1000)); then
      warn "$name (pid $pid) did not stop within ${timeout}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.2
  done
}

# run_concurrently <function...>: runs each in the background and waits for them all (independent
# engines stop faster at once). Sets CONCURRENTLY_FAILED=true when any failed instead of returning a
# status: a caller's `|| ...` would switch errexit off inside the functions as well.
run_concurrently() {
  local -a jobs=()
  local fn job
  for fn in "$@"; do
    "$fn" &
    jobs+=($!)
  done
  # shellcheck disable=SC2034 # read by the caller
  CONCURRENTLY_FAILED=false
  for job in "${jobs[@]}"; do
    wait "$job" || CONCURRENTLY_FAILED=true
  done
}

# all_statuses <function...>: runs every status check, so that one component down does not hide the
# others, and returns 1 when any failed.
all_statuses() {
  local fn rc=0
  for fn in "$@"; do
    "$fn" || rc=1
  done
  return $rc
}

# Keep the previous run's log next to the new one instead of growing forever.
rotate_log() {
  [[ -f $1 ]] && mv -f "$1" "$1.prev"
  : >"$1"
}

# ---------------------------------------------------------------------------------------------
# Cache

# Content hash (not path-dependent) used to key cache entries.
sha12() { cat "$@" | sha256sum | cut -c1-12; }

# with_cache_lock <name> <command...>: serialises installs of one cache entry (two stacks or two
# shells installing at once); different entries install in parallel.
with_cache_lock() {
  local name=$1
  shift
  mkdir -p "$CACHE_DIR"
  (
    flock -w 900 8 || fail "timed out waiting for $CACHE_DIR/.lock-$name (another install running?)"
    "$@"
  ) 8>"$CACHE_DIR/.lock-$name"
}
