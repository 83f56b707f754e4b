# Shared settings for scripts/cluster/{up,down}. Sourced, not run.
# shellcheck shell=bash disable=SC2034

CLUSTER_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${LABS_CLUSTER_CACHE:-/var/cache/labs-cluster}
STATE=${LABS_CLUSTER_STATE:-/var/lib/labs-cluster}
BIN=$CACHE/bin

# Everything a run creates lives below $STATE so `down` can remove it whole.
PKI=$STATE/pki
LOGS=$STATE/logs
PIDS=$STATE/pids
KCFG=$STATE/kubeconfig               # admin kubeconfig, context labs-local
CONTAINERD_DIR=$STATE/containerd
CONTAINERD_SOCK=$CONTAINERD_DIR/containerd.sock
RUNC_ROOT=$CONTAINERD_DIR/runc       # runc state, so down can clean without containerd
KUBELET_DIR=$STATE/kubelet
CNI_CONF_DIR=$STATE/cni/net.d
CNI_DATA_DIR=$STATE/cni/networks
ETCD_DATA=$STATE/etcd

# The in-tree hostpath provisioner always creates volumes under this path
# (hard-coded in k8s.io/kubernetes/pkg/volume/hostpath); down removes it.
HOSTPATH_PV_DIR=/tmp/hostpath_pv

NODE_NAME=labs-node
CONTEXT=labs-local
POD_CIDR=10.244.0.0/24
CLUSTER_CIDR=10.244.0.0/16
SERVICE_CIDR=10.96.0.0/16
API_SERVICE_IP=10.96.0.1
DNS_SERVICE_IP=10.96.0.10
BRIDGE=labs0
APISERVER_PORT=6443
ETCD_CLIENT=http://127.0.0.1:2379
ETCD_PEER=http://127.0.0.1:2380

# Processes in start order; down stops them in reverse.
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler containerd kubelet kube-proxy labs-netpol coredns)

# NetworkPolicy enforcement (labs-netpol, built by build-netpol): the one
# nftables table it owns (family ip) and its health endpoint.
NETPOL_TABLE=labs_netpol
NETPOL_HEALTH=127.0.0.1:10264

# Node IP: the address of the interface holding the default route (falls back
# to the first global IPv4 address). Pods reach CoreDNS there.
node_ip() {
  local ip
  local dev
  dev=$(ip -4 route show default | awk '{for (i = 1; i < NF; i++) if ($i == "dev") print $(i + 1)}' | head -n1)
  [[ -z $dev ]] || ip=$(ip -4 -o addr show dev "$dev" scope global | awk '{print $4}' | cut -d/ -f1 | head -n1)
  [[ -n ${ip:-} ]] || ip=$(ip -4 -o addr show scope global | awk '{print $4}' | cut -d/ -f1 | head -n1)
  echo "$ip"
}

# Running, and not a zombie waiting for init to reap it (our processes are
# reparented to PID 1 once `up` exits, and it reaps them only now and then).
running() {
  local state
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ -n $state && $state != Z ]]
}

pid_alive() { # component -> 0 if its recorded pid runs
  local f=$PIDS/$1.pid pid
  [[ -f $f ]] || return 1
  pid=$(<"$f")
  [[ -n $pid ]] && running "$pid"
}

# Poll a command until it succeeds or a deadline passes (no fixed sleeps).
# usage: wait_for SECONDS DESCRIPTION CMD...
wait_for() {
  local timeout=$1 what=$2; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      echo "up: timed out after ${timeout}s waiting for $what" >&2
      return 1
    fi
    sleep 0.5
  done
}

kubectl_() { "$BIN/kubectl" --kubeconfig "$KCFG" --context "$CONTEXT" "$@"; }

# Prints config/<name> with its $VARIABLES filled in from the caller's shell (locals included). Only parameter
# expansion: a template holding a command substitution (a backtick or "$(") is refused.
render() {
  local file=$CLUSTER_DIR/config/$1 body
  body=$(<"$file")
  if [[ $body == *'`'* || $body == *'$('* ]]; then
    echo "render: $file holds a command substitution; templates may only name variables" >&2
    return 1
  fi
  eval "cat <<__LABS_TEMPLATE__
$body
__LABS_TEMPLATE__"
}
