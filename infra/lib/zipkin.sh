# shellcheck shell=bash
# Zipkin, the trace viewer of the local stack: zipkin-server's executable jar (its Lens UI inside)
# from Maven Central, cached under $CACHE_DIR, run with this machine's Java 17 and in-memory
# storage bounded to ZIPKIN_MAX_SPANS spans. Fetched once in seconds (about 80 MB), so `npm start`
# always has a viewer. Zipkin has no OTLP receiver on Maven Central (zipkin-module-otel is not
# published there), so services send Zipkin v2 JSON to $ZIPKIN_URL/api/v2/spans when
# OTEL_EXPORTER_ZIPKIN_ENDPOINT is set.

ZIPKIN_VERSION=3.6.1
ZIPKIN_SHA1=5800cc1f3d2eb8f38d2d6905d59f9a0414b6d7dd
ZIPKIN_DIR=$CACHE_DIR/zipkin-$ZIPKIN_VERSION
ZIPKIN_JAR=$ZIPKIN_DIR/zipkin-server-$ZIPKIN_VERSION-exec.jar
ZIPKIN_PORT=${ZIPKIN_PORT:-59411}
ZIPKIN_MAX_SPANS=${ZIPKIN_MAX_SPANS:-200000}
ZIPKIN_PID_FILE=$RUN_DIR/zipkin.pid
ZIPKIN_LOG=$LOG_DIR/zipkin.log
ZIPKIN_URL=http://$BIND_HOST:$ZIPKIN_PORT

zipkin_installed() { [[ -f $ZIPKIN_JAR ]]; }

zipkin_pid() { live_pid "$ZIPKIN_PID_FILE" "$ZIPKIN_JAR"; }

zipkin_install() {
  zipkin_installed && return 0
  require_cmd curl "install curl"
  local t0 url sum
  t0=$(now_ms)
  url=https://repo1.maven.org/maven2/io/zipkin/zipkin-server/$ZIPKIN_VERSION/zipkin-server-$ZIPKIN_VERSION-exec.jar
  mkdir -p "$ZIPKIN_DIR"
  log "zipkin: downloading zipkin-server $ZIPKIN_VERSION from Maven Central (about 80 MB)"
  curl -fsSL --retry 3 -o "$ZIPKIN_JAR.tmp" "$url" || fail "could not download $url"
  sum=$(sha1sum "$ZIPKIN_JAR.tmp" | cut -d' ' -f1)
  [[ $sum == "$ZIPKIN_SHA1" ]] || fail "zipkin-server jar checksum $sum, expected $ZIPKIN_SHA1"
  mv "$ZIPKIN_JAR.tmp" "$ZIPKIN_JAR"
  log "zipkin: cached in $ZIPKIN_DIR in $(since "$t0")s"
}

zipkin_start() {
  local pid t0 i
  t0=$(now_ms)
  if pid=$(zipkin_pid); then
    log "zipkin already running (pid $pid)"
    return 0
  fi
  require_cmd java "install Java 17 (apt-get install -y openjdk-17-jre-headless)"
  ensure_port_free ZIPKIN_PORT "$ZIPKIN_PORT"
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  rotate_log "$ZIPKIN_LOG"
  # Loopback only, a small heap, no self-tracing; the in-memory store drops its oldest traces first.
  start_detached "$ZIPKIN_PID_FILE" "$ZIPKIN_LOG" \
    env STORAGE_TYPE=mem MEM_MAX_SPANS="$ZIPKIN_MAX_SPANS" QUERY_PORT="$ZIPKIN_PORT" \
    SELF_TRACING_ENABLED=false COLLECTOR_SCRIBE_ENABLED=false \
    java -Xms64m -Xmx384m -XX:TieredStopAtLevel=1 -Darmeria.ports[0].ip="$BIND_HOST" -Darmeria.ports[0].port="$ZIPKIN_PORT" \
    -jar "$ZIPKIN_JAR"
  for ((i = 0; i < 1800; i++)); do
    curl -fsS "$ZIPKIN_URL/health" >/dev/null 2>&1 && break
    zipkin_pid >/dev/null || fail "zipkin exited during start-up" "$ZIPKIN_LOG"
    sleep 0.1
  done
  curl -fsS "$ZIPKIN_URL/health" >/dev/null 2>&1 || fail "zipkin is not ready after 3 min" "$ZIPKIN_LOG"
  log "zipkin ready (spans $ZIPKIN_URL/api/v2/spans, UI $ZIPKIN_URL/zipkin/) in $(since "$t0")s"
}

zipkin_stop() {
  local pid
  if ! pid=$(zipkin_pid); then
    rm -f "$ZIPKIN_PID_FILE"
    return 0
  fi
  stop_pid zipkin "$pid" 10
  rm -f "$ZIPKIN_PID_FILE"
  log "zipkin stopped (its traces were in memory)"
}

# Informational: the viewer is optional, so its absence never fails `status`.
zipkin_status() {
  local pid
  if pid=$(zipkin_pid); then
    log "zipkin    running  pid $pid  UI $ZIPKIN_URL/zipkin/"
  else
    log "zipkin    stopped  (trace viewer: bash infra/stack.sh zipkin)"
  fi
}
