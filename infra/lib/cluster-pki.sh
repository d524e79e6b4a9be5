# shellcheck shell=bash
# A development certificate authority for the cluster profile (openssl): one CA, a server
# certificate for the Kafka brokers and one for the Temporal processes (both also used as client
# certificates between the engine's own nodes), and one client certificate per service (its Kafka
# and Temporal identity). DEV-ONLY: the CA key sits next to the certificates in the state dir.

CLUSTER_PKI_DIR=$STACK_DIR/pki
CLUSTER_CA=$CLUSTER_PKI_DIR/ca.pem
CLUSTER_CA_KEY=$CLUSTER_PKI_DIR/ca.key
# The names the engines' certificates answer to (TEMPORAL_TLS_SERVER_NAME of the clients).
CLUSTER_KAFKA_SERVER_NAME=kafka.reintegra.internal
CLUSTER_TEMPORAL_SERVER_NAME=temporal.reintegra.internal
# Client identities: the services (as in tools/scripts/lib.sh), the stack's own admin tools, and
# the failover test.
CLUSTER_CLIENTS=(intake orchestrator employment-matching education-enrolment victim-support
  supervisor-api partner-gateway community-inclusion service-directory notifications admin cluster-e2e)

# cluster_pki_issue <name> <CN> <extendedKeyUsage> [<subjectAltName>]
cluster_pki_issue() {
  local name=$1 cn=$2 usage=$3 san=${4:-} plog=$LOG_DIR/cluster-pki.log ext
  [[ -s $CLUSTER_PKI_DIR/$name.pem && -s $CLUSTER_PKI_DIR/$name.key ]] && return 0
  ext=$CLUSTER_PKI_DIR/$name.ext
  {
    echo "basicConstraints=CA:FALSE"
    echo "keyUsage=digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=$usage"
    [[ -z $san ]] || echo "subjectAltName=$san"
  } >"$ext"
  {
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$CLUSTER_PKI_DIR/$name.key" \
      -out "$CLUSTER_PKI_DIR/$name.csr" -subj "/O=Reintegra development/CN=$cn" &&
      openssl x509 -req -in "$CLUSTER_PKI_DIR/$name.csr" -CA "$CLUSTER_CA" -CAkey "$CLUSTER_CA_KEY" \
        -CAcreateserial -days 825 -sha256 -extfile "$ext" -out "$CLUSTER_PKI_DIR/$name.pem"
  } >>"$plog" 2>&1 || fail "issuing the certificate '$name' failed" "$plog"
  rm -f "$CLUSTER_PKI_DIR/$name.csr" "$ext"
  chmod 600 "$CLUSTER_PKI_DIR/$name.key"
}

# Idempotent: what exists is kept (rm -rf $CLUSTER_PKI_DIR and start again for new material).
cluster_pki_ensure() {
  require_cmd openssl "install openssl (apt-get install -y openssl)"
  local t0 plog=$LOG_DIR/cluster-pki.log client
  t0=$(now_ms)
  mkdir -p "$CLUSTER_PKI_DIR" "$LOG_DIR"
  chmod 700 "$CLUSTER_PKI_DIR"
  if [[ ! -s $CLUSTER_CA || ! -s $CLUSTER_CA_KEY ]]; then
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$CLUSTER_CA_KEY" -out "$CLUSTER_CA" -days 825 \
      -sha256 -subj "/O=Reintegra development/CN=Reintegra development CA" >"$plog" 2>&1 ||
      fail "creating the development CA failed" "$plog"
    chmod 600 "$CLUSTER_CA_KEY"
    log "cluster: development CA created ($CLUSTER_CA)"
  fi
  local san="DNS:localhost,IP:127.0.0.1"
  cluster_pki_issue kafka-broker "$CLUSTER_KAFKA_SERVER_NAME" serverAuth,clientAuth \
    "DNS:$CLUSTER_KAFKA_SERVER_NAME,$san"
  cluster_pki_issue temporal-server "$CLUSTER_TEMPORAL_SERVER_NAME" serverAuth,clientAuth \
    "DNS:$CLUSTER_TEMPORAL_SERVER_NAME,$san"
  for client in "${CLUSTER_CLIENTS[@]}"; do
    cluster_pki_issue "client-$client" "$client" clientAuth
  done
  # The brokers' key store (PKCS#12; the JVM reads the CA as a PEM trust store directly).
  if [[ ! -s $CLUSTER_PKI_DIR/kafka-broker.p12 ]]; then
    openssl pkcs12 -export -in "$CLUSTER_PKI_DIR/kafka-broker.pem" -inkey "$CLUSTER_PKI_DIR/kafka-broker.key" \
      -name broker -passout "pass:$(cluster_store_password)" -out "$CLUSTER_PKI_DIR/kafka-broker.p12" >>"$plog" 2>&1 ||
      fail "building the brokers' PKCS#12 key store failed" "$plog"
    openssl pkcs12 -export -in "$CLUSTER_PKI_DIR/client-admin.pem" -inkey "$CLUSTER_PKI_DIR/client-admin.key" \
      -name admin -passout "pass:$(cluster_store_password)" -out "$CLUSTER_PKI_DIR/client-admin.p12" >>"$plog" 2>&1 ||
      fail "building the admin tools' PKCS#12 key store failed" "$plog"
  fi
  log "cluster: certificates ready in $CLUSTER_PKI_DIR ($(since "$t0")s)"
}

# DEV-ONLY secrets, derived so that env/status need no state: the key stores' password and each
# Kafka SCRAM user's password (<user>_kafka_pw, the same pattern as the database roles).
cluster_store_password() { printf 'reintegra_dev_store_pw'; }
cluster_kafka_password() { printf '%s_kafka_pw' "$1"; }
