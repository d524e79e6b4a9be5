# shellcheck shell=bash
# PostgreSQL 15: a private cluster (own data dir, port and unix socket dir) for the local stack.

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_DATABASES_FILE=$INFRA_DIR/postgres/databases.txt

# The server refuses to run as root, so as root everything runs as the `postgres` OS user;
# otherwise as the current user. That OS user is also the cluster superuser, reachable only
# through the private unix socket (peer auth); TCP is scram-sha-256 for the service roles.
if $IS_ROOT; then
  PG_OS_USER=postgres
else
  PG_OS_USER=$(id -un)
fi
PG_SUPERUSER=$PG_OS_USER

pg_run() {
  if $IS_ROOT; then
    runuser -u "$PG_OS_USER" -- "$@"
  else
    "$@"
  fi
}

# Where the cluster lives. Normally <stack dir>/postgres. As root the postgres user must be able
# to traverse every parent of the data dir; when the stack dir is not reachable for it (e.g. the
# repo sits under /root, mode 700) the cluster goes to /var/lib/reintegra/<hash of stack dir>/
# instead, and <stack dir>/postgres.location records that choice so stop/status find it again.
pg_resolve_dirs() {
  local location_file=$STACK_DIR/postgres.location
  PG_DIR_FALLBACK=false
  if [[ -f $location_file ]]; then
    PG_DIR=$(<"$location_file")
    [[ $PG_DIR != "$STACK_DIR/postgres" ]] && PG_DIR_FALLBACK=true
  elif $IS_ROOT && [[ -d $STACK_DIR ]] && ! runuser -u "$PG_OS_USER" -- test -x "$STACK_DIR" 2>/dev/null; then
    PG_DIR=/var/lib/reintegra/$(printf '%s' "$STACK_DIR" | sha256sum | cut -c1-12)/postgres
    PG_DIR_FALLBACK=true
  else
    PG_DIR=$STACK_DIR/postgres
  fi
  PG_DATA=$PG_DIR/data
  PG_SOCKET_DIR=$PG_DIR/run
  if $PG_DIR_FALLBACK; then
    PG_LOG=$PG_DIR/postgres.log
  else
    PG_LOG=$LOG_DIR/postgres.log
  fi
}

pg_installed() {
  [[ -x $PG_BIN/initdb && -x $PG_BIN/pg_ctl && -x $PG_BIN/psql && -x $PG_BIN/pg_isready ]]
}

pg_install() {
  pg_installed && return 0
  if $IS_ROOT && command -v apt-get >/dev/null 2>&1; then
    log "postgres: $PG_BIN/initdb not found, installing postgresql-15 with apt-get (progress below)"
    apt-get update || fail "apt-get update failed" "" "check the apt sources, then re-run: bash infra/stack.sh install"
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql-15 ||
      fail "apt-get install -y postgresql-15 failed" "" "install PostgreSQL 15 by hand, or set PG_BIN to a PostgreSQL 15 bin directory"
    pg_installed || fail "postgresql-15 is installed but $PG_BIN/initdb is still missing" "" \
      "set PG_BIN to the directory that holds initdb, pg_ctl, psql and pg_isready"
  else
    fail "PostgreSQL 15 server binaries not found in $PG_BIN (initdb, pg_ctl, psql, pg_isready)" "" \
      "as root on Debian/Ubuntu: apt-get install -y postgresql-15; elsewhere install PostgreSQL 15 and set PG_BIN=<its bin dir>"
  fi
}

# Prints the postmaster pid if our cluster is running.
pg_pid() {
  [[ -n ${PG_DATA:-} ]] || pg_resolve_dirs
  local pid
  [[ -r $PG_DATA/postmaster.pid ]] || return 1
  pid=$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null) || return 1
  pid_matches "$pid" "$PG_DATA" || return 1
  printf '%s\n' "$pid"
}

# Port the running cluster listens on (4th line of postmaster.pid).
pg_running_port() { sed -n 4p "$PG_DATA/postmaster.pid" 2>/dev/null; }

pg_healthy() {
  "$PG_BIN/pg_isready" -q -h "$BIND_HOST" -p "$PG_PORT" -t 2 >/dev/null 2>&1
}

pg_prepare_dirs() {
  mkdir -p "$PG_DIR" "$LOG_DIR"
  if $PG_DIR_FALLBACK; then
    printf '%s\n' "$PG_DIR" >"$STACK_DIR/postgres.location"
    ln -sfn "$PG_LOG" "$LOG_DIR/postgres.log"
  fi
  [[ -e $PG_LOG && ! -L $PG_LOG ]] || { rm -f "$PG_LOG"; : >"$PG_LOG"; }
  mkdir -p "$PG_SOCKET_DIR"
  if $IS_ROOT; then
    chown "$PG_OS_USER:" "$PG_DIR" "$PG_SOCKET_DIR" "$PG_LOG"
    [[ -d $PG_DATA ]] && chown "$PG_OS_USER:" "$PG_DATA"
    runuser -u "$PG_OS_USER" -- test -w "$PG_DIR" ||
      fail "the $PG_OS_USER user cannot write to $PG_DIR" "" \
        "make its parent directories traversable (chmod o+x), or set REINTEGRA_STACK_DIR to a path the $PG_OS_USER user can reach"
  fi
  # Private socket dir: only the cluster's OS user can reach the superuser socket.
  chmod 700 "$PG_DIR" "$PG_SOCKET_DIR"
}

pg_initdb() {
  [[ -f $PG_DATA/PG_VERSION && -f $PG_DATA/reintegra.initialized ]] && return 0
  if [[ -e $PG_DATA ]]; then
    warn "postgres: $PG_DATA is an incomplete initdb (no reintegra.initialized marker), recreating it"
    rm -rf "$PG_DATA"
  fi
  log "postgres: initdb (first start) into $PG_DATA"
  local initlog=$LOG_DIR/postgres-initdb.log
  (cd / && pg_run "$PG_BIN/initdb" -D "$PG_DATA" -U "$PG_SUPERUSER" -E UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 --no-instructions) >"$initlog" 2>&1 ||
    fail "initdb failed" "$initlog" "fix the cause above, then re-run: bash infra/stack.sh start"

  pg_run tee "$PG_DATA/pg_hba.conf" >/dev/null <<EOF
# Written by infra/lib/postgres.sh. Superuser: only via the private unix socket (peer).
# Service roles: TCP on 127.0.0.1 with scram-sha-256 passwords (DEV-ONLY <role>_pw).
# TYPE  DATABASE  USER              ADDRESS         METHOD
local   all       $PG_SUPERUSER                     peer
local   all       all                               reject
host    all       $PG_SUPERUSER     127.0.0.1/32    reject
host    all       all               127.0.0.1/32    scram-sha-256
EOF
  # port, listen_addresses and the socket dir are passed by pg_start so PG_PORT can change.
  pg_run tee -a "$PG_DATA/postgresql.conf" >/dev/null <<'EOF'

# ---- reintegra local stack (infra/lib/postgres.sh) ----
password_encryption = 'scram-sha-256'
max_connections = 200
shared_buffers = 128MB
# Dev/test only (pg_start passes PG_SYNCHRONOUS_COMMIT, default off): a crash of the server or
# the OS loses the last few hundred ms of acknowledged commits; the data files stay consistent
# (fsync stays on). The chaos test, which kills the server and counts every answered request,
# runs with it on, as production PostgreSQL does.
synchronous_commit = off
log_min_messages = warning
log_line_prefix = '%m [%p] %q%u@%d '
timezone = 'UTC'
EOF
  pg_run touch "$PG_DATA/reintegra.initialized"
}

pg_start() {
  local t0
  t0=$(now_ms)
  pg_resolve_dirs
  local pid
  if pid=$(pg_pid); then
    local running_port
    running_port=$(pg_running_port)
    [[ $running_port == "$PG_PORT" ]] ||
      fail "postgres is already running (pid $pid) on port $running_port, but PG_PORT=$PG_PORT" "" \
        "run 'bash infra/stack.sh stop' first, or use PG_PORT=$running_port"
    pg_healthy || fail "postgres is running (pid $pid) but not accepting connections on $BIND_HOST:$PG_PORT" "$PG_LOG" \
      "bash infra/stack.sh stop && bash infra/stack.sh start"
    log "postgres already running (pid $pid)"
  else
    ensure_port_free PG_PORT "$PG_PORT"
    pg_prepare_dirs
    pg_initdb
    local -a pg_cmd=("$PG_BIN/pg_ctl" start -s -w -t 60 -D "$PG_DATA" -l "$PG_LOG"
      -o "-c port=$PG_PORT -c listen_addresses=$BIND_HOST -c unix_socket_directories='$PG_SOCKET_DIR' -c synchronous_commit=${PG_SYNCHRONOUS_COMMIT:-off}")
    $IS_ROOT && pg_cmd=(runuser -u "$PG_OS_USER" -- "${pg_cmd[@]}")
    # setsid: the postmaster must not belong to the caller's session/terminal.
    (cd / && setsid -w "${pg_cmd[@]}" 8>&- 9>&-) ||
      fail "postgres did not start" "$PG_LOG" "fix the cause above, then re-run: bash infra/stack.sh start"
  fi
  pg_bootstrap
  log "postgres ready ($BIND_HOST:$PG_PORT) in $(since "$t0")s"
}

# Roles, databases, extensions and grants from databases.txt (idempotent, ~0.3 s).
pg_bootstrap() {
  local sql=$RUN_DIR/postgres-bootstrap.sql blog=$LOG_DIR/postgres-bootstrap.log
  mkdir -p "$RUN_DIR"
  bash "$INFRA_DIR/postgres/bootstrap.sql.sh" "$PG_DATABASES_FILE" >"$sql" 2>"$blog" ||
    fail "could not generate SQL from $PG_DATABASES_FILE" "$blog" "fix $PG_DATABASES_FILE (format: '<database> <service>' per line)"
  (cd / && pg_run "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$PG_PORT" \
    -U "$PG_SUPERUSER" -d postgres) <"$sql" >"$blog" 2>&1 ||
    fail "creating databases/roles failed (SQL in $sql)" "$blog" "fix the error above, then re-run: bash infra/stack.sh start"
}

pg_stop() {
  pg_resolve_dirs
  local pid
  if ! pid=$(pg_pid); then
    log "postgres not running"
    return 0
  fi
  (cd / && pg_run "$PG_BIN/pg_ctl" stop -s -D "$PG_DATA" -m fast -w -t 60) ||
    fail "pg_ctl stop failed for pid $pid" "$PG_LOG" "retry, or kill -INT $pid (fast shutdown)"
  log "postgres stopped (data kept in $PG_DATA)"
}

# Prints one status line; returns 0 when running and accepting connections.
pg_status() {
  pg_resolve_dirs
  local pid
  if pid=$(pg_pid); then
    if pg_healthy; then
      log "postgres  running  pid $pid  $BIND_HOST:$PG_PORT  healthy"
      return 0
    fi
    log "postgres  running  pid $pid  $BIND_HOST:$PG_PORT  NOT accepting connections (port $(pg_running_port))"
    return 1
  fi
  log "postgres  stopped  port $PG_PORT"
  return 1
}
