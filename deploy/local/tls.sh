#!/usr/bin/env bash
# Makes the certificates for a TLS federation on this machine (deploy/local/up.sh with INCX_TLS=1):
# one local certificate authority and, per node, a certificate for 127.0.0.1 / localhost that
# serves both as the broker's and the gateway's server certificate and as the client certificate
# the node's broker presents on its federation links. Existing files are kept.
#
#   deploy/local/tls.sh <dir> <node> [node ...]
#
# Writes <dir>/ca.pem (give it to every client and peer), <dir>/ca.key, <dir>/<node>.pem and
# <dir>/<node>.key (mode 0600). A real CERT uses certificates from its own PKI instead (deploy/README.md).
set -euo pipefail
die() { echo "tls.sh: $*" >&2; exit 1; }
(( $# >= 2 )) || die "usage: tls.sh <dir> <node> [node ...]"
dir="$1"; shift
if ! command -v openssl >/dev/null; then
  [[ $EUID -eq 0 ]] || die "openssl is not installed; install it (apt-get install openssl)."
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q openssl >/dev/null || die "installing openssl failed."
fi
mkdir -p "$dir"
umask 077
if [[ ! -s "$dir/ca.pem" ]]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 825 \
    -subj "/CN=incx local CA" -keyout "$dir/ca.key" -out "$dir/ca.pem" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null \
    || die "could not create the local certificate authority."
fi
chmod 644 "$dir/ca.pem"
for node in "$@"; do
  [[ -s "$dir/$node.pem" ]] && continue
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$node" \
    -keyout "$dir/$node.key" -out "$dir/$node.csr" 2>/dev/null || die "could not create the key of $node."
  printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth,clientAuth" "subjectAltName=DNS:localhost,IP:127.0.0.1" >"$dir/$node.ext"
  openssl x509 -req -in "$dir/$node.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial \
    -days 825 -extfile "$dir/$node.ext" -out "$dir/$node.pem" 2>/dev/null || die "could not sign the certificate of $node."
  rm -f "$dir/$node.csr" "$dir/$node.ext"
  chmod 644 "$dir/$node.pem"
done
