# Shared helpers of the top-level scripts (start, stop, test). Sourced, not run.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false NX_SKIP_NX_CACHE=${NX_SKIP_NX_CACHE:-false}
# Services with a database (migrated); PROCESSES adds the development identity provider.
SERVICES=(intake orchestrator employment-matching education-enrolment victim-support partner-gateway)
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

# Exports the endpoints of the local stack (PG_PORT, KAFKA_BROKERS, TEMPORAL_ADDRESS, …).
load_stack_env() {
  eval "$(bash infra/stack.sh env)"
}

# Builds every service and the orchestrator's workflow bundle.
build_services() {
  step "building services"
  npx nx run-many -t build --outputStyle=static --projects="$(IFS=,; echo "${PROCESSES[*]}")" >/dev/null \
    || fail "build failed: run 'npx nx run-many -t build' to see the errors"
  npx nx run orchestrator:bundle-workflows --outputStyle=static >/dev/null \
    || fail "workflow bundle failed: run 'npx nx run orchestrator:bundle-workflows'"
}
