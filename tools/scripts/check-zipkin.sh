#!/usr/bin/env bash
# The local trace viewer end to end, apart from any running stack: starts Zipkin in its own state
# directory and port, sends it one span through libs/platform/tracing's Zipkin exporter
# (libs/platform/tracing/scripts/zipkin-probe.ts), finds it by its case.id tag through /zipkin/api/v2/traces,
# checks that the UI page answers, and stops that Zipkin.
#   bash tools/scripts/check-zipkin.sh    (ZIPKIN_CHECK_PORT, default 59611; ZIPKIN_CHECK_DIR)
set -euo pipefail
cd "$(dirname "$0")/../.."
export REINTEGRA_STACK_DIR=${ZIPKIN_CHECK_DIR:-${TMPDIR:-/tmp}/reintegra-zipkin-check}
export ZIPKIN_PORT=${ZIPKIN_CHECK_PORT:-59611}
url=http://127.0.0.1:$ZIPKIN_PORT
trap 'bash infra/stack.sh zipkin stop >/dev/null 2>&1 || true' EXIT
bash infra/stack.sh zipkin
OTEL_EXPORTER_ZIPKIN_ENDPOINT=$url TS_NODE_TRANSPILE_ONLY=true \
  TS_NODE_PROJECT=libs/platform/tracing/tsconfig.spec.json \
  node -r ts-node/register libs/platform/tracing/scripts/zipkin-probe.ts
curl -fsS "$url/zipkin/?annotationQuery=case.id%3Dx" | grep -q '<title>Zipkin</title>' ||
  { echo "zipkin: the UI page at $url/zipkin/ did not answer" >&2; exit 1; }
echo "zipkin: UI answers at $url/zipkin/"
