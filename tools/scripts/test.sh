#!/usr/bin/env bash
# `npm test`: the one command that runs every check on a fresh machine. Installs what is missing,
# starts the local stack (PostgreSQL, Kafka, Temporal; no Docker needed), then runs format, lint,
# typecheck, unit and integration tests against the real engines. Jest results: artifacts/jest/.
SCRIPT_NAME=test
source "$(dirname "$0")/lib.sh"
started=$SECONDS

ensure_dependencies
ensure_chromium
if [[ ${TEST_STACK:-local} != testcontainers ]]; then
  step "starting the local stack"
  bash infra/stack.sh start || fail "the local stack did not start (see the message above)"
  load_stack_env
fi
rm -rf artifacts/jest

step "format (prettier --check)"
npx prettier --check . --log-level warn || fail "files are not formatted: run 'npm run format'"
step "lint"
npx nx run-many -t lint --outputStyle=static || fail "lint errors above"
step "structure (folders depend one way, no file over 400 lines)"
node tools/scripts/check-structure.mjs || fail "layout rules broken (see the list above)"
step "monitoring config and alert rules (promtool)"
if [[ -x ${PROMTOOL_PATH:-} ]]; then
  { "$PROMTOOL_PATH" check config infra/prometheus/prometheus.yml >/dev/null \
    && "$PROMTOOL_PATH" test rules infra/prometheus/alerts.test.yml; } \
    || fail "the Prometheus config or an alert rule test failed (output above): fix infra/prometheus/"
else
  echo "[test] promtool is not installed (the local stack installs it): alert rules not checked"
fi
step "typecheck"
npx nx run-many -t typecheck --outputStyle=static || fail "type errors above"
step "unit tests"
npx nx run-many -t test --outputStyle=static || status=unit
step "integration tests (real PostgreSQL, Kafka, Temporal)"
npx nx run-many -t integration --parallel=1 --outputStyle=static || status=${status:-integration}

node tools/scripts/summarize-jest.mjs artifacts/jest
echo "[test] finished in $((SECONDS - started)) s"
[[ -z ${status:-} ]] || fail "$status tests failed (reports in artifacts/jest, service logs in artifacts/e2e-logs)"
