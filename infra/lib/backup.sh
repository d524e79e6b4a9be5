# shellcheck shell=bash
# Backup and restore of the stack's state: every service database (pg_dump, custom format) and the
# Temporal persistence (SQLite online backup), timestamped, with checksums and a manifest. The
# victim-support key-encryption key is NOT in it: it is kept apart (tools/scripts/key-custody.mjs),
# so one stolen backup never holds both the care records and the key that opens them.
#
# Kafka is not backed up: every event a service published stays in its outbox table (published
# rows are kept), so a restore re-sends the recent ones and the consumers drop what they already
# processed by event id (inbox); topics and consumer groups are recreated by `stack.sh start`.

BACKUP_ROOT=${REINTEGRA_BACKUP_DIR:-$REPO_ROOT/backups}
# Events published in this many hours before the backup are sent again after a restore.
RESTORE_RESEND_HOURS=${RESTORE_RESEND_HOURS:-24}

# The service databases (not the _test/_bench twins), from databases.txt.
backup_databases() {
  sed -e 's/#.*//' "$PG_DATABASES_FILE" | awk 'NF >= 2 && $1 !~ /_(test|bench)$/ {print $1}'
}

backup_psql() {
  local db=$1
  shift
  (cd / && pg_run "$PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$PG_PORT" \
    -U "$PG_SUPERUSER" -d "$db" "$@")
}

cmd_backup() {
  validate_ports
  pg_resolve_dirs
  pg_pid >/dev/null || fail "PostgreSQL is not running" "" "start the stack first: bash infra/stack.sh start"
  temporal_pid >/dev/null || fail "Temporal is not running" "" "start the stack first: bash infra/stack.sh start"
  local stamp dest t0
  t0=$(now_ms)
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  dest=$(realpath -m "${1:-$BACKUP_ROOT/$stamp}")
  [[ -e $dest/manifest.json ]] && fail "$dest already holds a backup" "" "choose another directory"
  mkdir -p "$dest/postgres"
  chmod 700 "$dest"
  local started_at
  started_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  # Databases first, Temporal last: whatever the orchestrator's inbox says it delivered is then in
  # the workflow histories too (the other way round, a delivered signal could be lost).
  local db
  for db in $(backup_databases); do
    (cd / && pg_run "$PG_BIN/pg_dump" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U "$PG_SUPERUSER" -Fc "$db") \
      >"$dest/postgres/$db.dump" ||
      fail "pg_dump of $db failed" "" "check 'bash infra/stack.sh status' and the PostgreSQL log: $PG_LOG"
    log "backup: $db ($(du -h "$dest/postgres/$db.dump" | cut -f1))"
  done
  # SQLite's online backup API: a consistent copy while the server runs.
  "$TEMPORAL_VENV/bin/python" - "$TEMPORAL_DB" "$dest/temporal.db" <<'PY' ||
import sqlite3, sys
source, target = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
with target:
    source.backup(target)
PY
    fail "backup of the Temporal database failed" "$TEMPORAL_LOG" "check 'bash infra/stack.sh status'"
  log "backup: temporal ($(du -h "$dest/temporal.db" | cut -f1))"
  (cd "$dest" && find . -type f ! -name SHA256SUMS ! -name manifest.json -print0 | sort -z |
    xargs -0 sha256sum >SHA256SUMS)
  cat >"$dest/manifest.json" <<JSON
{
  "kind": "reintegra-backup",
  "version": 1,
  "startedAt": "$started_at",
  "finishedAt": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "databases": [$(backup_databases | sed 's/.*/"&"/' | paste -sd,)],
  "temporal": "temporal.db",
  "keyEncryptionKey": "not included: back it up apart with 'npm run backup:key'"
}
JSON
  log "backup written to $dest in $(since "$t0")s"
  warn "the victim-support key-encryption key is NOT in this backup: keep 'npm run backup:key' apart from it"
}

cmd_restore() {
  validate_ports
  local src=${1:-}
  [[ -n $src ]] || fail "which backup? usage: bash infra/stack.sh restore <backup dir>"
  src=$(realpath -m "$src")
  [[ -f $src/manifest.json ]] || fail "$src is not a backup (no manifest.json)"
  (cd "$src" && sha256sum --quiet -c SHA256SUMS) ||
    fail "the backup in $src is damaged (checksums differ)" "" "use another backup"
  pg_resolve_dirs
  pg_pid >/dev/null || fail "PostgreSQL is not running" "" "start the stack first (services stopped): bash infra/stack.sh start"
  local t0 started_at db
  t0=$(now_ms)
  started_at=$(sed -n 's/.*"startedAt": "\(.*\)".*/\1/p' "$src/manifest.json")
  for db in $(backup_databases); do
    [[ -f $src/postgres/$db.dump ]] || {
      warn "no dump of $db in this backup: left as it is"
      continue
    }
    # Connections of a service still running would block the restore: the services must be stopped.
    (cd / && pg_run "$PG_BIN/pg_restore" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U "$PG_SUPERUSER" \
      -d "$db" --clean --if-exists --single-transaction --exit-on-error) <"$src/postgres/$db.dump" ||
      fail "restore of $db failed" "" "stop every service (npm stop stops them; 'bash infra/stack.sh start' brings the engines back), then retry"
    # Kafka may have lost what was published shortly before the backup: send it again (consumers
    # drop repeats by event id).
    if [[ $(backup_psql "$db" -c "SELECT to_regclass('public.outbox_messages') IS NOT NULL") == t ]]; then
      local resent
      resent=$(backup_psql "$db" -c "WITH r AS (UPDATE outbox_messages SET published_at = NULL
          WHERE published_at >= timestamptz '$started_at' - interval '$RESTORE_RESEND_HOURS hours'
          RETURNING 1) SELECT count(*) FROM r")
      log "restore: $db (outbox: $resent events to send again)"
    else
      log "restore: $db"
    fi
  done
  temporal_stop
  cp "$src/temporal.db" "$TEMPORAL_DB"
  rm -f "$TEMPORAL_DB-wal" "$TEMPORAL_DB-shm"
  temporal_launch
  temporal_wait
  log "restore: temporal"
  log "restored $src in $(since "$t0")s; start the services, then check the paths (dashboard) and care records"
  warn "care records open only with the key-encryption key of that time: 'npm run restore:key' if this machine lost it"
}
