# shellcheck shell=bash
# shellcheck disable=SC2034 # read by common.sh and the cluster lib files
# Defaults of the `cluster` profile, sourced by stack.sh BEFORE common.sh: the cluster runs beside
# the default stack (own state dir, own ports), so both can be up on one machine. Every value can
# still be overridden from the environment, as for the default profile.
# Every port lies below Linux's ephemeral range (32768-60999): a broker or history process
# restarted under load must find its port free, and any outgoing connection can hold one inside it.

CLUSTER=1
REINTEGRA_STACK_DIR=${REINTEGRA_STACK_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.stack-cluster}
PG_PORT=${PG_PORT:-25532}
# Broker n (1..3) listens for clients on KAFKA_PORT+n-1 (SASL_SSL), for the other brokers on
# KAFKA_PORT+2+n (SSL) and for the controller quorum on KAFKA_CONTROLLER_PORT+n-1 (SSL).
KAFKA_PORT=${KAFKA_PORT:-29192}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-29892}
# Temporal frontend (gRPC, mutual TLS); the other Temporal processes take the ports after it.
TEMPORAL_PORT=${TEMPORAL_PORT:-27333}
TEMPORAL_UI_PORT=${TEMPORAL_UI_PORT:-28333}
SMTP_PORT=${SMTP_PORT:-21125}
PROMETHEUS_PORT=${PROMETHEUS_PORT:-29190}
KEYCLOAK_PORT=${KEYCLOAK_PORT:-28280}
KEYCLOAK_MANAGEMENT_PORT=${KEYCLOAK_MANAGEMENT_PORT:-28290}
# Temporal's ringpop membership ports (stored as a smallint by Temporal: must stay below 32768).
TEMPORAL_MEMBERSHIP_PORT=${TEMPORAL_MEMBERSHIP_PORT:-26933}
