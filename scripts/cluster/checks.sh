# What scripts/cluster/up checks once every component runs: a claim on the hostpath class binds, and (with a busybox
# image imported) a pod resolves a cluster name through the kube-dns Service and writes to that claim. Sourced, not
# run: needs common.sh and up's wait_ready and ctr_.
# shellcheck shell=bash

# A PVC on the hostpath class must bind (dynamic provisioning works).
kubectl_ delete pvc labs-up-check --ignore-not-found --wait=true >/dev/null
render up-check-pvc.yaml | kubectl_ apply -f - >/dev/null
pvc_bound() { [[ $(kubectl_ get pvc labs-up-check -o 'jsonpath={.status.phase}') == Bound ]]; }
wait_ready kube-controller-manager 60 "test PVC to bind" pvc_bound

# With a busybox image present, check from inside a pod: cluster DNS through
# the kube-dns Service, and writing to the PVC.
BUSYBOX=$(ctr_ -n k8s.io images ls -q | grep -E '(^|/)busybox:[^@]*$' | head -n1 || true)
if [[ -n $BUSYBOX ]]; then
  render up-check-pod.yaml | kubectl_ apply -f - >/dev/null
  pod_done() { [[ $(kubectl_ get pod labs-up-check -o 'jsonpath={.status.phase}') =~ ^(Succeeded|Failed)$ ]]; }
  wait_ready kubelet 120 "in-pod DNS/PVC check" pod_done
  if [[ $(kubectl_ get pod labs-up-check -o 'jsonpath={.status.phase}') != Succeeded ]]; then
    echo "up: in-pod check failed:" >&2
    kubectl_ logs labs-up-check >&2 || true
    kubectl_ describe pod labs-up-check | tail -n 15 >&2 || true
    exit 1
  fi
  echo "up: pod check ok (DNS from a pod, write to a hostpath PVC)"
  kubectl_ delete pod labs-up-check --grace-period=0 --wait=true >/dev/null
else
  echo "up: no busybox image imported; skipped the in-pod check"
fi
kubectl_ delete pvc labs-up-check --wait=false >/dev/null
