#!/usr/bin/env bash
# Local infrastructure for reintegra without Docker: PostgreSQL 15, Kafka 3.9 (KRaft), the
# Temporal dev server and an SMTP sink as plain processes bound to 127.0.0.1; with the `keycloak`
# profile also Keycloak (a real OIDC provider). See infra/README.md.
#
#   bash infra/stack.sh start|stop|status|install|env|logs [component] [--profile keycloak]
#
# Overrides: REINTEGRA_STACK_DIR (data, logs, pids; default <repo>/.stack),
# REINTEGRA_CACHE_DIR (downloads; default ~/.cache/reintegra), PG_PORT, KAFKA_PORT,
# KAFKA_CONTROLLER_PORT, TEMPORAL_PORT, TEMPORAL_UI_PORT, SMTP_PORT, PROMETHEUS_PORT, KEYCLOAK_PORT,
# KEYCLOAK_MANAGEMENT_PORT, REINTEGRA_TOPICS_FILE, PG_SYNCHRONOUS_COMMIT (off; on: no acknowledged
# commit lost when PostgreSQL is killed); KEYCLOAK=1 is the same as --profile keycloak.
set -euo pipefail

LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/lib" && pwd)
# `--profile cluster` changes the defaults (state dir, ports) before common.sh reads them.
for ((i = 1; i < $#; i++)); do
  if [[ ${!i} == --profile ]]; then
    j=$((i + 1))
    # shellcheck source=lib/cluster-defaults.sh
    [[ ${!j} == cluster ]] && source "$LIB_DIR/cluster-defaults.sh"
  fi
done
# shellcheck source=lib/common.sh
source "$LIB_DIR/common.sh"
# shellcheck source=lib/postgres.sh
source "$LIB_DIR/postgres.sh"
# shellcheck source=lib/kafka.sh
source "$LIB_DIR/kafka.sh"
# shellcheck source=lib/temporal.sh
source "$LIB_DIR/temporal.sh"
# shellcheck source=lib/smtp.sh
source "$LIB_DIR/smtp.sh"
# shellcheck source=lib/prometheus.sh
source "$LIB_DIR/prometheus.sh"
# shellcheck source=lib/keycloak.sh
source "$LIB_DIR/keycloak.sh"
# shellcheck source=lib/schemathesis.sh
source "$LIB_DIR/schemathesis.sh"
# shellcheck source=lib/backup.sh
source "$LIB_DIR/backup.sh"
# shellcheck source=lib/cluster.sh
source "$LIB_DIR/cluster.sh"
# shellcheck source=lib/zipkin.sh
source "$LIB_DIR/zipkin.sh"

usage() {
  cat <<EOF
usage: bash infra/stack.sh <command>

  start     install what is missing, start PostgreSQL, Kafka, Temporal and the SMTP sink, wait
            until healthy, create databases/roles, topics and search attributes (idempotent)
  stop      stop all four, and Zipkin if it runs (data and received mail are kept)
  zipkin    fetch zipkin-server $ZIPKIN_VERSION from Maven Central if needed (once; cached) and start
            it, in memory: spans $ZIPKIN_URL/api/v2/spans, UI $ZIPKIN_URL/zipkin/ (npm start does this);
            'zipkin stop' stops only Zipkin (its traces are in memory)
  status    state of each component; exits non-zero if anything is down
  install   only install/cache the binaries (Kafka jars, Temporal and Schemathesis venvs, PostgreSQL via apt)
  env       print 'export K=V' lines for services and tests: eval "\$(bash infra/stack.sh env)"
  keycloak install|installed|start|stop|status
            only Keycloak (download into the cache; is it cached?; run beside a running stack)
  logs [c]  where the logs are; with c = postgres|kafka|temporal|smtp|prometheus|keycloak, the last 100 lines of its log
  monitoring  start Prometheus on $BIND_HOST:$PROMETHEUS_PORT, scraping the services 'npm start'
            runs and evaluating infra/prometheus/alerts.yml ('npm start' does this)
  backup [dir]   every service database and the Temporal persistence, timestamped, with
                 checksums (default dir: backups/<UTC time>); not the victim-support key
  restore <dir>  put a backup back (services stopped, engines running); re-sends the events
                 published shortly before the backup

  --profile cluster   start|stop|status|install|env: the engines in cluster mode beside the default
                 stack (state .stack-cluster): 3 Kafka brokers over SASL_SSL, the Temporal server
                 (frontend, 2 history, matching, worker) on PostgreSQL with mutual TLS, a
                 development CA; 'env --profile cluster --service <name>' prints a service's settings
  --profile keycloak  (or KEYCLOAK=1) with start/install/env/status: also Keycloak on port
                 $KEYCLOAK_PORT, realm 'reintegra' from infra/keycloak/reintegra-realm.json;
                 'env' then points the services' AUTH_* settings at it

state dir: $STACK_DIR
cache dir: $CACHE_DIR
EOF
}

# One start/stop at a time per state dir (fd 9; daemons get it closed by start_detached).
lock_stack() {
  mkdir -p "$STACK_DIR" "$LOG_DIR" "$RUN_DIR"
  exec 9>"$STACK_DIR/.lock"
  flock -w 300 9 || fail "another 'stack.sh' is running on $STACK_DIR (lock $STACK_DIR/.lock)" "" \
    "wait for it to finish, or check: fuser -v $STACK_DIR/.lock"
}

# Kafka jars and the Temporal and Schemathesis venvs download in parallel; each failure prints its own message.
install_all() {
  pg_install
  local -a jobs=() names=()
  if ! kafka_installed; then
    with_cache_lock "kafka-$KAFKA_VERSION" kafka_install &
    jobs+=($!) names+=(kafka)
  fi
  if ! temporal_installed; then
    with_cache_lock "$(basename "$TEMPORAL_VENV")" temporal_install &
    jobs+=($!) names+=(temporal)
  fi
  if ! prometheus_installed; then
    with_cache_lock "$(basename "$PROMETHEUS_HOME")" prometheus_install &
    jobs+=($!) names+=(prometheus)
  fi
  if keycloak_enabled && ! keycloak_installed; then
    with_cache_lock "keycloak-$KEYCLOAK_VERSION" keycloak_install &
    jobs+=($!) names+=(keycloak)
  fi
  if ! schemathesis_installed; then
    with_cache_lock "$(basename "$SCHEMATHESIS_VENV")" schemathesis_install &
    jobs+=($!) names+=(schemathesis)
  fi
  local i failed=()
  for i in "${!jobs[@]}"; do
    wait "${jobs[$i]}" || failed+=("${names[$i]}")
  done
  ((${#failed[@]} == 0)) || fail "install failed for: ${failed[*]} (details above)"
}

cmd_install() {
  validate_ports
  preflight_common
  kafka_preflight_java
  mkdir -p "$LOG_DIR"
  local t0
  t0=$(now_ms)
  install_all
  log "installed: postgres ($PG_BIN), kafka ($KAFKA_LIBS), temporal ($TEMPORAL_VENV) in $(since "$t0")s"
}

cmd_start() {
  local t0
  t0=$(now_ms)
  validate_ports
  preflight_common
  kafka_preflight_java
  lock_stack
  install_all
  log "starting stack (state: $STACK_DIR)"
  # Kafka's JVM is the slowest to boot: launch it and Temporal first, set up PostgreSQL meanwhile.
  kafka_launch
  temporal_launch
  if keycloak_enabled; then keycloak_launch; fi
  pg_start
  smtp_start
  temporal_wait
  kafka_wait
  if keycloak_enabled; then keycloak_wait; fi
  log "stack ready in $(since "$t0")s"
  log "  PostgreSQL       $BIND_HOST:$PG_PORT  (roles <service>_app / <service>_migrator, DEV-ONLY password <role>_pw)"
  log "  Kafka bootstrap  $KAFKA_BOOTSTRAP"
  log "  Temporal         $TEMPORAL_ADDRESS  (namespaces: $(temporal_lines "$TEMPORAL_NS_FILE" | paste -sd' '))"
  log "  Temporal web UI  $TEMPORAL_UI_URL"
  log "  SMTP sink        $BIND_HOST:$SMTP_PORT  (messages kept as files in $SMTP_SINK_DIR)"
  if keycloak_enabled; then
    log "  Keycloak         $KEYCLOAK_ISSUER  (demo users of the realm file, DEV-ONLY password 'demo')"
  fi
  log "  Logs             $LOG_DIR"
  log "  eval \"\$(bash infra/stack.sh env)\" exports the connection variables"
}

cmd_stop() {
  validate_ports
  lock_stack
  # Independent engines: stop them concurrently (Kafka's controlled shutdown takes a few seconds).
  run_concurrently kafka_stop temporal_stop pg_stop smtp_stop prometheus_stop zipkin_stop keycloak_stop
  if $CONCURRENTLY_FAILED; then
    fail "some components did not stop cleanly (see above)" "" "check 'bash infra/stack.sh status'"
  fi
  pg_resolve_dirs
  local reset="rm -rf $STACK_DIR"
  if $PG_DIR_FALLBACK; then reset+=" $(dirname "$PG_DIR")"; fi
  log "stack stopped (data kept; reset with: $reset)"
}

cmd_status() {
  validate_ports
  local rc=0
  all_statuses pg_status kafka_status temporal_status smtp_status || rc=1
  prometheus_status
  zipkin_status
  keycloak_status || rc=1
  log "state: $STACK_DIR"
  return $rc
}

cmd_env() {
  validate_ports
  printf 'export %s=%q\n' \
    PG_HOST "$BIND_HOST" \
    PG_PORT "$PG_PORT" \
    KAFKA_BROKERS "$KAFKA_BOOTSTRAP" \
    TEMPORAL_ADDRESS "$TEMPORAL_ADDRESS" \
    TEMPORAL_UI_URL "$TEMPORAL_UI_URL" \
    TEMPORAL_TEST_SERVER_PATH "$TEMPORAL_TEST_SERVER_BIN" \
    TEMPORAL_CLI_PATH "$TEMPORAL_BIN" \
    SMTP_PORT "$SMTP_PORT" \
    SMTP_SINK_DIR "$SMTP_SINK_DIR" \
    PROMETHEUS_URL "http://$BIND_HOST:$PROMETHEUS_PORT" \
    PROMTOOL_PATH "$PROMTOOL_BIN" \
    SCHEMATHESIS_PATH "$SCHEMATHESIS_BIN"
  if keycloak_enabled; then keycloak_env; fi
  temporal_installed || warn "Temporal binaries are not installed yet: run 'bash infra/stack.sh install'"
}

cmd_logs() {
  local component=${1:-}
  pg_resolve_dirs
  case $component in
    "")
      log "logs dir: $LOG_DIR"
      log "  postgres  $PG_LOG (initdb: $LOG_DIR/postgres-initdb.log, roles/dbs: $LOG_DIR/postgres-bootstrap.log)"
      log "  kafka     $KAFKA_LOG (JVM stdout/stderr: $KAFKA_OUT, topics: $LOG_DIR/kafka-topics.log)"
      log "  temporal  $TEMPORAL_LOG (search attributes: $LOG_DIR/temporal-search-attributes.log)"
      log "  smtp      $SMTP_LOG (received messages: $SMTP_SINK_DIR)"
      log "  prometheus $PROMETHEUS_LOG"
      log "  installs  $LOG_DIR/install-kafka.log, $LOG_DIR/install-temporal.log"
      log "previous run's logs end in .prev; 'bash infra/stack.sh logs kafka' shows the last 100 lines"
      ;;
    postgres) tail -n 100 "$PG_LOG" ;;
    kafka) tail -n 100 "$KAFKA_LOG" ;;
    temporal) tail -n 100 "$TEMPORAL_LOG" ;;
    smtp) tail -n 100 "$SMTP_LOG" ;;
    prometheus) tail -n 100 "$PROMETHEUS_LOG" ;;
    keycloak) tail -n 100 "$KEYCLOAK_LOG" ;;
    *) fail "unknown component '$component'" "" "use one of: postgres, kafka, temporal, smtp, prometheus, keycloak" ;;
  esac
}

# Keycloak alone, beside a stack that is already running (or on other ports, as the tests do).
cmd_keycloak() {
  KEYCLOAK=1
  validate_ports
  case ${1:-} in
    install) with_cache_lock "keycloak-$KEYCLOAK_VERSION" keycloak_install ;;
    installed) keycloak_installed ;;
    start)
      with_cache_lock "keycloak-$KEYCLOAK_VERSION" keycloak_install
      keycloak_launch
      keycloak_wait
      ;;
    stop) keycloak_stop ;;
    status) keycloak_status ;;
    *) fail "usage: bash infra/stack.sh keycloak install|installed|start|stop|status" ;;
  esac
}

# The trace viewer `npm start` uses: Zipkin (jar fetched once from Maven Central, cached).
cmd_zipkin() {
  if [[ ${1:-} == stop ]]; then
    zipkin_stop
    return
  fi
  preflight_common
  with_cache_lock "zipkin-$ZIPKIN_VERSION" zipkin_install
  lock_stack
  zipkin_start
}

main() {
  local sub=${1:-}
  [[ $# -gt 0 ]] && shift
  # `--profile keycloak` may come anywhere after the command (npm run stack:start -- --profile keycloak).
  local -a rest=()
  while [[ $# -gt 0 ]]; do
    case $1 in
      --profile)
        case ${2:-} in
          keycloak) KEYCLOAK=1 ;;
          cluster) CLUSTER=1 ;;
          *) fail "unknown profile '${2:-}'" "" "the profiles are: keycloak, cluster" ;;
        esac
        shift 2
        ;;
      *)
        rest+=("$1")
        shift
        ;;
    esac
  done
  set -- "${rest[@]}"
  if cluster_enabled; then
    cluster_main "$sub" "$@"
    return
  fi
  case $sub in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    install) cmd_install ;;
    zipkin) cmd_zipkin "$@" ;;
    env) cmd_env ;;
    keycloak) cmd_keycloak "$@" ;;
    logs) cmd_logs "$@" ;;
    monitoring)
      validate_ports
      lock_stack
      with_cache_lock "$(basename "$PROMETHEUS_HOME")" prometheus_install
      prometheus_start
      log "Prometheus on http://$BIND_HOST:$PROMETHEUS_PORT (alerts: /api/v1/alerts, targets: /api/v1/targets)"
      ;;
    backup)
      lock_stack
      cmd_backup "$@"
      ;;
    restore)
      lock_stack
      cmd_restore "$@"
      ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
