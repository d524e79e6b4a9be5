# shellcheck shell=bash
# shellcheck disable=SC2153 # KAFKA_PORT etc. come from common.sh
# Apache Kafka (KRaft, single broker+controller) run straight from the Maven Central jars.

KAFKA_POM=$INFRA_DIR/kafka/pom.xml
KAFKA_VERSION=$(sed -n 's:.*<kafka.version>\([^<]*\)</kafka.version>.*:\1:p' "$KAFKA_POM" | head -n 1)
KAFKA_HOME=$CACHE_DIR/kafka-${KAFKA_VERSION:-unknown}
KAFKA_LIBS=$KAFKA_HOME/libs
KAFKA_MARKER=$KAFKA_HOME/.installed

KAFKA_DIR=$STACK_DIR/kafka
KAFKA_DATA=$KAFKA_DIR/data
KAFKA_CONFIG=$KAFKA_DIR/server.properties
KAFKA_CLUSTER_ID_FILE=$KAFKA_DIR/cluster-id
KAFKA_PID_FILE=$RUN_DIR/kafka.pid
KAFKA_LOG_DIR=$LOG_DIR/kafka
KAFKA_LOG=$KAFKA_LOG_DIR/server.log
KAFKA_OUT=$LOG_DIR/kafka.out
KAFKA_BOOTSTRAP=$BIND_HOST:$KAFKA_PORT
KAFKA_TOPICS_FILE=${REINTEGRA_TOPICS_FILE:-$REPO_ROOT/libs/contracts/events/src/topic-list.json}

KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m}
KAFKA_START_TIMEOUT=${KAFKA_START_TIMEOUT:-120}
KAFKA_STOP_TIMEOUT=${KAFKA_STOP_TIMEOUT:-30}

JAVA=${JAVA:-java}

kafka_preflight_java() {
  command -v "$JAVA" >/dev/null 2>&1 ||
    fail "java not found" "" "install OpenJDK 17 (apt-get install -y openjdk-17-jre-headless), or set JAVA=/path/to/bin/java"
  local major
  major=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
  [[ -n $major ]] && ((major >= 11)) && return 0
  fail "Kafka $KAFKA_VERSION needs Java 11+, '$JAVA' is version ${major:-unknown}" "" \
    "install OpenJDK 17 (apt-get install -y openjdk-17-jre-headless), or set JAVA=/path/to/a/newer/java"
}

kafka_installed() {
  [[ -f $KAFKA_MARKER && $(<"$KAFKA_MARKER") == "$(sha12 "$KAFKA_POM")" ]]
}

# Resolves the broker's runtime classpath from Maven Central into the cache (idempotent).
# The marker holds the pom's hash and is written last, so an interrupted or outdated install is redone.
kafka_install() {
  kafka_installed && return 0
  [[ -n $KAFKA_VERSION ]] || fail "could not read <kafka.version> from $KAFKA_POM"
  command -v mvn >/dev/null 2>&1 ||
    fail "mvn not found (needed once to download the Kafka jars)" "" "install Maven (apt-get install -y maven)"
  local t0 work ilog=$LOG_DIR/install-kafka.log
  t0=$(now_ms)
  log "kafka: downloading Kafka $KAFKA_VERSION jars from Maven Central into $KAFKA_LIBS (log: $ilog)"
  rm -f "$KAFKA_MARKER"
  work=$KAFKA_HOME.partial
  rm -rf "$work"
  mkdir -p "$work" "$LOG_DIR"
  # Run on a copy so Maven's target/ never lands in the repo.
  cp "$KAFKA_POM" "$work/pom.xml"
  if ! mvn -B -Dstyle.color=never -f "$work/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$work/libs" >"$ilog" 2>&1; then
    fail "mvn dependency:copy-dependencies failed for $KAFKA_POM" "$ilog" \
      "check that Maven Central is reachable (mvn -v; ~/.m2/settings.xml mirrors), then re-run: bash infra/stack.sh install"
  fi
  local jar
  for jar in "kafka_2.13-$KAFKA_VERSION.jar" "kafka-tools-$KAFKA_VERSION.jar"; do
    [[ -f $work/libs/$jar ]] || fail "Maven finished but $jar is missing from $work/libs" "$ilog" "check $KAFKA_POM"
  done
  rm -rf "$KAFKA_LIBS"
  mkdir -p "$KAFKA_HOME"
  mv "$work/libs" "$KAFKA_LIBS"
  rm -rf "$work"
  sha12 "$KAFKA_POM" >"$KAFKA_MARKER"
  log "kafka: $(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars installed in $(since "$t0")s"
}

# Short-lived CLI JVMs: tuned for start-up time, not throughput.
kafka_tool() {
  "$JAVA" -Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto \
    -Dlog4j.configuration="file:$INFRA_DIR/kafka/tools-log4j.properties" \
    -cp "$KAFKA_LIBS/*" "$@"
}

kafka_pid() { live_pid "$KAFKA_PID_FILE" "kafka.Kafka $KAFKA_CONFIG"; }

kafka_render_config() {
  local tpl
  tpl=$(<"$INFRA_DIR/kafka/server.properties.template")
  # '&' in a replacement must stay literal (bash 5.2 patsub_replacement).
  shopt -u patsub_replacement 2>/dev/null || true
  tpl=${tpl//@KAFKA_PORT@/$KAFKA_PORT}
  tpl=${tpl//@KAFKA_CONTROLLER_PORT@/$KAFKA_CONTROLLER_PORT}
  tpl=${tpl//@KAFKA_DATA_DIR@/$KAFKA_DATA}
  local body
  body=$(grep -v '^[[:space:]]*#' <<<"$tpl")
  [[ ! $body =~ @[A-Z_]+@ ]] || fail "unknown placeholder ${BASH_REMATCH[0]} in $INFRA_DIR/kafka/server.properties.template"
  printf '%s\n' "$tpl" >"$KAFKA_CONFIG.tmp"
  mv -f "$KAFKA_CONFIG.tmp" "$KAFKA_CONFIG"
}

# KRaft needs the storage formatted once with a cluster id; both are kept in the state dir.
kafka_format_storage() {
  local id
  if [[ -f $KAFKA_DATA/meta.properties ]]; then
    if [[ ! -s $KAFKA_CLUSTER_ID_FILE ]]; then
      sed -n 's/^cluster\.id=//p' "$KAFKA_DATA/meta.properties" >"$KAFKA_CLUSTER_ID_FILE"
    fi
    return 0
  fi
  if [[ -s $KAFKA_CLUSTER_ID_FILE ]]; then
    id=$(<"$KAFKA_CLUSTER_ID_FILE")
  else
    # Same format as `kafka-storage.sh random-uuid` (22-char base64url of 16 random bytes)
    # without paying for a JVM start; a leading '-' would be parsed as a CLI option.
    id=-
    while [[ $id == -* ]]; do
      id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
    done
    printf '%s\n' "$id" >"$KAFKA_CLUSTER_ID_FILE"
  fi
  local flog=$LOG_DIR/kafka-format.log
  log "kafka: formatting KRaft storage in $KAFKA_DATA (cluster id $id)"
  kafka_tool kafka.tools.StorageTool format -t "$id" -c "$KAFKA_CONFIG" --ignore-formatted >"$flog" 2>&1 ||
    fail "kafka storage format failed" "$flog" \
      "if $KAFKA_DATA holds data of another cluster id, remove $KAFKA_DIR and start again"
}

# Starts the broker in the background; kafka_wait checks readiness.
kafka_launch() {
  KAFKA_T0=$(now_ms)
  KAFKA_WAS_RUNNING=false
  local pid
  if pid=$(kafka_pid); then
    KAFKA_WAS_RUNNING=true
    log "kafka already running (pid $pid)"
    return 0
  fi
  ensure_port_free KAFKA_PORT "$KAFKA_PORT"
  ensure_port_free KAFKA_CONTROLLER_PORT "$KAFKA_CONTROLLER_PORT"
  mkdir -p "$KAFKA_DATA" "$KAFKA_LOG_DIR" "$RUN_DIR"
  kafka_render_config
  kafka_format_storage
  rotate_log "$KAFKA_LOG"
  rotate_log "$KAFKA_OUT"
  # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS is a list of JVM flags
  start_detached "$KAFKA_PID_FILE" "$KAFKA_OUT" \
    "$JAVA" $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$INFRA_DIR/kafka/log4j.properties" -Dkafka.logs.dir="$KAFKA_LOG_DIR" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_CONFIG"
  log "kafka starting (pid $(<"$KAFKA_PID_FILE"), log $KAFKA_LOG)"
}

kafka_fail_start() {
  # The log's tail is the shutdown that follows the cause; its first errors name the cause.
  grep -m 5 -E '^\[[^]]*\] (ERROR|FATAL)' "$KAFKA_LOG" >&2 || true
  show_log_tail "$KAFKA_OUT" 10
  fail "$1 (its first errors above)" "$KAFKA_LOG" \
    "fix the cause above, then: bash infra/stack.sh stop && bash infra/stack.sh start (full logs in $KAFKA_LOG_DIR)"
}

kafka_wait() {
  local pid deadline
  deadline=$(($(now_ms) + KAFKA_START_TIMEOUT * 1000))
  while :; do
    if ! pid=$(kafka_pid); then
      # The engines' ports lie in Linux's ephemeral range (32768-60999), so an outgoing connection
      # can hold one for a while; a broker that could not bind gets one more launch.
      if [[ ${KAFKA_BIND_RETRIED:-false} == false ]] && grep -q "Address already in use" "$KAFKA_LOG" 2>/dev/null; then
        KAFKA_BIND_RETRIED=true
        warn "kafka could not bind a port ($(grep -m 1 -o 'bind to [^:]*:[0-9]*' "$KAFKA_LOG")); launching it once more"
        sleep 2
        kafka_launch
        continue
      fi
      kafka_fail_start "kafka exited during start-up"
    fi
    if ${KAFKA_WAS_RUNNING:-false}; then
      port_listening "$KAFKA_PORT" && break
    # The INFO line from KafkaRaftServer; an old run's line cannot match (log rotated at launch).
    elif grep -q "Kafka Server started" "$KAFKA_LOG" 2>/dev/null && port_listening "$KAFKA_PORT"; then
      break
    fi
    (($(now_ms) < deadline)) || kafka_fail_start "kafka did not print 'Kafka Server started' within ${KAFKA_START_TIMEOUT}s"
    sleep 0.3
  done
  log "kafka ready ($KAFKA_BOOTSTRAP, pid $pid) in $(since "$KAFKA_T0")s"
  kafka_ensure_topics
}

# Creates every topic (and dead-letter topic) of topic-list.json that does not exist yet.
# One JVM lists the existing topics; only missing ones are created (a few JVMs in parallel).
kafka_ensure_topics() {
  local t0 tlog=$LOG_DIR/kafka-topics.log
  t0=$(now_ms)
  if [[ ! -f $KAFKA_TOPICS_FILE ]]; then
    warn "kafka: $KAFKA_TOPICS_FILE does not exist yet, no topics created (auto-create is off)"
    return 0
  fi
  local plan
  plan=$(node "$INFRA_DIR/kafka/topics-plan.js" "$KAFKA_TOPICS_FILE" 2>"$tlog") ||
    fail "cannot read the topic list $KAFKA_TOPICS_FILE" "$tlog" "fix the file, then re-run: bash infra/stack.sh start"
  local existing
  existing=$(kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" --list 2>"$tlog") ||
    fail "listing kafka topics failed" "$tlog" "check that kafka is healthy: bash infra/stack.sh status"

  local -a missing=()
  local name partitions retention policy declared=0
  while read -r name partitions retention policy; do
    [[ -n $name ]] || continue
    declared=$((declared + 1))
    grep -qxF -- "$name" <<<"$existing" || missing+=("$name $partitions $retention $policy")
  done <<<"$plan"

  if ((${#missing[@]} > 0)); then
    log "kafka: creating ${#missing[@]} missing topic(s)"
    : >"$tlog"
    local -a batch=()
    local i line failed=()
    for ((i = 0; i < ${#missing[@]}; i++)); do
      line=${missing[$i]}
      read -r name partitions retention policy <<<"$line"
      kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" --create --if-not-exists \
        --topic "$name" --partitions "$partitions" --replication-factor 1 \
        --config "retention.ms=$retention" --config "cleanup.policy=$policy" >>"$tlog" 2>&1 &
      batch+=("$! $name")
      # Three JVMs at a time is about what 2 cores absorb next to the broker.
      if ((${#batch[@]} == 3 || i == ${#missing[@]} - 1)); then
        local entry
        for entry in "${batch[@]}"; do
          wait "${entry%% *}" || failed+=("${entry#* }")
        done
        batch=()
      fi
    done
    ((${#failed[@]} == 0)) || fail "creating kafka topic(s) failed: ${failed[*]}" "$tlog" \
      "fix the cause above, then re-run: bash infra/stack.sh start"
  fi
  log "kafka topics: $declared declared, ${#missing[@]} created, in $(since "$t0")s"
}

kafka_stop() {
  local pid
  if ! pid=$(kafka_pid); then
    rm -f "$KAFKA_PID_FILE"
    log "kafka not running"
    return 0
  fi
  stop_pid kafka "$pid" "$KAFKA_STOP_TIMEOUT"
  rm -f "$KAFKA_PID_FILE"
  log "kafka stopped (data kept in $KAFKA_DATA)"
}

kafka_status() {
  local pid
  if pid=$(kafka_pid); then
    if port_listening "$KAFKA_PORT"; then
      log "kafka     running  pid $pid  $KAFKA_BOOTSTRAP  healthy"
      return 0
    fi
    log "kafka     running  pid $pid  $KAFKA_BOOTSTRAP  NOT listening"
    return 1
  fi
  log "kafka     stopped  port $KAFKA_PORT"
  return 1
}
