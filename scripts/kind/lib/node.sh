# Node rootfs assembly for scripts/kind/node-image (sourced, not run): kind's
# base files from the kind module, Debian's containerd 1.6 with kind's
# containerd config (two changes), the offline build's Kubernetes binaries,
# the /kind metadata and default manifests kind applies at cluster creation.
# shellcheck shell=bash disable=SC2034

# Debian packages of the node: what kind's base image installs (minus
# fuse-overlayfs, nfs-common and open-iscsi, which the labs never use), plus
# containerd, runc and the CNI plugins from Debian instead of upstream builds.
NODE_PACKAGES=(systemd conntrack iptables nftables iproute2 ethtool util-linux mount kmod
  libseccomp2 pigz bash ca-certificates curl jq procps
  containerd runc containernetworking-plugins)

KIND_FILES() { echo "$KIND_MOD/images/base/files"; }

# kind's containerd config (written for containerd 2 but in the version = 2
# format that containerd 1.6 reads as is), with two changes:
#  - no fuse-overlayfs proxy plugin (only for rootless / zfs hosts; its socket
#    never exists here, and 1.6 would try it on every snapshot GC pass);
#  - restrict_oom_score_adj = true: without CAP_SYS_RESOURCE (this machine's
#    init lacks it, so the node container does too) runc cannot give a pod
#    sandbox oom_score_adj -998. Harmless elsewhere: containerd itself runs at
#    -999, and only values below its own are raised.
containerd_config() {
  python3 - "$(KIND_FILES)/etc/containerd/config.toml" "$KIND_VERSION" <<'PY'
import re, sys
s = open(sys.argv[1]).read()
s, n = re.subn(r'(?ms)^\[proxy_plugins\]\n.*?(?=^\[plugins)', '', s)
assert n == 1, "kind's containerd config: no [proxy_plugins] block"
s, n = re.subn(r'restrict_oom_score_adj = false', 'restrict_oom_score_adj = true', s)
assert n == 1, "kind's containerd config: no restrict_oom_score_adj"
sys.stdout.write("# kind's images/base/files/etc/containerd/config.toml (kind %s), adapted by\n"
                 "# scripts/kind/node-image: no fuse-overlayfs proxy plugin, restrict_oom_score_adj = true\n" % sys.argv[2] + s)
PY
}

# assemble_node R: the node rootfs in R (R holds the unpacked package rootfs).
assemble_node() {
  local r=$1 f
  # -- what kind's base Dockerfile does after installing packages
  find "$r/lib/systemd/system/sysinit.target.wants/" -name systemd-tmpfiles-setup.service -delete
  rm -f "$r"/lib/systemd/system/multi-user.target.wants/* "$r"/etc/systemd/system/*.wants/* \
    "$r"/lib/systemd/system/local-fs.target.wants/* "$r"/lib/systemd/system/sockets.target.wants/*udev* \
    "$r"/lib/systemd/system/sockets.target.wants/*initctl* "$r"/lib/systemd/system/basic.target.wants/*
  echo "ReadKMsg=no" >>"$r/etc/systemd/journald.conf"
  ln -sfn /lib/systemd/systemd "$r/sbin/init"
  # -- kind's base files, from the module (scripts 0755, the rest 0644)
  (cd "$(KIND_FILES)" && find . -type d) | while read -r f; do mkdir -p "$r/$f"; done
  (cd "$(KIND_FILES)" && find . -type f) | while read -r f; do install -m 0644 "$(KIND_FILES)/$f" "$r/$f"; done
  chmod 0755 "$r"/usr/local/bin/* "$r"/kind/bin/* "$r/kind/bin"
  containerd_config >"$r/etc/containerd/config.toml"
  # kind's units start /usr/local/bin/containerd; Debian's is in /usr/bin
  local b
  for b in containerd containerd-shim-runc-v2 ctr; do ln -sfn "/usr/bin/$b" "$r/usr/local/bin/$b"; done
  # CNI plugins where containerd looks for them (Debian puts them in /usr/lib/cni)
  mkdir -p "$r/opt/cni/bin" "$r/etc/cni/net.d"
  for f in "$r"/usr/lib/cni/*; do ln -sfn "/usr/lib/cni/${f##*/}" "$r/opt/cni/bin/${f##*/}"; done
  # the runtime spec kind generates with `ctr oci spec`: product_uuid hook, no rlimits
  in_chroot "$r" sh -c 'ctr oci spec | jq ".hooks.createContainer[.hooks.createContainer | length] |= . + {\"path\": \"/kind/bin/mount-product-files.sh\"}" | jq "del(.process.rlimits)" >/etc/containerd/cri-base.json'
  in_chroot "$r" sh -c 'systemctl enable kubelet.service containerd.service undo-mount-hacks.service && systemctl mask systemd-binfmt.service' >/dev/null 2>&1
  mkdir -p "$r/etc/kubernetes/manifests"
  # -- Kubernetes from the offline build: one multi-call binary
  install -m 0755 "$KUBE_BIN" "$r/usr/bin/kube"
  for b in kubeadm kubelet kubectl; do ln -sfn kube "$r/usr/bin/$b"; done
  echo -n "$K8S_VERSION" >"$r/kind/version"
  mkdir -p "$r/kind/manifests"
  sed "s|@CNI_IMAGE@|$CNI_IMAGE|" "$KIND_DIR/node/default-cni.yaml" >"$r/kind/manifests/default-cni.yaml"
  (cd / && go run "$KIND_DIR/lib/goconst.go" "$KIND_MOD/pkg/build/nodeimage" defaultStorageManifest) \
    >"$r/kind/manifests/default-storage.yaml"
  # what is in here and where it came from
  cat >"$r/kind/labs-node.txt" <<TXT
labs offline kind node image, built by scripts/kind/node-image
kubernetes $K8S_VERSION (offline multi-call build), etcd $ETCD_VERSION, coredns $COREDNS_VERSION
kind base files: sigs.k8s.io/kind@$KIND_VERSION images/base/files
containerd: Debian $(dpkg-query --admindir="$r/var/lib/dpkg" -W -f '${Version}' containerd)
runc: Debian $(dpkg-query --admindir="$r/var/lib/dpkg" -W -f '${Version}' runc)
CNI: labs-cni DaemonSet (ptp + host-local + portmap, Debian containernetworking-plugins $(dpkg-query --admindir="$r/var/lib/dpkg" -W -f '${Version}' containernetworking-plugins))
storage: rancher.io/local-path-provisioner $LPP_VERSION, helper = labs busybox
TXT
  # kind's base image sets this; the entrypoint runs systemd as PID 1
  : >"$r/etc/machine-id"
}
