# The cluster's certificates and kubeconfigs, for scripts/cluster/up. Sourced, not run: needs common.sh, $NODE_IP.
# shellcheck shell=bash

# ------------------------------------------------------------ certificates
# A private CA signs every serving and client cert (EC keys: fast to make).
# Identities follow the names Kubernetes' RBAC defaults expect.
cert() { # name CN O kind(client|server) [SANs]
  local name=$1 cn=$2 o=$3 kind=$4 sans=${5:-}
  [[ -f $PKI/$name.crt ]] && return 0
  openssl ecparam -name prime256v1 -genkey -noout -out "$PKI/$name.key" 2>/dev/null
  local subj="/CN=$cn"; [[ -z $o ]] || subj="/O=$o$subj"
  openssl req -new -key "$PKI/$name.key" -subj "$subj" -out "$PKI/$name.csr" 2>/dev/null
  {
    echo "basicConstraints=CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    if [[ $kind == server ]]; then echo "extendedKeyUsage=serverAuth,clientAuth"; else echo "extendedKeyUsage=clientAuth"; fi
    [[ -z $sans ]] || echo "subjectAltName=$sans"
  } >"$PKI/$name.ext"
  openssl x509 -req -in "$PKI/$name.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial \
    -days 3650 -sha256 -extfile "$PKI/$name.ext" -out "$PKI/$name.crt" 2>/dev/null
  rm -f "$PKI/$name.csr" "$PKI/$name.ext"
}
if [[ ! -f $PKI/ca.crt ]]; then
  openssl ecparam -name prime256v1 -genkey -noout -out "$PKI/ca.key" 2>/dev/null
  openssl req -x509 -new -key "$PKI/ca.key" -subj "/CN=labs-local-ca" -days 3650 -sha256 \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
    -out "$PKI/ca.crt" 2>/dev/null
fi
cert apiserver kube-apiserver "" server \
  "DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,DNS:localhost,DNS:$NODE_NAME,IP:127.0.0.1,IP:$API_SERVICE_IP,IP:$NODE_IP"
cert admin labs-admin system:masters client
cert apiserver-kubelet-client kube-apiserver-kubelet-client system:masters client
cert controller-manager system:kube-controller-manager "" client
cert scheduler system:kube-scheduler "" client
cert kubelet "system:node:$NODE_NAME" system:nodes client
cert kube-proxy system:kube-proxy "" client
cert coredns labs:coredns "" client
cert netpol labs:netpol "" client
# Service-account token signing key pair.
if [[ ! -f $PKI/sa.key ]]; then
  openssl genrsa -out "$PKI/sa.key" 2048 2>/dev/null
  openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null
fi

# ------------------------------------------------------------ kubeconfigs
kubeconfig() { # file cert-name
  local b64ca b64crt b64key
  b64ca=$(base64 -w0 "$PKI/ca.crt"); b64crt=$(base64 -w0 "$PKI/$2.crt"); b64key=$(base64 -w0 "$PKI/$2.key")
  local USER_NAME=$2
  render kubeconfig.yaml >"$1"
  chmod 600 "$1"
}
kubeconfig "$KCFG" admin
for c in controller-manager scheduler kubelet kube-proxy coredns netpol; do
  kubeconfig "$STATE/$c.kubeconfig" "$c"
done
