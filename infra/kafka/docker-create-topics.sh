#!/usr/bin/env bash
# docker compose only (kafka-init one-shot, apache/kafka image): creates the topics listed in the
# plan written by the topics-plan one-shot (infra/kafka/topics-plan.js, same as the local stack).
# Plan format: "<name> <partitions> <retention.ms> <cleanup.policy>" per line.
set -euo pipefail
: "${BOOTSTRAP:=kafka:9092}" "${PLAN:=/plan/topics.txt}"
topics=${KAFKA_TOPICS_BIN:-/opt/kafka/bin/kafka-topics.sh}

[[ -r $PLAN ]] || { echo "kafka-init: $PLAN not found (did topics-plan run?)" >&2; exit 1; }
existing=$("$topics" --bootstrap-server "$BOOTSTRAP" --list)
created=0
while read -r name partitions retention policy; do
  [[ -n ${name:-} ]] || continue
  grep -qxF -- "$name" <<<"$existing" && continue
  "$topics" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor 1 \
    --config "retention.ms=$retention" --config "cleanup.policy=$policy"
  created=$((created + 1))
done <"$PLAN"
echo "kafka-init: $(grep -c . "$PLAN") topics declared, $created created"
