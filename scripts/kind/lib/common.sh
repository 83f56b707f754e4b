# Shared settings for scripts/kind/*. Sourced, not run.
# shellcheck shell=bash disable=SC2034

KIND_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_DIR=$(cd "$KIND_DIR/../.." && pwd)

# The offline cluster's build cache: binaries (bin/kube, etcd, coredns) and
# image archives (images/*.tar) are reused from there.
CACHE=${LABS_CLUSTER_CACHE:-/var/cache/labs-cluster}
CLUSTER_BIN=$CACHE/bin
IMAGE_ARCHIVES=$CACHE/images
# Our cache: kind binary, node image build parts, docker's data root (images).
KIND_CACHE=${LABS_KIND_CACHE:-$CACHE/kind}
# Our state while docker runs: pid file, log, daemon.json, runc wrapper, and
# what the machine looked like before (for docker-down). Removed by docker-down.
KIND_STATE=${LABS_KIND_STATE:-/var/lib/labs-kind}

KIND_VERSION=${LABS_KIND_VERSION:-v0.30.0}
KIND_BIN=$KIND_CACHE/bin/kind
KIND_LINK=/usr/local/bin/kind
DOCKER_DATA=$KIND_CACHE/docker
DOCKERD_PID=$KIND_STATE/dockerd.pid
DOCKERD_LOG=$KIND_STATE/dockerd.log
DOCKER_SOCK=/var/run/docker.sock

# Clusters that the scripts and labs create; docker-down deletes only these.
KIND_CLUSTERS=(labs labs-smoke)

export GOTOOLCHAIN=local GOWORK=off
[[ -d /usr/local/go/bin ]] && PATH=$PATH:/usr/local/go/bin

log() { echo "${LOG_TAG:-kind}: $*" >&2; }
die() { echo "${LOG_TAG:-kind}: ERROR: $*" >&2; exit 1; }
need_root() { [[ $(id -u) == 0 ]] || die "must run as root"; }

# Poll a command until it succeeds or a deadline passes (no fixed sleeps).
# usage: wait_for SECONDS DESCRIPTION CMD...
wait_for() {
  local timeout=$1 what=$2; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      log "timed out after ${timeout}s waiting for $what"
      return 1
    fi
    sleep 0.5
  done
}

# Seconds with one decimal since $1 (a `date +%s.%N` stamp).
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# 0 if the bounding set of this process lacks CAP_SYS_RESOURCE (bit 24).
lacks_sys_resource() {
  local bnd
  bnd=$(awk '/^CapBnd:/ {print $2}' /proc/self/status)
  (( (0x$bnd >> 24 & 1) == 0 ))
}

dockerd_running() {
  local pid
  [[ -f $DOCKERD_PID ]] || return 1
  pid=$(<"$DOCKERD_PID")
  [[ -n $pid && -d /proc/$pid ]] && [[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) != Z ]]
}
