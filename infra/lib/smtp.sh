# shellcheck shell=bash
# The SMTP sink (infra/smtp-sink/smtp-sink.mjs): a real SMTP server on 127.0.0.1 that keeps every
# message as a file in $SMTP_SINK_DIR and relays nothing. The notifications service sends there
# in development and tests.

SMTP_SINK_SCRIPT=$INFRA_DIR/smtp-sink/smtp-sink.mjs
SMTP_SINK_DIR=$STACK_DIR/mail
SMTP_PID_FILE=$RUN_DIR/smtp-sink.pid
SMTP_LOG=$LOG_DIR/smtp-sink.log

smtp_pid() { live_pid "$SMTP_PID_FILE" "$SMTP_SINK_SCRIPT"; }

smtp_start() {
  local pid t0 i
  t0=$(now_ms)
  if pid=$(smtp_pid); then
    log "smtp sink already running (pid $pid)"
    return 0
  fi
  [[ -d $REPO_ROOT/node_modules/smtp-server ]] ||
    fail "smtp-server is not installed (node_modules/smtp-server)" "" "run 'npm ci' in $REPO_ROOT"
  ensure_port_free SMTP_PORT "$SMTP_PORT"
  mkdir -p "$SMTP_SINK_DIR" "$RUN_DIR" "$LOG_DIR"
  rotate_log "$SMTP_LOG"
  start_detached "$SMTP_PID_FILE" "$SMTP_LOG" \
    env SMTP_PORT="$SMTP_PORT" SMTP_SINK_DIR="$SMTP_SINK_DIR" node "$SMTP_SINK_SCRIPT"
  for ((i = 0; i < 100; i++)); do
    port_listening "$SMTP_PORT" && break
    smtp_pid >/dev/null || fail "the smtp sink exited during start-up" "$SMTP_LOG"
    sleep 0.1
  done
  port_listening "$SMTP_PORT" || fail "the smtp sink is not listening on $SMTP_PORT" "$SMTP_LOG"
  log "smtp sink ready ($BIND_HOST:$SMTP_PORT, messages in $SMTP_SINK_DIR) in $(since "$t0")s"
}

smtp_stop() {
  local pid
  if ! pid=$(smtp_pid); then
    rm -f "$SMTP_PID_FILE"
    log "smtp sink not running"
    return 0
  fi
  stop_pid smtp-sink "$pid" 10
  rm -f "$SMTP_PID_FILE"
  log "smtp sink stopped (messages kept in $SMTP_SINK_DIR)"
}

smtp_status() {
  local pid
  if pid=$(smtp_pid) && port_listening "$SMTP_PORT"; then
    log "smtp      running  pid $pid  $BIND_HOST:$SMTP_PORT  healthy"
    return 0
  fi
  log "smtp      stopped  port $SMTP_PORT"
  return 1
}
