# shellcheck shell=bash
# Jaeger, the trace viewer of the local stack: the all-in-one binary of v1.75.0 built from its Go
# module with this machine's Go (no Docker, no downloaded binary) and cached under $CACHE_DIR.
# The build takes minutes (15 on a busy 2-core machine), so only `npm start` and
# `bash infra/stack.sh traces` build it; `npm test` never needs it (its trace test has its own
# receiver). Services export to its OTLP/HTTP port when OTEL_EXPORTER_OTLP_ENDPOINT is set.

JAEGER_VERSION=1.75.0
JAEGER_DIR=$CACHE_DIR/jaeger-$JAEGER_VERSION
JAEGER_BIN=$JAEGER_DIR/bin/jaeger
JAEGER_CONFIG=$INFRA_DIR/jaeger/config.yaml
JAEGER_OTLP_PORT=${JAEGER_OTLP_PORT:-54318}
JAEGER_UI_PORT=${JAEGER_UI_PORT:-56686}
JAEGER_QUERY_GRPC_PORT=${JAEGER_QUERY_GRPC_PORT:-56685}
JAEGER_PID_FILE=$RUN_DIR/jaeger.pid
JAEGER_LOG=$LOG_DIR/jaeger.log
JAEGER_OTLP_URL=http://$BIND_HOST:$JAEGER_OTLP_PORT
JAEGER_UI_URL=http://$BIND_HOST:$JAEGER_UI_PORT

jaeger_installed() { [[ -x $JAEGER_BIN ]]; }

jaeger_pid() { live_pid "$JAEGER_PID_FILE" "$JAEGER_BIN"; }

# A throwaway module that requires Jaeger as a tool (its own go.mod has replace directives, so
# `go install pkg@version` refuses it), then one `go build` of cmd/jaeger.
jaeger_install() {
  jaeger_installed && return 0
  require_cmd go "install Go (https://go.dev/dl/) or skip the trace viewer"
  local t0 build_log=$LOG_DIR/install-jaeger.log
  t0=$(now_ms)
  mkdir -p "$JAEGER_DIR" "$LOG_DIR"
  log "building Jaeger $JAEGER_VERSION from its Go module (minutes; log: $build_log)"
  (
    cd "$JAEGER_DIR" &&
      { [[ -f go.mod ]] || go mod init reintegra.local/jaeger-build; } &&
      go get -tool "github.com/jaegertracing/jaeger/cmd/jaeger@v$JAEGER_VERSION" &&
      go build -o bin/jaeger.tmp github.com/jaegertracing/jaeger/cmd/jaeger &&
      mv bin/jaeger.tmp bin/jaeger
  ) >"$build_log" 2>&1 || fail "the Jaeger build failed" "$build_log"
  log "Jaeger built in $(since "$t0")s ($JAEGER_BIN)"
}

jaeger_start() {
  local pid t0 i
  t0=$(now_ms)
  if pid=$(jaeger_pid); then
    log "jaeger already running (pid $pid)"
    return 0
  fi
  ensure_port_free JAEGER_OTLP_PORT "$JAEGER_OTLP_PORT"
  ensure_port_free JAEGER_UI_PORT "$JAEGER_UI_PORT"
  ensure_port_free JAEGER_QUERY_GRPC_PORT "$JAEGER_QUERY_GRPC_PORT"
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  rotate_log "$JAEGER_LOG"
  start_detached "$JAEGER_PID_FILE" "$JAEGER_LOG" \
    env JAEGER_OTLP_PORT="$JAEGER_OTLP_PORT" JAEGER_UI_PORT="$JAEGER_UI_PORT" \
    JAEGER_QUERY_GRPC_PORT="$JAEGER_QUERY_GRPC_PORT" "$JAEGER_BIN" --config "$JAEGER_CONFIG"
  for ((i = 0; i < 300; i++)); do
    port_listening "$JAEGER_OTLP_PORT" && port_listening "$JAEGER_UI_PORT" && break
    jaeger_pid >/dev/null || fail "jaeger exited during start-up" "$JAEGER_LOG"
    sleep 0.1
  done
  port_listening "$JAEGER_UI_PORT" || fail "jaeger is not listening on $JAEGER_UI_PORT" "$JAEGER_LOG"
  log "jaeger ready (OTLP $JAEGER_OTLP_URL, UI and API $JAEGER_UI_URL) in $(since "$t0")s"
}

jaeger_stop() {
  local pid
  if ! pid=$(jaeger_pid); then
    rm -f "$JAEGER_PID_FILE"
    return 0
  fi
  stop_pid jaeger "$pid" 10
  rm -f "$JAEGER_PID_FILE"
  log "jaeger stopped (its traces were in memory)"
}

# Informational: the viewer is optional, so its absence never fails `status`.
jaeger_status() {
  local pid
  if pid=$(jaeger_pid); then
    log "jaeger    running  pid $pid  OTLP $JAEGER_OTLP_URL  UI $JAEGER_UI_URL"
  elif jaeger_installed; then
    log "jaeger    stopped  (optional trace viewer: bash infra/stack.sh traces)"
  else
    log "jaeger    not built (optional trace viewer: bash infra/stack.sh traces builds and starts it)"
  fi
}
