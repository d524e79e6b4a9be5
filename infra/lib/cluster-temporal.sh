# shellcheck shell=bash
# The Temporal server itself (not the CLI's dev server), built from its Go module and cached like
# the Kafka jars; PostgreSQL persistence and visibility, schemas applied with the module's own SQL
# tool (cmd/tools/sql). Frontend, two history processes, matching and worker run as separate
# processes; every gRPC hop is mutual TLS (frontend and internode), the frontend refuses plaintext.

TEMPORAL_SERVER_VERSION=${TEMPORAL_SERVER_VERSION:-1.29.1}
TEMPORAL_SERVER_HOME=$CACHE_DIR/temporal-server-$TEMPORAL_SERVER_VERSION
TEMPORAL_SERVER_BIN=$TEMPORAL_SERVER_HOME/bin/server
TEMPORAL_SQL_TOOL=$TEMPORAL_SERVER_HOME/bin/sql
TEMPORAL_SERVER_MARKER=$TEMPORAL_SERVER_HOME/.installed
CLUSTER_TEMPORAL_DIR=$STACK_DIR/temporal-cluster
CLUSTER_TEMPORAL_SHARDS=${CLUSTER_TEMPORAL_SHARDS:-8}
# <process> <service> <offset from TEMPORAL_PORT>: gRPC on +offset, membership on
# TEMPORAL_MEMBERSHIP_PORT+offset (Temporal stores it as a smallint: below 32768),
# Prometheus metrics on +10+offset.
CLUSTER_TEMPORAL_PROCESSES=("frontend frontend 0" "history-1 history 2" "history-2 history 3"
  "matching matching 4" "worker worker 5")

temporal_server_installed() {
  [[ -f $TEMPORAL_SERVER_MARKER && -x $TEMPORAL_SERVER_BIN && -x $TEMPORAL_SQL_TOOL ]]
}

# `go install` of the server and its SQL tool from the Go module proxy (~6 min on 2 cores, once).
temporal_server_install() {
  temporal_server_installed && return 0
  require_cmd go "install Go 1.24+ (https://go.dev/dl), needed once to build the Temporal server"
  local t0 ilog=$LOG_DIR/install-temporal-server.log
  t0=$(now_ms)
  mkdir -p "$LOG_DIR" "$TEMPORAL_SERVER_HOME"
  log "temporal: building go.temporal.io/server v$TEMPORAL_SERVER_VERSION from the Go module proxy (minutes, once; log: $ilog)"
  GOBIN=$TEMPORAL_SERVER_HOME/bin go install "go.temporal.io/server/cmd/server@v$TEMPORAL_SERVER_VERSION" \
    "go.temporal.io/server/cmd/tools/sql@v$TEMPORAL_SERVER_VERSION" >"$ilog" 2>&1 ||
    fail "building the Temporal server failed" "$ilog" "check that the Go module proxy is reachable (go env GOPROXY)"
  : >"$TEMPORAL_SERVER_MARKER"
  log "temporal: server v$TEMPORAL_SERVER_VERSION built in $(since "$t0")s"
}

cluster_temporal_pid_file() { echo "$RUN_DIR/temporal-$1.pid"; }
cluster_temporal_pid() { live_pid "$(cluster_temporal_pid_file "$1")" "--config $CLUSTER_TEMPORAL_DIR/config --env $1 "; }
cluster_temporal_log() { echo "$LOG_DIR/temporal-$1.log"; }

# The CLI's connection to the frontend (mutual TLS with the admin certificate).
cluster_temporal_cli_env() {
  export TEMPORAL_TLS_SERVER_CA_CERT_PATH=$CLUSTER_CA
  export TEMPORAL_TLS_CLIENT_CERT_PATH=$CLUSTER_PKI_DIR/client-admin.pem
  export TEMPORAL_TLS_CLIENT_KEY_PATH=$CLUSTER_PKI_DIR/client-admin.key
  export TEMPORAL_TLS_SERVER_NAME=$CLUSTER_TEMPORAL_SERVER_NAME
}

# Role `temporal` (DEV-ONLY password temporal_pw) owning `temporal` and `temporal_visibility`,
# then the module's SQL tool: versioning table once, then every versioned schema step.
cluster_temporal_schema() {
  local slog=$LOG_DIR/temporal-schema.log t0
  t0=$(now_ms)
  (cd / && pg_run "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U "$PG_SUPERUSER" -d postgres) \
    >"$slog" 2>&1 <<'SQL' || fail "creating the temporal role and databases failed" "$slog"
SELECT 'CREATE ROLE temporal LOGIN PASSWORD ''temporal_pw''' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'temporal')\gexec
SELECT 'CREATE DATABASE temporal OWNER temporal' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'temporal')\gexec
SELECT 'CREATE DATABASE temporal_visibility OWNER temporal' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'temporal_visibility')\gexec
SQL
  local db schema
  for db in temporal temporal_visibility; do
    schema=postgresql/v12/${db#temporal_}
    local -a tool=("$TEMPORAL_SQL_TOOL" --plugin postgres12 --ep "$BIND_HOST" -p "$PG_PORT" -u temporal --pw temporal_pw --db "$db")
    if ! PGPASSWORD=temporal_pw "$PG_BIN/psql" -X -q -h "$BIND_HOST" -p "$PG_PORT" -U temporal -d "$db" -tAc \
      "SELECT 1 FROM schema_version LIMIT 1" >/dev/null 2>&1; then
      "${tool[@]}" setup-schema -v 0.0 >>"$slog" 2>&1 || fail "temporal-sql-tool setup-schema ($db) failed" "$slog"
    fi
    "${tool[@]}" update-schema --schema-name "$schema" >>"$slog" 2>&1 ||
      fail "temporal-sql-tool update-schema ($db) failed" "$slog"
  done
  log "temporal: schemas of temporal and temporal_visibility up to date in $(since "$t0")s"
}

# Every process lists every service (membership tracks them all); a history process gives its own
# ports to the history entry, the others name history-1's.
cluster_temporal_services() {
  local proc=$1 line p service offset
  for line in "${CLUSTER_TEMPORAL_PROCESSES[@]}"; do
    read -r p service offset <<<"$line"
    [[ $service == history && $p != "$proc" && ($proc == history-* || $p != history-1) ]] && continue
    printf '  %s:\n    rpc:\n      grpcPort: %s\n      membershipPort: %s\n      bindOnIP: "%s"\n' \
      "$service" $((TEMPORAL_PORT + offset)) $((TEMPORAL_MEMBERSHIP_PORT + offset)) "$BIND_HOST"
    if [[ $service == frontend ]]; then printf '      httpPort: %s\n' $((TEMPORAL_PORT + 1)); fi
  done
}

cluster_temporal_render() {
  local proc=$1 service=$2 offset=$3 pki=$CLUSTER_PKI_DIR cfg=$CLUSTER_TEMPORAL_DIR/config
  mkdir -p "$cfg"
  local tls_server="certFile: $pki/temporal-server.pem
        keyFile: $pki/temporal-server.key
        requireClientAuth: true
        clientCaFiles: [$pki/ca.pem]"
  local tls_client="serverName: $CLUSTER_TEMPORAL_SERVER_NAME
        rootCaFiles: [$pki/ca.pem]"
  store() {
    cat <<EOF
      sql:
        pluginName: postgres12
        databaseName: $1
        connectAddr: "$BIND_HOST:$PG_PORT"
        connectProtocol: tcp
        user: temporal
        password: temporal_pw
        maxConns: $2
        maxIdleConns: $2
        maxConnLifetime: 1h
EOF
  }
  cat >"$cfg/$proc.yaml" <<EOF
# Generated by infra/lib/cluster-temporal.sh (cluster profile): the $proc process.
log:
  stdout: true
  level: warn
persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: $CLUSTER_TEMPORAL_SHARDS
  datastores:
    default:
$(store temporal 10)
    visibility:
$(store temporal_visibility 4)
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "$BIND_HOST"
  metrics:
    prometheus:
      framework: tally
      timerType: histogram
      listenAddress: "$BIND_HOST:$((TEMPORAL_PORT + 10 + offset))"
  tls:
    internode:
      server:
        $tls_server
      client:
        $tls_client
    frontend:
      server:
        $tls_server
      client:
        $tls_client
    systemWorker:
      certFile: $pki/temporal-server.pem
      keyFile: $pki/temporal-server.key
      client:
        $tls_client
services:
$(cluster_temporal_services "$proc")
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "$BIND_HOST:$TEMPORAL_PORT"
dcRedirectionPolicy:
  policy: noop
publicClient:
  hostPort: "$BIND_HOST:$TEMPORAL_PORT"
dynamicConfigClient:
  filepath: "$cfg/dynamic.yaml"
  pollInterval: 10s
EOF
  cat >"$cfg/dynamic.yaml" <<'EOF'
# Search attributes registered by stack.sh are usable at once (as on the dev server).
system.forceSearchAttributesCacheRefreshOnRead:
  - value: true
    constraints: {}
EOF
}

cluster_temporal_launch_process() {
  local proc=$1 service=$2 offset=$3 pid
  if pid=$(cluster_temporal_pid "$proc"); then
    log "temporal-$proc already running (pid $pid)"
    return 0
  fi
  ensure_port_free "temporal-$proc gRPC port" $((TEMPORAL_PORT + offset))
  ensure_port_free "temporal-$proc membership port" $((TEMPORAL_MEMBERSHIP_PORT + offset))
  cluster_temporal_render "$proc" "$service" "$offset"
  rotate_log "$(cluster_temporal_log "$proc")"
  start_detached "$(cluster_temporal_pid_file "$proc")" "$(cluster_temporal_log "$proc")" \
    "$TEMPORAL_SERVER_BIN" --root / --config "$CLUSTER_TEMPORAL_DIR/config" --env "$proc" --allow-no-auth \
    start --service "$service"
  log "temporal-$proc starting (pid $(<"$(cluster_temporal_pid_file "$proc")"), log $(cluster_temporal_log "$proc"))"
}

cluster_temporal_launch() {
  CLUSTER_TEMPORAL_T0=$(now_ms)
  mkdir -p "$CLUSTER_TEMPORAL_DIR" "$RUN_DIR" "$LOG_DIR"
  local line
  for line in "${CLUSTER_TEMPORAL_PROCESSES[@]}"; do
    # shellcheck disable=SC2086 # three words: process, service, port offset
    cluster_temporal_launch_process $line
  done
}

cluster_temporal_healthy() {
  "$TEMPORAL_BIN" operator cluster health --address "$TEMPORAL_ADDRESS" --command-timeout 3s 2>/dev/null | grep -q SERVING
}

# SERVING frontend, then the namespaces and search attributes of infra/temporal/*.txt.
cluster_temporal_wait() {
  cluster_temporal_cli_env
  local deadline line proc ns
  deadline=$(($(now_ms) + 180 * 1000))
  until cluster_temporal_healthy; do
    for line in "${CLUSTER_TEMPORAL_PROCESSES[@]}"; do
      proc=${line%% *}
      cluster_temporal_pid "$proc" >/dev/null || fail "temporal-$proc exited during start-up" "$(cluster_temporal_log "$proc")"
    done
    (($(now_ms) < deadline)) || fail "the Temporal frontend is not SERVING after 180s" "$(cluster_temporal_log frontend)"
    sleep 1
  done
  local nlog=$LOG_DIR/temporal-namespaces.log
  : >"$nlog"
  while read -r ns; do
    until "$TEMPORAL_BIN" operator namespace describe --namespace "$ns" --address "$TEMPORAL_ADDRESS" >>"$nlog" 2>&1; do
      "$TEMPORAL_BIN" operator namespace create --namespace "$ns" --retention 720h --address "$TEMPORAL_ADDRESS" >>"$nlog" 2>&1 || true
      (($(now_ms) < deadline)) || fail "registering namespace $ns failed" "$nlog"
      sleep 1
    done
  done < <(temporal_lines "$TEMPORAL_NS_FILE")
  temporal_ensure_search_attributes
  log "temporal: frontend, 2 history, matching, worker ready ($TEMPORAL_ADDRESS, mutual TLS) in $(since "$CLUSTER_TEMPORAL_T0")s"
}

cluster_temporal_stop() {
  local line proc pid
  for line in "${CLUSTER_TEMPORAL_PROCESSES[@]}"; do
    proc=${line%% *}
    if pid=$(cluster_temporal_pid "$proc"); then stop_pid "temporal-$proc" "$pid" "$TEMPORAL_STOP_TIMEOUT" & fi
  done
  wait
  for line in "${CLUSTER_TEMPORAL_PROCESSES[@]}"; do rm -f "$(cluster_temporal_pid_file "${line%% *}")"; done
  log "temporal: processes stopped (data kept in PostgreSQL)"
}

cluster_temporal_status() {
  local line proc offset pid rc=0
  for line in "${CLUSTER_TEMPORAL_PROCESSES[@]}"; do
    proc=${line%% *}
    offset=${line##* }
    # The worker service serves no gRPC: its membership port says it is up.
    if pid=$(cluster_temporal_pid "$proc") && port_listening $((TEMPORAL_MEMBERSHIP_PORT + offset)); then
      log "temporal-$proc  running  pid $pid  gRPC $BIND_HOST:$((TEMPORAL_PORT + offset)), membership $((TEMPORAL_MEMBERSHIP_PORT + offset))"
    else
      log "temporal-$proc  DOWN     membership port $((TEMPORAL_MEMBERSHIP_PORT + offset))"
      rc=1
    fi
  done
  return $rc
}
