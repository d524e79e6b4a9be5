#!/usr/bin/env bash
# `npm stop`: stops the services started by `npm start`, then the local stack. Data is kept.
SCRIPT_NAME=stop
source "$(dirname "$0")/lib.sh"
for app in office-web "${PROCESSES[@]}"; do
  pidfile=.stack/services/$app.pid
  [[ -f $pidfile ]] || continue
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    echo "[stop] $app stopped"
  fi
  rm -f "$pidfile"
done
bash infra/stack.sh stop
