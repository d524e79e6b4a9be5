# shellcheck shell=bash
# Schemathesis (API fuzzing, apps/api-fuzz) from PyPI, in a cached venv like the Temporal CLI.

SCHEMATHESIS_REQUIREMENTS=$INFRA_DIR/schemathesis/requirements.txt
SCHEMATHESIS_VENV=$CACHE_DIR/schemathesis-venv-$(sha12 "$SCHEMATHESIS_REQUIREMENTS")
SCHEMATHESIS_MARKER=$SCHEMATHESIS_VENV/.installed
SCHEMATHESIS_BIN=$SCHEMATHESIS_VENV/bin/st

schemathesis_installed() { [[ -f $SCHEMATHESIS_MARKER && -x $SCHEMATHESIS_BIN ]]; }

# The marker is written last: a half-done install (no marker) is wiped and redone.
schemathesis_install() {
  schemathesis_installed && return 0
  local python=${PYTHON:-python3} t0 ilog=$LOG_DIR/install-schemathesis.log
  command -v "$python" >/dev/null 2>&1 ||
    fail "$python not found (needed once to install Schemathesis from PyPI)" "" \
      "install Python 3 with venv support (apt-get install -y python3 python3-venv), or set PYTHON=/path/to/python3"
  t0=$(now_ms)
  mkdir -p "$LOG_DIR" "$CACHE_DIR"
  log "schemathesis: installing $(grep -v '^#' "$SCHEMATHESIS_REQUIREMENTS" | paste -sd' ') into $SCHEMATHESIS_VENV (log: $ilog)"
  rm -rf "$SCHEMATHESIS_VENV"
  {
    "$python" -m venv "$SCHEMATHESIS_VENV" &&
      "$SCHEMATHESIS_VENV/bin/python" -m pip install --disable-pip-version-check --no-input \
        -r "$SCHEMATHESIS_REQUIREMENTS" &&
      "$SCHEMATHESIS_BIN" --version
  } >"$ilog" 2>&1 ||
    fail "installing Schemathesis from PyPI failed (the API fuzzing tests need it)" "$ilog" \
      "check that PyPI is reachable (pip config list), then re-run: bash infra/stack.sh install"
  : >"$SCHEMATHESIS_MARKER"
  log "schemathesis: $("$SCHEMATHESIS_BIN" --version) installed in $(since "$t0")s"
}
