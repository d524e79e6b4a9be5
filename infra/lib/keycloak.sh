# shellcheck shell=bash
# shellcheck disable=SC2153 # KEYCLOAK_PORT etc. come from common.sh
# The `keycloak` profile: a real OpenID Connect provider (Keycloak, Quarkus distribution from Maven
# Central) in dev mode with an in-memory H2 database, the realm imported from
# infra/keycloak/reintegra-realm.json at every start (the committed file is the only truth).

KEYCLOAK_VERSION=26.5.6
KEYCLOAK_HOME=$CACHE_DIR/keycloak-$KEYCLOAK_VERSION
KEYCLOAK_MARKER=$KEYCLOAK_HOME/.installed
KEYCLOAK_REALM_FILE=$INFRA_DIR/keycloak/reintegra-realm.json
KEYCLOAK_REALM=reintegra
KEYCLOAK_URL=http://$BIND_HOST:$KEYCLOAK_PORT
KEYCLOAK_ISSUER=$KEYCLOAK_URL/realms/$KEYCLOAK_REALM
KEYCLOAK_PID_FILE=$RUN_DIR/keycloak.pid
KEYCLOAK_LOG=$LOG_DIR/keycloak.log
KEYCLOAK_START_TIMEOUT=${KEYCLOAK_START_TIMEOUT:-240}

# On when asked for (--profile keycloak or KEYCLOAK=1).
keycloak_enabled() { [[ ${KEYCLOAK:-0} == 1 ]]; }

keycloak_installed() { [[ -f $KEYCLOAK_MARKER && -x $KEYCLOAK_HOME/bin/kc.sh ]]; }

# Downloads the distribution zip (~157 MB, one artifact) with Maven and unpacks it into the cache.
keycloak_install() {
  keycloak_installed && return 0
  command -v mvn >/dev/null 2>&1 ||
    fail "mvn not found (needed once to download Keycloak)" "" "install Maven (apt-get install -y maven)"
  command -v unzip >/dev/null 2>&1 || fail "unzip not found" "" "apt-get install -y unzip"
  local t0 work ilog=$LOG_DIR/install-keycloak.log
  t0=$(now_ms)
  mkdir -p "$LOG_DIR"
  log "keycloak: downloading org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION from Maven Central (log: $ilog)"
  work=$KEYCLOAK_HOME.partial
  rm -rf "$work"
  mkdir -p "$work"
  # -C: a checksum mismatch fails the download instead of warning.
  if ! mvn -B -C -Dstyle.color=never dependency:copy \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
    -DoutputDirectory="$work" >"$ilog" 2>&1; then
    rm -rf "$work"
    fail "downloading Keycloak $KEYCLOAK_VERSION failed" "$ilog" \
      "check that Maven Central is reachable, then re-run: bash infra/stack.sh install --profile keycloak"
  fi
  unzip -q "$work/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip" -d "$work" >>"$ilog" 2>&1 ||
    fail "unpacking Keycloak failed" "$ilog"
  rm -rf "$KEYCLOAK_HOME"
  mv "$work/keycloak-$KEYCLOAK_VERSION" "$KEYCLOAK_HOME"
  rm -rf "$work"
  date -u +%FT%TZ >"$KEYCLOAK_MARKER"
  log "keycloak: installed in $KEYCLOAK_HOME in $(since "$t0")s"
}

# kc.sh execs the JVM after a re-augmentation; both command lines name the home's bin/.
keycloak_pid() { live_pid "$KEYCLOAK_PID_FILE" "$KEYCLOAK_HOME/bin/"; }

keycloak_ready() { curl -fsS "http://$BIND_HOST:$KEYCLOAK_MANAGEMENT_PORT/health/ready" >/dev/null 2>&1; }

# Starts Keycloak in the background; keycloak_wait checks readiness (its JVM boots in ~40-90 s).
keycloak_launch() {
  KEYCLOAK_T0=$(now_ms)
  local pid
  if pid=$(keycloak_pid); then
    log "keycloak already running (pid $pid)"
    return 0
  fi
  ensure_port_free KEYCLOAK_PORT "$KEYCLOAK_PORT"
  ensure_port_free KEYCLOAK_MANAGEMENT_PORT "$KEYCLOAK_MANAGEMENT_PORT"
  mkdir -p "$KEYCLOAK_HOME/data/import" "$RUN_DIR" "$LOG_DIR"
  rm -f "$KEYCLOAK_HOME"/data/import/*.json
  cp "$KEYCLOAK_REALM_FILE" "$KEYCLOAK_HOME/data/import/"
  rotate_log "$KEYCLOAK_LOG"
  # --hostname fixes the issuer whatever address a client uses. The bootstrap admin (admin console
  # at $KEYCLOAK_URL/admin) is DEV-ONLY, like every password in the realm file.
  start_detached "$KEYCLOAK_PID_FILE" "$KEYCLOAK_LOG" \
    env KC_BOOTSTRAP_ADMIN_USERNAME=kc-admin KC_BOOTSTRAP_ADMIN_PASSWORD=kc-admin-dev \
    JAVA="$JAVA" JAVA_OPTS_KC_HEAP="${KEYCLOAK_HEAP_OPTS:--Xms64m -Xmx512m}" \
    "$KEYCLOAK_HOME/bin/kc.sh" start-dev --db=dev-mem --import-realm --health-enabled=true \
    --http-host="$BIND_HOST" --http-port="$KEYCLOAK_PORT" --http-management-port="$KEYCLOAK_MANAGEMENT_PORT" \
    --hostname="$KEYCLOAK_URL"
  log "keycloak starting (pid $(<"$KEYCLOAK_PID_FILE"), log $KEYCLOAK_LOG)"
}

keycloak_wait() {
  local deadline
  deadline=$(($(now_ms) + KEYCLOAK_START_TIMEOUT * 1000))
  until keycloak_ready; do
    keycloak_pid >/dev/null || fail "keycloak exited during start-up" "$KEYCLOAK_LOG"
    (($(now_ms) < deadline)) ||
      fail "keycloak was not ready within ${KEYCLOAK_START_TIMEOUT}s" "$KEYCLOAK_LOG" \
        "raise KEYCLOAK_START_TIMEOUT on a busy machine"
    sleep 1
  done
  log "keycloak ready ($KEYCLOAK_ISSUER) in $(since "${KEYCLOAK_T0:-$(now_ms)}")s"
}

keycloak_stop() {
  local pid
  if ! pid=$(keycloak_pid); then
    rm -f "$KEYCLOAK_PID_FILE"
    return 0
  fi
  stop_pid keycloak "$pid" 30
  rm -f "$KEYCLOAK_PID_FILE"
  log "keycloak stopped (its in-memory data is gone; the realm is imported again at start)"
}

keycloak_status() {
  local pid
  if pid=$(keycloak_pid); then
    if keycloak_ready; then
      log "keycloak  running  pid $pid  $KEYCLOAK_URL  healthy"
      return 0
    fi
    log "keycloak  running  pid $pid  $KEYCLOAK_URL  NOT ready"
    return 1
  fi
  log "keycloak  stopped  port $KEYCLOAK_PORT (profile off)"
  # Off is a normal state: only a started profile that died is an error.
  ! keycloak_enabled
}

# The services' token settings for this provider (printed by 'stack.sh env' with the profile on).
keycloak_env() {
  printf 'export %s=%q\n' \
    KEYCLOAK_URL "$KEYCLOAK_URL" \
    AUTH_ISSUER "$KEYCLOAK_ISSUER" \
    AUTH_AUDIENCE reintegra \
    AUTH_JWKS_URL "$KEYCLOAK_ISSUER/protocol/openid-connect/certs"
}
