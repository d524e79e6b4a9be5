# shellcheck shell=bash
# Helm 3, to lint and render the production chart (infra/helm/reintegra) in `npm test`: built from
# its Go module through the Go module proxy with this machine's Go (no downloaded binary) and
# cached under $CACHE_DIR like the other tools. Only the CLI is needed; no cluster is contacted.
#
# Sourced by infra/stack.sh users, or run on its own:
#   bash infra/lib/helm.sh install   build if missing (minutes once), print the binary's path
#   bash infra/lib/helm.sh path      print the binary's path if cached, else exit 3

HELM_VERSION=${HELM_VERSION:-3.19.5}

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

helm_install() { helm_installed || with_cache_lock "helm-$HELM_VERSION" helm_build; }

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
