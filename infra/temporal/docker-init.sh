#!/usr/bin/env bash
# docker compose only (temporal-init one-shot, temporalio/auto-setup image which ships the
# `temporal` CLI): creates the namespaces in namespaces.txt and registers the search attributes in
# search-attributes.txt in each of them. Idempotent; the local stack does the same in infra/lib/temporal.sh.
set -euo pipefail
: "${TEMPORAL_ADDRESS:=temporal:7233}" "${NAMESPACE_RETENTION:=72h}"
export TEMPORAL_ADDRESS
dir=${REINTEGRA_TEMPORAL_DIR:-/reintegra/temporal}
lines() { sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^[[:space:]]*$/d' "$1"; }

until temporal operator cluster health 2>/dev/null | grep -q SERVING; do
  echo "temporal-init: waiting for $TEMPORAL_ADDRESS"
  sleep 2
done

for ns in $(lines "$dir/namespaces.txt"); do
  if ! temporal operator namespace describe --namespace "$ns" >/dev/null 2>&1; then
    temporal operator namespace create --namespace "$ns" --retention "$NAMESPACE_RETENTION"
  fi
  # The namespace cache lags a little behind creation.
  until existing=$(temporal operator search-attribute list --namespace "$ns" -o json 2>/dev/null); do
    sleep 1
  done
  for sa in $(lines "$dir/search-attributes.txt"); do
    name=${sa%%=*} type=${sa#*=}
    grep -q "\"$name\"" <<<"$existing" && continue
    temporal operator search-attribute create --namespace "$ns" --name "$name" --type "$type"
  done
  echo "temporal-init: namespace $ns ready"
done
