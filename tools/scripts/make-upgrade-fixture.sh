#!/usr/bin/env bash
# Makes the upgrade test's fixture from a past release: the release's own `npm start` with its
# demo data (150 generated returnees, enough for the 13-case La Paz Este story) on a stack of its
# own, then its own `npm run backup`, packed as
# apps/operations-e2e/fixtures/upgrade-from-<version>.tar.gz. Run it once per release, right
# after tagging, and commit the result with the upgrade test.
#
#   bash tools/scripts/make-upgrade-fixture.sh <git revision> <version>   e.g. adad92e 0.2.0
#
# Needs nothing running on the `npm start` service ports (3100-3111).
SCRIPT_NAME=upgrade-fixture
source "$(dirname "$0")/lib.sh"
rev=${1:-}
version=${2:-}
[[ -n $rev && -n $version ]] || fail "usage: bash tools/scripts/make-upgrade-fixture.sh <git revision> <version>"
out=$ROOT/apps/operations-e2e/fixtures/upgrade-from-$version.tar.gz
backup=$work/backup
work=$(mktemp -d)
chmod 755 "$work" # PostgreSQL runs as its own OS user when we are root: it must reach the state dir
export REINTEGRA_STACK_DIR=$work/stack PG_PORT=56832 KAFKA_PORT=59592 KAFKA_CONTROLLER_PORT=59593 \
  TEMPORAL_PORT=57733 TEMPORAL_UI_PORT=58733 SMTP_PORT=51525 PROMETHEUS_PORT=59490 DEMO_RETURNEES=150
cleanup() {
  (cd "$work/release" 2>/dev/null && bash tools/scripts/stop.sh >/dev/null 2>&1) || true
  git -C "$ROOT" worktree remove --force "$work/release" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

step "checking out $rev (release $version)"
git -C "$ROOT" worktree add --detach "$work/release" "$rev" >/dev/null || fail "no revision $rev"
cd "$work/release"
step "the release's npm start, with its demo data (installs its own dependencies)"
bash tools/scripts/start.sh || fail "the release's npm start failed (message above)"
step "stopping its services, keeping the engines for the backup"
bash tools/scripts/stop.sh >/dev/null
bash infra/stack.sh start >/dev/null
bash infra/stack.sh backup "$backup" || fail "the release's backup failed (message above)"
printf '{ "version": "%s", "revision": "%s", "createdAt": "%s" }\n' \
  "$version" "$(git rev-parse HEAD)" "$(date -u +%FT%TZ)" >"$backup/fixture.json"
# Packed: the SQLite and pg_dump files shrink to a seventh.
tar czf "$out" -C "$backup" . || fail "could not write $out"
echo "[upgrade-fixture] written to $out ($(du -sh "$out" | cut -f1)); commit it with the upgrade test"
