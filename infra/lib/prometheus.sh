# shellcheck shell=bash
# Prometheus for the local stack: scrapes every service's /metrics (the ports `npm start` uses) and
# evaluates the committed alert rules (infra/prometheus/alerts.yml). The binaries (prometheus and
# promtool) come from Debian's package, unpacked into the cache: no system service is installed.

PROMETHEUS_VERSION=${PROMETHEUS_VERSION:-2.42.0}
PROMETHEUS_HOME=$CACHE_DIR/prometheus-$PROMETHEUS_VERSION
PROMETHEUS_BIN=$PROMETHEUS_HOME/usr/bin/prometheus
PROMTOOL_BIN=$PROMETHEUS_HOME/usr/bin/promtool
PROMETHEUS_CONFIG=$INFRA_DIR/prometheus/prometheus.yml
PROMETHEUS_DATA=$STACK_DIR/prometheus
PROMETHEUS_PID_FILE=$RUN_DIR/prometheus.pid
PROMETHEUS_LOG=$LOG_DIR/prometheus.log

prometheus_installed() { [[ -x $PROMETHEUS_BIN && -x $PROMTOOL_BIN ]]; }

prometheus_install() {
  prometheus_installed && return 0
  command -v apt-get >/dev/null 2>&1 ||
    fail "Prometheus is not installed and apt-get is not available" "" \
      "put prometheus and promtool $PROMETHEUS_VERSION in $PROMETHEUS_HOME/usr/bin"
  local t0 work deb
  t0=$(now_ms)
  log "prometheus: downloading Debian's prometheus package (about 20 MB)"
  work=$(mktemp -d)
  # `apt-get download` needs the package lists; refresh them once if the package is unknown.
  (cd "$work" && apt-get download -q "prometheus=$PROMETHEUS_VERSION*" 2>/dev/null) ||
    { $IS_ROOT && apt-get update -qq && (cd "$work" && apt-get download -q "prometheus=$PROMETHEUS_VERSION*"); } ||
    fail "could not download Debian's prometheus $PROMETHEUS_VERSION package" "" \
      "run 'apt-get update' (as root), or put prometheus and promtool in $PROMETHEUS_HOME/usr/bin"
  deb=$(ls "$work"/prometheus_*.deb)
  mkdir -p "$PROMETHEUS_HOME.tmp"
  dpkg-deb -x "$deb" "$PROMETHEUS_HOME.tmp" || fail "could not unpack $deb"
  rm -rf "$PROMETHEUS_HOME" "$work"
  mv "$PROMETHEUS_HOME.tmp" "$PROMETHEUS_HOME"
  log "prometheus: installed in $PROMETHEUS_HOME in $(since "$t0")s"
}

prometheus_pid() { live_pid "$PROMETHEUS_PID_FILE" "$PROMETHEUS_BIN"; }

prometheus_start() {
  local pid i
  if pid=$(prometheus_pid); then
    log "prometheus already running (pid $pid)"
    return 0
  fi
  ensure_port_free PROMETHEUS_PORT "$PROMETHEUS_PORT"
  mkdir -p "$PROMETHEUS_DATA" "$RUN_DIR" "$LOG_DIR"
  rotate_log "$PROMETHEUS_LOG"
  # Two days of samples are plenty for a workstation; production keeps its own retention.
  start_detached "$PROMETHEUS_PID_FILE" "$PROMETHEUS_LOG" \
    "$PROMETHEUS_BIN" --config.file="$PROMETHEUS_CONFIG" --storage.tsdb.path="$PROMETHEUS_DATA" \
    --storage.tsdb.retention.time=2d --web.listen-address="$BIND_HOST:$PROMETHEUS_PORT"
  for ((i = 0; i < 100; i++)); do
    curl -fsS "http://$BIND_HOST:$PROMETHEUS_PORT/-/ready" >/dev/null 2>&1 && return 0
    prometheus_pid >/dev/null || fail "prometheus exited during start-up" "$PROMETHEUS_LOG"
    sleep 0.1
  done
  fail "prometheus is not ready after 10 s" "$PROMETHEUS_LOG"
}

prometheus_stop() {
  local pid
  pid=$(prometheus_pid) || return 0
  stop_pid prometheus "$pid" 10
  rm -f "$PROMETHEUS_PID_FILE"
  log "prometheus stopped"
}

prometheus_status() {
  local pid
  if pid=$(prometheus_pid); then
    log "prometheus running  pid $pid  http://$BIND_HOST:$PROMETHEUS_PORT"
  else
    log "prometheus stopped  port $PROMETHEUS_PORT"
  fi
}
