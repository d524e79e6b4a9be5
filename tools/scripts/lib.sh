# Shared helpers of the top-level scripts (start, stop, test). Sourced, not run.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false NX_SKIP_NX_CACHE=${NX_SKIP_NX_CACHE:-false}
# Services with a database (migrated); PROCESSES adds the development identity provider.
SERVICES=(intake orchestrator employment-matching education-enrolment victim-support supervisor-api partner-gateway community-inclusion service-directory notifications)
PROCESSES=(dev-identity "${SERVICES[@]}")

step() { printf '\n\033[1m[%s] %s\033[0m\n' "${SCRIPT_NAME:-reintegra}" "$*"; }
fail() { printf '\n[%s] FAILED: %s\n' "${SCRIPT_NAME:-reintegra}" "$*" >&2; exit 1; }

# Installs npm dependencies when missing or when package-lock.json changed since the last install.
ensure_dependencies() {
  command -v node >/dev/null || fail "node not found: install Node.js 20.19+ (https://nodejs.org or apt-get install -y nodejs)"
  local marker=node_modules/.package-lock.json
  if [[ ! -f $marker || package-lock.json -nt $marker ]]; then
    step "installing npm dependencies (npm ci)"
    npm ci --no-audit --no-fund || fail "npm ci failed: check the registry is reachable, then run it again"
  fi
}

# Installs Debian's Chromium when missing: the supervisor dashboard's browser tests drive it
# (playwright-core never downloads a browser). Set CHROMIUM_PATH to use another Chromium.
ensure_chromium() {
  [[ -x ${CHROMIUM_PATH:-/usr/bin/chromium} ]] && return 0
  command -v apt-get >/dev/null \
    || fail "Chromium is missing and apt-get is not available: install Chromium and set CHROMIUM_PATH to its binary (the dashboard's browser tests need it)"
  local sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  step "installing Chromium for the browser tests (apt-get install chromium)"
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null; } \
    || fail "apt-get could not install chromium: install it by hand (or set CHROMIUM_PATH) and run again"
}

# Exports the endpoints of the local stack (PG_PORT, KAFKA_BROKERS, TEMPORAL_ADDRESS, …).
load_stack_env() {
  # The services keep the dev identity here even with KEYCLOAK=1 (demo data and service tokens
  # come from it); pointing them at Keycloak is a choice made by hand (docs/identity-provider.md).
  eval "$(KEYCLOAK=0 bash infra/stack.sh env)"
}

# Builds every service and the orchestrator's workflow bundle.
build_services() {
  step "building services"
  npx nx run-many -t build --outputStyle=static --projects="$(IFS=,; echo "${PROCESSES[*]}")" >/dev/null \
    || fail "build failed: run 'npx nx run-many -t build' to see the errors"
  npx nx run orchestrator:bundle-workflows --outputStyle=static >/dev/null \
    || fail "workflow bundle failed: run 'npx nx run orchestrator:bundle-workflows'"
}
