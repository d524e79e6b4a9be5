#!/usr/bin/env bash
# `npm start`: the whole system on this machine with demo data. Installs what is missing, starts
# the local stack, builds and migrates every service, starts them in the background (logs in
# .stack/logs/services), loads the demo returnees and prints where everything is.
SCRIPT_NAME=start
source "$(dirname "$0")/lib.sh"
RUN_DIR=.stack/services
LOG_DIR=.stack/logs/services
mkdir -p "$RUN_DIR" "$LOG_DIR"

declare -A PORT=([dev-identity]=3100 [intake]=3101 [orchestrator]=3102 [employment-matching]=3103 [education-enrolment]=3104 [victim-support]=3105 [supervisor-api]=3106 [partner-gateway]=3107 [community-inclusion]=3110 [service-directory]=3109 [notifications]=3111)
# The office app's server (static bundle + same-origin proxy to intake, employment, education, the
# directory, community inclusion and the dev identity; see apps/office-web/server/office-server.ts).
OFFICE_WEB_PORT=${OFFICE_WEB_PORT:-3108}

ensure_dependencies
step "starting the local stack"
bash infra/stack.sh start || fail "the local stack did not start (see the message above)"
load_stack_env
# The trace viewer (Zipkin, its UI included): the jar is fetched once from Maven Central (cached)
# and started with the stack; the services started below send their spans to it and the
# supervisors' case page links to a case's traces there. REINTEGRA_TRACES=off skips it.
TRACES_UI_URL=
if [[ ${REINTEGRA_TRACES:-on} != off ]]; then
  if bash infra/stack.sh zipkin; then
    zipkin_url="http://127.0.0.1:${ZIPKIN_PORT:-59411}"
    export OTEL_EXPORTER_ZIPKIN_ENDPOINT=$zipkin_url
    export TRACE_VIEWER_URL=$zipkin_url
    TRACES_UI_URL=$zipkin_url/zipkin/
  else
    echo "  (no trace viewer: see the message above; the services run without traces)"
  fi
fi
build_services
npx nx run office-web:build --outputStyle=static >/dev/null \
  || fail "office app build failed: run 'npx nx run office-web:build' to see the errors"

step "migrating databases"
for app in "${SERVICES[@]}"; do
  node "dist/apps/$app/migrate.js" || fail "migration of $app failed (message above)"
done

step "starting services"
for app in "${PROCESSES[@]}"; do
  pidfile=$RUN_DIR/$app.pid
  if [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "  $app already running (pid $(cat "$pidfile"))"
    continue
  fi
  # The orchestrator's Temporal worker serves its own metrics there; its /metrics includes them.
  extra=(); [[ $app == orchestrator ]] && extra=(TEMPORAL_METRICS_PORT="${TEMPORAL_METRICS_PORT:-9464}")
  # Officer reminders of the demo land in the SMTP sink (.stack/mail) under the office's address.
  [[ $app == notifications ]] && extra=(OFFICE_EMAIL="${OFFICE_EMAIL:-oficina-la-paz-este@reintegra.localhost}")
  env "${extra[@]}" HTTP_PORT=${PORT[$app]} setsid nohup node "dist/apps/$app/main.js" >>"$LOG_DIR/$app.log" 2>&1 &
  echo $! >"$pidfile"
done
for app in "${PROCESSES[@]}"; do
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:${PORT[$app]}/health" >/dev/null 2>&1 && break
    kill -0 "$(cat "$RUN_DIR/$app.pid")" 2>/dev/null || { tail -20 "$LOG_DIR/$app.log"; fail "$app exited during start (log: $LOG_DIR/$app.log)"; }
    sleep 0.5
  done
  curl -fsS "http://127.0.0.1:${PORT[$app]}/health" >/dev/null 2>&1 \
    || { tail -20 "$LOG_DIR/$app.log"; fail "$app is not healthy after 60 s (log: $LOG_DIR/$app.log)"; }
  echo "  $app healthy on http://127.0.0.1:${PORT[$app]}"
done

# The office app: its server proxies same-origin /api/<service>/… to the services started above.
pidfile=$RUN_DIR/office-web.pid
if [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  echo "  office-web already running (pid $(cat "$pidfile"))"
else
  HTTP_PORT=$OFFICE_WEB_PORT DEV_LOGIN=true \
    INTAKE_URL="http://127.0.0.1:${PORT[intake]}" \
    EMPLOYMENT_URL="http://127.0.0.1:${PORT[employment-matching]}" \
    EDUCATION_URL="http://127.0.0.1:${PORT[education-enrolment]}" \
    DIRECTORY_URL="http://127.0.0.1:${PORT[service-directory]}" \
    COMMUNITY_URL="http://127.0.0.1:${PORT[community-inclusion]}" \
    DEV_IDENTITY_URL="http://127.0.0.1:${PORT[dev-identity]}" \
    setsid nohup node dist/apps/office-web-server/main.js >>"$LOG_DIR/office-web.log" 2>&1 &
  echo $! >"$pidfile"
fi
for _ in $(seq 1 40); do
  curl -fsS "http://127.0.0.1:$OFFICE_WEB_PORT/health" >/dev/null 2>&1 && break
  sleep 0.25
done
curl -fsS "http://127.0.0.1:$OFFICE_WEB_PORT/health" >/dev/null 2>&1 \
  || { tail -20 "$LOG_DIR/office-web.log"; fail "office-web is not healthy (log: $LOG_DIR/office-web.log)"; }
echo "  office-web healthy on http://127.0.0.1:$OFFICE_WEB_PORT"

# Prometheus scrapes every service above and evaluates the alert rules (infra/prometheus).
step "starting monitoring"
bash infra/stack.sh monitoring || fail "Prometheus did not start (see the message above)"

# The fictional demo directory (idempotent: fixed ids; the running service relays its events).
step "loading the demo service directory"
node dist/apps/service-directory/seed.js || fail "demo directory could not be loaded (message above)"

# Demo data through the API (idempotent: people already registered and lists already imported are
# left as they are). The dates are anchored at the first start so every later start is a no-op.
step "loading demo data"
[[ -f $RUN_DIR/demo-until ]] || date -u +%F >"$RUN_DIR/demo-until"
TS_NODE_TRANSPILE_ONLY=true TS_NODE_BASEURL=../.. TS_NODE_PROJECT=tools/demo/tsconfig.json \
  node -r ts-node/register -r tsconfig-paths/register tools/demo/load-demo-data.ts \
  --intake "http://127.0.0.1:${PORT[intake]}" --identity "http://127.0.0.1:${PORT[dev-identity]}" \
  --employment "http://127.0.0.1:${PORT[employment-matching]}" \
  --count "${DEMO_RETURNEES:-100}" --until "$(cat "$RUN_DIR/demo-until")" \
  || fail "demo data could not be loaded (message above)"

cat <<TXT

Reintegra is running.
  dev identity (demo)   http://127.0.0.1:${PORT[dev-identity]}        (GET /dev/users; POST /dev/tokens {"user":"oficial-la-paz-este"})
  intake                http://127.0.0.1:${PORT[intake]}        (API docs: /docs; GET /returnees, POST /arrival-lists)
  orchestrator          http://127.0.0.1:${PORT[orchestrator]}/health
  employment-matching   http://127.0.0.1:${PORT[employment-matching]}/health
  education-enrolment   http://127.0.0.1:${PORT[education-enrolment]}/docs
  victim-support        http://127.0.0.1:${PORT[victim-support]}/docs
  office app            http://127.0.0.1:${OFFICE_WEB_PORT}/        (log in as oficial-la-paz-este, empleo-la-paz-este or educacion-la-paz-este)
  supervisor dashboard  http://127.0.0.1:${PORT[supervisor-api]}/        (log in as supervisora-la-paz-este or supervisora-nacional)
  partner-gateway       http://127.0.0.1:${PORT[partner-gateway]}/catalogue   (event catalogue for partner agencies)
  community-inclusion   http://127.0.0.1:${PORT[community-inclusion]}/docs   (activities, attendance, co-design, outcomes)
  service-directory     http://127.0.0.1:${PORT[service-directory]}/docs        (directory, HSDS export: /hsds/services)
  notifications         http://127.0.0.1:${PORT[notifications]}/health      (reminders; e-mails land in ${SMTP_SINK_DIR:-.stack/mail}/)
  Temporal web UI       ${TEMPORAL_UI_URL:-http://127.0.0.1:58233}
  Prometheus            ${PROMETHEUS_URL:-http://127.0.0.1:59090}/api/v1/alerts   (alert rules: infra/prometheus/alerts.yml)
  traces (Zipkin)       ${TRACES_UI_URL:-off}   (a case: /zipkin/api/v2/traces?annotationQuery=case.id%3D<case id>; the case page links there)
  PostgreSQL            127.0.0.1:${PG_PORT:-55432}   Kafka ${KAFKA_BROKERS:-127.0.0.1:59092}
  service logs          $LOG_DIR/
Stop everything with: npm stop   (data is kept in .stack/)
TXT
