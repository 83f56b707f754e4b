# Container images preloaded into the node's containerd, for
# scripts/kind/node-image (sourced, not run). Every image is made here from
# the offline build's binaries, Debian packages and our own image archives,
# under the exact names kubeadm (`kubeadm config images list`) and kind's
# manifests use, so nothing is ever pulled.
# shellcheck shell=bash

# kubeadm_image NAME: the reference kubeadm uses for NAME (kube-apiserver, etcd, ...)
kubeadm_image() {
  "$CLUSTER_BIN/kubeadm" config images list --kubernetes-version "$K8S_VERSION" | grep -E "/$1:" | head -n1
}

# Small "distroless"-like base: users, groups, /tmp, CA bundle.
static_layer() {
  local d=$1
  mkdir -p "$d"/{etc/ssl/certs,tmp,root,home/nonroot,var/run}
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$d/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n' >"$d/etc/group"
  printf 'hosts: files dns\n' >"$d/etc/nsswitch.conf"
  cp /etc/ssl/certs/ca-certificates.crt "$d/etc/ssl/certs/ca-certificates.crt"
  chmod 1777 "$d/tmp"
  chmod 700 "$d/root" "$d/home/nonroot"
  chown 65532:65532 "$d/home/nonroot"
}

# build_component_images OUT.tar: one OCI archive with the control plane,
# kube-proxy, etcd, CoreDNS and local-path-provisioner images.
build_component_images() {
  local out=$1 L=$TMP/layers
  mkdir -p "$L"
  static_layer "$L/static"
  # one layer with the multi-call Kubernetes binary, shared by four images
  mkdir -p "$L/kube/usr/local/bin"
  install -m 0755 "$KUBE_BIN" "$L/kube/usr/local/bin/kube"
  local c
  for c in kube-apiserver kube-controller-manager kube-scheduler kube-proxy; do
    ln -s kube "$L/kube/usr/local/bin/$c"
  done
  # kube-proxy (iptables mode) needs iptables and conntrack: Debian minbase + those
  unpack_rootfs "$(packages_tar kube-proxy-base iptables conntrack)" "$L/proxybase"
  mkdir -p "$L/etcd/usr/local/bin"
  install -m 0755 "$ETCD_BIN" "$L/etcd/usr/local/bin/etcd"
  ln -s etcd "$L/etcd/usr/local/bin/etcdctl"
  mkdir -p "$L/coredns"
  install -m 0755 "$COREDNS_BIN" "$L/coredns/coredns"
  mkdir -p "$L/lpp/usr/local/bin"
  install -m 0755 "$LPP_BIN" "$L/lpp/usr/local/bin/local-path-provisioner"

  local desc='labs offline stand-in built by scripts/kind/node-image'
  python3 - "$TMP/images.json" <<PY
import json, sys
L = "$L"
def img(name, layers, config, what):
    config.setdefault("Env", ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"])
    config.setdefault("Labels", {})["org.opencontainers.image.description"] = "$desc: " + what
    return {"names": [name], "layers": layers, "config": config, "comment": "$desc: " + what}
k8s = "Kubernetes $K8S_VERSION (offline multi-call build)"
spec = {
  "layers": {n: L + "/" + n for n in ("static", "kube", "proxybase", "etcd", "coredns", "lpp")},
  "images": [
    img("$(kubeadm_image kube-apiserver)", ["static", "kube"], {"Entrypoint": ["/usr/local/bin/kube-apiserver"]}, k8s),
    img("$(kubeadm_image kube-controller-manager)", ["static", "kube"], {"Entrypoint": ["/usr/local/bin/kube-controller-manager"]}, k8s),
    img("$(kubeadm_image kube-scheduler)", ["static", "kube"], {"Entrypoint": ["/usr/local/bin/kube-scheduler"]}, k8s),
    img("$(kubeadm_image kube-proxy)", ["proxybase", "kube"], {"Entrypoint": ["/usr/local/bin/kube-proxy"]},
        k8s + " on Debian minbase with iptables and conntrack"),
    img("$(kubeadm_image etcd)", ["static", "etcd"], {"Cmd": ["/usr/local/bin/etcd"]}, "etcd $ETCD_VERSION"),
    img("$(kubeadm_image coredns)", ["static", "coredns"],
        {"Entrypoint": ["/coredns"], "ExposedPorts": {"53/tcp": {}, "53/udp": {}, "9153/tcp": {}}}, "CoreDNS $COREDNS_VERSION"),
    img("$LPP_IMAGE", ["static", "lpp"], {"Entrypoint": ["/usr/local/bin/local-path-provisioner"]},
        "rancher local-path-provisioner $LPP_VERSION"),
  ],
}
for i in spec["images"]:
    assert i["names"][0], "kubeadm config images list lacks an image"
json.dump(spec, open(sys.argv[1], "w"), indent=1)
PY
  GZIP_LEVEL=${GZIP_LEVEL:-5} python3 "$KIND_DIR/lib/ocimulti.py" "$TMP/images.json" "$out" | sed 's/^/  /' >&2
}

# preload R ARCHIVE...: import the archives into the node's containerd store
# (R/var/lib/containerd) with a private containerd of the same Debian
# version, without unpacking (containerd unpacks on first use, as with
# kind's own images), then fix up names.
preload() {
  local r=$1; shift
  local d
  d=$(mktemp -d /run/labs-kind-ctr.XXXXXX)
  cat >"$d/config.toml" <<TOML
version = 2
root = "$r/var/lib/containerd"
state = "$d/state"
disabled_plugins = ["io.containerd.grpc.v1.cri", "io.containerd.snapshotter.v1.btrfs",
  "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper",
  "io.containerd.snapshotter.v1.aufs", "io.containerd.internal.v1.tracing"]
[grpc]
  address = "$d/c.sock"
[ttrpc]
  address = "$d/c.sock.ttrpc"
TOML
  unshare --mount --propagation private containerd --config "$d/config.toml" >"$d/log" 2>&1 &
  local pid=$!
  local ctr=(ctr --address "$d/c.sock" --namespace k8s.io)
  wait_for 30 "private containerd" "${ctr[@]}" version || { cat "$d/log" >&2; die "private containerd did not start"; }
  local a
  for a in "$@"; do
    "${ctr[@]}" images import --all-platforms --no-unpack "$a" >/dev/null
  done
  # pause: kubeadm's name as well as the one in containerd's config
  "${ctr[@]}" images tag --force "$PAUSE_IMAGE" "$(kubeadm_image pause)" >/dev/null
  # our busybox is the local-path helper and runs the CNI installer; its own
  # names are left to `kind load` (labs loads the busybox archive itself)
  "${ctr[@]}" images tag --force docker.io/library/busybox:1.36 "$LPP_HELPER_IMAGE" "$CNI_IMAGE" >/dev/null
  "${ctr[@]}" images rm docker.io/library/busybox:1.36 docker.io/library/busybox:latest >/dev/null
  local i
  for i in $("${ctr[@]}" images list -q); do
    "${ctr[@]}" images label "$i" io.cri-containerd.pinned=pinned >/dev/null
  done
  "${ctr[@]}" images list -q | sed 's/^/  preloaded /' >&2
  kill -TERM "$pid"
  wait "$pid" || true
  rm -rf "$d"
}
